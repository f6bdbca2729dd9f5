// On-demand sessions (views, cancels, WLM edits) reused across calls. Opening a pool and probing the
// cluster's capabilities for every call cost a connection handshake and three probe statements each
// time (issue #15: every cancel paid for them). A session stays open while in use and for a short
// idle time after, and is closed when its connection changes or the core stops.
import type { RedshiftSession } from './RedshiftSession.ts';

interface Entry {
  session: Promise<RedshiftSession>;
  users: number;
  idle: NodeJS.Timeout | null;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly idleMs: number) {}

  /** Runs fn on the session cached under key, opening it with open() the first time. */
  async use<T>(
    key: string,
    open: () => Promise<RedshiftSession>,
    fn: (session: RedshiftSession) => Promise<T>,
  ): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { session: open(), users: 0, idle: null };
      this.entries.set(key, entry);
      // A session that failed to open is not cached: the next call tries again.
      entry.session.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    if (entry.idle) clearTimeout(entry.idle);
    entry.idle = null;
    entry.users += 1;
    try {
      return await fn(await entry.session);
    } finally {
      entry.users -= 1;
      if (entry.users === 0 && this.entries.get(key) === entry) {
        const idle = entry;
        idle.idle = setTimeout(() => void this.close(key, idle), this.idleMs);
        idle.idle.unref();
      }
    }
  }

  /** Closes every session whose key starts with prefix (all of them without one). */
  async closeAll(prefix = ''): Promise<void> {
    const closing = [...this.entries].filter(([key]) => key.startsWith(prefix));
    await Promise.allSettled(closing.map(([key, entry]) => this.close(key, entry)));
  }

  get size(): number {
    return this.entries.size;
  }

  private async close(key: string, entry: Entry): Promise<void> {
    if (this.entries.get(key) === entry) this.entries.delete(key);
    if (entry.idle) clearTimeout(entry.idle);
    // Calls still running on it keep their session until close() cancels them: a removed or changed
    // connection must not keep answering with the old endpoint.
    const session = await entry.session.catch(() => null);
    await session?.close();
  }
}

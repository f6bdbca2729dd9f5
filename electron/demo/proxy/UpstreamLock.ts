// The proxy-wide lock on a single-backend engine (PGlite behind pglite-socket). pglite-socket feeds the
// one backend message by message, taking turns between connections, so without it the Parse / Bind /
// Execute of one session could run between another session's Bind and Execute: the unnamed statement
// or portal would be swapped under it ("bind message supplies 1 parameters, but prepared statement ""
// requires 13"), and a simple Query in between destroys it. Whoever writes to the engine - a client
// session or the proxy's own admin connection - holds the lock from its first message of a sequence
// up to the ReadyForQuery that ends it, so sequences reach the engine whole, one after another.
//
// FIFO, not reentrant. A session whose statement is being admitted never holds it (admission writes the
// registry through the admin connection, and a statement queued in WLM would block the statements whose
// slots it waits for): see ProxySession.maybeReleaseLock.

export class UpstreamLock {
  private held = false;
  private readonly waiters: (() => void)[] = [];
  /** Background writers (the demo's history): served only when no session waits. */
  private readonly background: (() => void)[] = [];

  /**
   * Resolves once the caller holds the lock, with the function that releases it (idempotent).
   * 'background' waits until no 'session' caller is waiting, so bulk writes never hold up a poll by
   * more than one of their transactions.
   */
  acquire(priority: 'session' | 'background' = 'session'): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = (): void => {
        this.held = true;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.handOver();
        });
      };
      if (!this.held) grant();
      else if (priority === 'session') this.waiters.push(grant);
      else this.background.push(grant);
    });
  }

  /** Someone holds the lock right now (for tests and diagnostics). */
  get busy(): boolean {
    return this.held;
  }

  private handOver(): void {
    const next = this.waiters.shift() ?? this.background.shift();
    if (next === undefined) this.held = false;
    else next();
  }
}

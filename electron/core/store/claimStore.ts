// One writer per store. Admin actions are exactly-once across processes on their own (their claims
// live in the store), but two collectors writing one history, two retention passes and two audit
// writers are still a mistake a user makes by accident: serve defaults to the desktop app's data
// directory. The owner row names the process that holds the store, so a second one can say who it is.
// It is taken in a write transaction: SQLite serialises two processes starting at the same moment.
import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { isProcessAlive } from '../base/isProcessAlive.ts';

export interface StoreOwner {
  pid: number;
  host: string;
  /** Which door the owner serves, in words: "the desktop app", "serve (door 2, admin)". */
  door: string;
  startedAt: string;
}

export class StoreInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: StoreOwner,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Nightshift (${describeOwner(owner)}). ` +
        'Stop that one, choose another data directory, or open this one read-only (serve --read-only-store).',
    );
    this.name = 'StoreInUse';
  }
}

export function describeOwner(owner: StoreOwner): string {
  const where = owner.host === hostname() ? '' : ` on ${owner.host}`;
  return `pid ${owner.pid}${where}, ${owner.door}, started ${owner.startedAt.replace('T', ' ').slice(0, 19)} UTC`;
}

/** Takes the store for this process, or throws StoreInUse naming the live owner. */
export function claimStore(db: Database.Database, dataDir: string, door: string): { release(): void } {
  const me: StoreOwner = { pid: process.pid, host: hostname(), door, startedAt: new Date().toISOString() };
  db.transaction(() => {
    const other = ownerOf(db);
    if (other && other.pid !== me.pid && isLive(other)) throw new StoreInUse(dataDir, other);
    // No owner, or one that is gone (a crash or kill -9 leaves its row): take over.
    db.prepare(
      `INSERT INTO store_owner (id, pid, host, door, started_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, host = excluded.host, door = excluded.door,
         started_at = excluded.started_at`,
    ).run(me.pid, me.host, me.door, me.startedAt);
  }).immediate();
  return {
    release: () => {
      db.prepare('DELETE FROM store_owner WHERE pid = ? AND host = ?').run(me.pid, me.host);
    },
  };
}

/** Who holds the store now, if anyone alive does. */
export function liveOwnerOf(db: Database.Database): StoreOwner | null {
  const owner = ownerOf(db);
  return owner && isLive(owner) ? owner : null;
}

function ownerOf(db: Database.Database): StoreOwner | null {
  const row = db.prepare('SELECT pid, host, door, started_at FROM store_owner WHERE id = 1').get() as
    { pid: number; host: string; door: string; started_at: string } | undefined;
  return row ? { pid: row.pid, host: row.host, door: row.door, startedAt: row.started_at } : null;
}

/** Another machine's process cannot be checked: a store shared over a network drive stays taken. */
function isLive(owner: StoreOwner): boolean {
  return owner.host !== hostname() || isProcessAlive(owner.pid);
}

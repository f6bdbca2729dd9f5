// One kill -9 cycle, shared by the test (20 cycles) and scripts/soak-kill9.ts (100): new statements
// appear on the double, serve collects them, and is killed with SIGKILL while it writes. Afterwards
// the store must pass `PRAGMA integrity_check`, still hold every row that was committed before the kill,
// and hold no statement twice.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type pg from 'pg';
import { openStore } from '../../../../electron/core/store/openStore.ts';
import { seedDoubleHistory } from './seedDouble.ts';
import { startServeChild } from './serveChild.ts';

export interface KillCycleOptions {
  dataDir: string;
  connectionUrl: string;
  connectionId: string;
  /** Superuser straight to the engine, for seeding. */
  seeder: pg.Client;
  /** New statements before this cycle. */
  newRows: number;
  /** Seeded statements end after this time (moves forward each cycle). */
  endBase: Date;
}

export interface KillCycleResult {
  committedBeforeKill: number;
  afterRestart: number;
  integrity: string;
  duplicates: number;
  lost: number;
}

/** Collector settings for kill tests: small pages, so a kill lands between and inside transactions. */
export const KILL_SETTINGS = {
  historyPageSize: 100,
  historyPagesPerRun: 1,
  intervalsMs: { query_history: 200, live_activity: 1_000, wlm_state: 1_000 },
};

export function prepareStore(dataDir: string): void {
  const db = openStore({ dataDir });
  db.prepare(
    `INSERT INTO settings (key, value_json, updated_at) VALUES ('collector', ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`,
  ).run(JSON.stringify(KILL_SETTINGS), new Date().toISOString());
  db.close();
}

function storedQueries(dataDir: string, connectionId: string): number[] {
  const db = new Database(join(dataDir, 'nightshift.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return (
      db.prepare('SELECT query FROM queries WHERE connection_id = ?').all(connectionId) as { query: number }[]
    ).map((r) => r.query);
  } finally {
    db.close();
  }
}

export async function killCycle(o: KillCycleOptions): Promise<KillCycleResult> {
  const before = storedQueries(o.dataDir, o.connectionId).length;
  await seedDoubleHistory(o.seeder, { count: o.newRows, endBase: o.endBase });
  const serve = await startServeChild(['--data-dir', o.dataDir, '--connection', o.connectionUrl]);
  let committed: number[];
  try {
    // Kill as soon as this run has committed something new: the next pages are being written.
    const deadline = Date.now() + 30_000;
    while (storedQueries(o.dataDir, o.connectionId).length <= before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 60)));
    committed = storedQueries(o.dataDir, o.connectionId);
  } finally {
    await serve.kill9();
  }
  const db = new Database(join(o.dataDir, 'nightshift.db'));
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const after = (
      db.prepare('SELECT query FROM queries WHERE connection_id = ?').all(o.connectionId) as {
        query: number;
      }[]
    ).map((r) => r.query);
    const afterSet = new Set(after);
    return {
      committedBeforeKill: committed.length,
      afterRestart: after.length,
      integrity,
      duplicates: after.length - afterSet.size,
      lost: committed.filter((q) => !afterSet.has(q)).length,
    };
  } finally {
    db.close();
  }
}

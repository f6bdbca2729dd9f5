// The kill -9 soak, one implementation for the test (a few cycles in every run, all of them when
// NIGHTSHIFT_SOAK_CYCLES is set) and scripts/soak-kill9.ts: new statements appear on the double, serve
// collects them and is killed with SIGKILL while it writes. After each kill the store must pass
// `PRAGMA integrity_check`, still hold every row committed before the kill and hold no statement twice.
// A last clean run must then collect the rest from the watermark (not from the start).
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectorStatus, JobStatus } from '../../../../shared/model/collector.ts';
import { runConnectionId } from '../../../../electron/core/collector/runConnection.ts';
import { openStore } from '../../../../electron/core/store/openStore.ts';
import { startServe } from '../../../support/serveProcess.ts';
import { waitFor } from '../../../support/waitFor.ts';
import type { DoubleDatabase } from '../../../support/doubleDatabase.ts';
import { seedDoubleHistory } from './seedDouble.ts';

/** Cycles the suite runs every time; NIGHTSHIFT_SOAK_CYCLES asks for the long soak. */
export const SHORT_SOAK_CYCLES = 3;

export interface KillCycleResult {
  cycle: number;
  committedBeforeKill: number;
  afterRestart: number;
  /** Statements on the double so far. */
  total: number;
  integrity: string;
  duplicates: number;
  lost: number;
}

export interface KillSoakResult {
  cycles: KillCycleResult[];
  total: number;
  /** Stored before the clean run, and the backfill cursor the killed runs left. */
  storedBefore: number;
  saved: { backfillRead: number; caughtUp: boolean };
  /** The query_history job once the clean run caught up. */
  finalStatus: JobStatus;
  final: { n: number; d: number };
}

/** Collector settings for kill tests: small pages, so a kill lands between and inside transactions. */
export const KILL_SETTINGS = {
  historyPageSize: 100,
  historyPagesPerRun: 1,
  intervalsMs: { query_history: 200, live_activity: 1_000, wlm_state: 1_000 },
};

function prepareStore(dataDir: string): void {
  const db = openStore({ dataDir });
  db.prepare(
    `INSERT INTO settings (key, value_json, updated_at) VALUES ('collector', ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`,
  ).run(JSON.stringify(KILL_SETTINGS), new Date().toISOString());
  db.close();
}

function readStore<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'nightshift.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return read(db);
  } finally {
    db.close();
  }
}

const storedQueries = (dataDir: string, connectionId: string): number[] =>
  readStore(dataDir, (db) =>
    (
      db.prepare('SELECT query FROM queries WHERE connection_id = ?').all(connectionId) as { query: number }[]
    ).map((r) => r.query),
  );

export async function runKillSoak(o: {
  double: DoubleDatabase;
  cycles: number;
  initialRows: number;
  newRowsPerCycle: number;
  /** Called after each cycle (the script prints a line). */
  onCycle?: (result: KillCycleResult) => void;
}): Promise<KillSoakResult> {
  const { double } = o;
  const dataDir = mkdtempSync(join(tmpdir(), 'ns-kill9-'));
  prepareStore(dataDir);
  const seeder = await double.direct();
  const user = 'nightshift_monitor';
  const connectionUrl = `postgres://${user}:${user}_pw@${double.proxy.host}:${double.proxy.port}/${double.database}`;
  const connectionId = runConnectionId({
    kind: 'direct',
    host: double.proxy.host,
    port: double.proxy.port,
    database: double.database,
    user,
    sslMode: 'disable',
  });
  const serveArgs = ['--connection', connectionUrl];
  const base = Date.now() - (o.cycles + 6) * 600_000;
  await seedDoubleHistory(seeder, { count: o.initialRows, endBase: new Date(base) });
  let total = o.initialRows;
  const cycles: KillCycleResult[] = [];
  for (let cycle = 1; cycle <= o.cycles; cycle++) {
    const before = storedQueries(dataDir, connectionId).length;
    await seedDoubleHistory(seeder, { count: o.newRowsPerCycle, endBase: new Date(base + cycle * 600_000) });
    total += o.newRowsPerCycle;
    const serve = await startServe({ dataDir, args: serveArgs, env: { NIGHTSHIFT_QUIET: '1' } });
    let committed: number[];
    try {
      // Kill as soon as this run has committed something new: the next pages are being written. The
      // short random pause moves the kill around inside the next transaction.
      await waitFor(
        () => storedQueries(dataDir, connectionId).length,
        (n) => n > before,
        { what: `cycle ${cycle}: a first new page`, timeoutMs: 60_000, intervalMs: 20 },
      );
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 60)));
      committed = storedQueries(dataDir, connectionId);
    } finally {
      await serve.kill9();
    }
    const db = new Database(join(dataDir, 'nightshift.db'));
    try {
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join('; ');
      const after = (
        db.prepare('SELECT query FROM queries WHERE connection_id = ?').all(connectionId) as {
          query: number;
        }[]
      ).map((r) => r.query);
      const afterSet = new Set(after);
      const result: KillCycleResult = {
        cycle,
        committedBeforeKill: committed.length,
        afterRestart: after.length,
        total,
        integrity,
        duplicates: after.length - afterSet.size,
        lost: committed.filter((q) => !afterSet.has(q)).length,
      };
      cycles.push(result);
      o.onCycle?.(result);
    } finally {
      db.close();
    }
  }

  // A last, clean run collects the rest. The backfill's progress counts every row read since it began,
  // across the killed runs too.
  const { storedBefore, saved } = readStore(dataDir, (db) => {
    const cursor = db.prepare("SELECT value_json FROM watermarks WHERE job = 'query_history'").get() as
      { value_json: string } | undefined;
    return {
      storedBefore: (db.prepare('SELECT count(*) AS n FROM queries').get() as { n: number }).n,
      saved: cursor
        ? (JSON.parse(cursor.value_json) as { backfillRead: number; caughtUp: boolean })
        : { backfillRead: 0, caughtUp: false },
    };
  });
  const serve = await startServe({ dataDir, args: serveArgs, env: { NIGHTSHIFT_QUIET: '1' } });
  try {
    const finalStatus = await waitFor(
      async () => {
        const r = (await serve.call('collector.status')).body as { result?: CollectorStatus };
        return r.result?.connections[0]?.jobs.find((j) => j.job === 'query_history');
      },
      (j) => j !== undefined && j.state.kind === 'ok' && j.backfill?.done !== false,
      { what: 'the final run to catch up', timeoutMs: 120_000 },
    );
    const final = await waitFor(
      () =>
        readStore(
          dataDir,
          (db) =>
            db
              .prepare(
                'SELECT count(*) AS n, count(DISTINCT query) AS d FROM queries WHERE connection_id = ?',
              )
              .get(connectionId) as { n: number; d: number },
        ),
      (row) => row.n >= total,
      { what: 'every statement', timeoutMs: 120_000 },
    );
    return { cycles, total, storedBefore, saved, finalStatus: finalStatus!, final };
  } finally {
    await serve.stop();
    await seeder.end().catch(() => undefined);
  }
}

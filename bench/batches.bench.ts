// Benchmark: the batch views (issue #10) over a store of `nights` nights x `jobs` jobs x `statements`
// statements a job-night (default 400 x 40 x 50 = 800,000 queries; the 400 x 40 x 500 = 8 M
// with `npx tsx bench/batches.bench.ts 400 40 500`). Rows go through the collector's real write path
// (QueryStore.upsert in 5,000-row transactions) once with the rollup upkeep (BatchRollups, as
// queryHistoryJob does) and once without, on two stores, for the upkeep's cost; then batches.drift
// over every night and batches.night of the last night are timed (median of 5) against computing the
// same from the raw query rows (a GROUP BY label per night window: what the views would do without
// rollups). No assertions: figures only.
// Run: npx tsx bench/batches.bench.ts [nights] [jobs] [statements]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { DEFAULT_NIGHT_SPEC, nightWindow } from '../electron/core/base/batchNight.ts';
import { addDays } from '../electron/core/base/zonedTime.ts';
import { readBatchDrift } from '../electron/core/batches/readBatchDrift.ts';
import { readBatchNight } from '../electron/core/batches/readBatchNight.ts';
import { BatchRollups } from '../electron/core/store/batches/BatchRollups.ts';
import { writeBatchSettings } from '../electron/core/store/batches/BatchSettingsStore.ts';
import type { QueryRecord } from '../electron/core/store/history/QueryRecord.ts';
import { QueryStore } from '../electron/core/store/history/QueryStore.ts';
import { openStore } from '../electron/core/store/openStore.ts';

const NIGHTS = Number(process.argv[2] ?? 400);
const JOBS = Number(process.argv[3] ?? 40);
const STATEMENTS = Number(process.argv[4] ?? 50);
const PAGE = 5_000;
const CONNECTION = 'bench-connection';
const LAST_NIGHT = '2026-12-04';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Every statement of one night, in start order: jobs start 01:00 UTC on, each a chain of statements. */
function* nightRows(nightIndex: number, firstQuery: number): Generator<QueryRecord> {
  const night = addDays(LAST_NIGHT, nightIndex - NIGHTS + 1);
  const base = Date.parse(`${night}T01:00:00Z`) * 1000;
  const growth = 1 + 0.01 * nightIndex;
  let q = firstQuery;
  for (let s = 0; s < STATEMENTS; s++)
    for (let j = 0; j < JOBS; j++) {
      const execUs = Math.round((2_000_000 + ((j * 7 + s) % 13) * 500_000) * growth);
      const queueUs = (s + j) % 5 === 0 ? 3_000_000 : 0;
      const startUs = base + j * 120_000_000 + s * 8_000_000 * growth;
      yield {
        connectionId: CONNECTION,
        query: q++,
        startUs,
        endUs: startUs + queueUs + execUs,
        userId: 101,
        userName: 'etl_user',
        pid: 40_000 + j,
        xid: q,
        label: `nightly_job_${String(j).padStart(2, '0')}`,
        database: 'dev',
        serviceClass: 6,
        queueName: 'etl_nightly',
        slotCount: 1,
        queueUs,
        execUs,
        elapsedUs: queueUs + execUs,
        aborted: false,
        fingerprint: `f${j}-${s % 20}`,
        text: `INSERT INTO mart.t_${j} SELECT * FROM stage.s_${j} WHERE day = '${night}' -- ${s}`,
        textComplete: true,
        wlmQueueStartUs: startUs,
        wlmQueueEndUs: startUs + queueUs,
        wlmExecStartUs: startUs + queueUs,
        wlmExecEndUs: startUs + queueUs + execUs,
        finalState: 'Completed',
        source: 'stl',
      };
    }
}

/** Writes the whole history; returns rows per second. */
function ingest(db: Database.Database, withRollups: boolean): number {
  const store = new QueryStore(db);
  if (withRollups) writeBatchSettings(db, CONNECTION, { ...DEFAULT_NIGHT_SPEC, slaMinute: 7 * 60 });
  const rollups = new BatchRollups(db, CONNECTION, DEFAULT_NIGHT_SPEC);
  const write = db.transaction((page: QueryRecord[]) => {
    if (withRollups) {
      store.upsert(page, (r) => rollups.add(r));
      rollups.flush();
    } else store.upsert(page);
  });
  let page: QueryRecord[] = [];
  let rows = 0;
  const t0 = performance.now();
  for (let n = 0; n < NIGHTS; n++)
    for (const r of nightRows(n, 1 + n * JOBS * STATEMENTS)) {
      page.push(r);
      if (page.length === PAGE) {
        write(page);
        rows += page.length;
        page = [];
      }
    }
  write(page);
  rows += page.length;
  return rows / ((performance.now() - t0) / 1000);
}

function median(run: () => void, times = 5): number {
  const took: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    took.push(performance.now() - t0);
  }
  return took.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

/** Without rollups: every night's per-label aggregate from the raw rows. */
function rawNights(db: Database.Database, from: string, to: string): number {
  const statement = db.prepare(
    `SELECT label, min(start_us), max(end_us), count(*), sum(queue_us), sum(exec_us), sum(aborted)
     FROM queries WHERE connection_id = ? AND start_us >= ? AND start_us < ? GROUP BY label`,
  );
  let rows = 0;
  for (let night = from; night <= to; night = addDays(night, 1)) {
    const w = nightWindow(night, DEFAULT_NIGHT_SPEC);
    rows += statement.all(CONNECTION, w.fromMs * 1000, w.toMs * 1000).length;
  }
  return rows;
}

const dirs = [
  mkdtempSync(join(tmpdir(), 'ns-bench-batches-')),
  mkdtempSync(join(tmpdir(), 'ns-bench-plain-')),
];
const db = openStore({ dataDir: dirs[0]! });
const plain = openStore({ dataDir: dirs[1]! });
try {
  console.log(
    `batches bench: ${NIGHTS} nights x ${JOBS} jobs x ${STATEMENTS} statements = ${fmt(NIGHTS * JOBS * STATEMENTS)} queries`,
  );
  const without = ingest(plain, false);
  const withRollups = ingest(db, true);
  console.log(
    `ingest: ${fmt(without)} rows/s without rollups, ${fmt(withRollups)} rows/s with them: upkeep costs ` +
      `${(100 * (1 - withRollups / without)).toFixed(1)} % of ingest throughput`,
  );
  const rollupRows = (db.prepare('SELECT count(*) AS n FROM batch_label_nights').get() as { n: number }).n;
  console.log(`rollup rows: ${fmt(rollupRows)}`);

  const args = { connectionId: CONNECTION, nights: NIGHTS, to: LAST_NIGHT };
  const drift = median(() => readBatchDrift(db, args));
  const driftRaw = median(() => rawNights(db, addDays(LAST_NIGHT, -(NIGHTS - 1)), LAST_NIGHT), 3);
  console.log(
    `drift over ${NIGHTS} nights: ${ms(drift)} (raw rows: ${ms(driftRaw)}, ${(driftRaw / drift).toFixed(1)}x slower)`,
  );
  console.log(`  ${readBatchDrift(db, args).summary}`);
  const night = median(() => readBatchNight(db, { connectionId: CONNECTION, night: LAST_NIGHT }));
  const nightRaw = median(() => rawNights(db, addDays(LAST_NIGHT, -28), LAST_NIGHT));
  console.log(
    `one night's timeline (with 28-night medians): ${ms(night)} (raw rows: ${ms(nightRaw)}, ${(nightRaw / night).toFixed(1)}x slower)`,
  );
} finally {
  db.close();
  plain.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

// Benchmark: the batch views (issue #10) over a store of `nights` nights x `jobs` jobs x `statements`
// statements a job-night (default: the 400 x 40 x 500 = 8 M queries, with their metrics).
// 1. Rollup upkeep at ingest: `upkeepNights` nights go through the collector's real write path
//    (QueryStore.upsert in 5,000-row transactions) once with the rollup upkeep (BatchRollups, as
//    queryHistoryJob does, metrics lookup included) and once without, on two stores.
// 2. The big store is generated directly in SQLite (one INSERT ... SELECT per night, metrics alike),
//    and its rollups built by the stepwise rebuild's slices (rebuildSlice, as after a new window).
// 3. batches.drift over every night and batches.night of the last night, timed (median of 5) against
//    computing the same from the raw query rows (a GROUP BY label per night window, joined to the
//    metrics: what the views would do without rollups). No assertions: figures only.
// Run: npx tsx bench/batches.bench.ts [nights] [jobs] [statements] [upkeepNights]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { DEFAULT_NIGHT_SPEC, nightWindow } from '../electron/core/base/batchNight.ts';
import { addDays } from '../electron/core/base/zonedTime.ts';
import { readBatchDrift } from '../electron/core/batches/readBatchDrift.ts';
import { readBatchNight } from '../electron/core/batches/readBatchNight.ts';
import { startRebuild, rebuildSlice } from '../electron/core/store/batches/BatchRebuild.ts';
import { BatchRollups } from '../electron/core/store/batches/BatchRollups.ts';
import { writeBatchSettings } from '../electron/core/store/batches/BatchSettingsStore.ts';
import type { QueryRecord } from '../electron/core/store/history/QueryRecord.ts';
import { nightlyStatement } from './support/nightlyStatement.ts';
import { QueryStore } from '../electron/core/store/history/QueryStore.ts';
import { openStore } from '../electron/core/store/openStore.ts';

const NIGHTS = Number(process.argv[2] ?? 400);
const JOBS = Number(process.argv[3] ?? 40);
const STATEMENTS = Number(process.argv[4] ?? 500);
const UPKEEP_NIGHTS = Number(process.argv[5] ?? 10);
const PAGE = 5_000;
const CONNECTION = 'bench-connection';
const LAST_NIGHT = '2026-12-04';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;
const nightName = (nightIndex: number) => addDays(LAST_NIGHT, nightIndex - NIGHTS + 1);
const growthOf = (nightIndex: number) => 1 + 0.01 * nightIndex;

/** Every statement of one night, in start order: jobs start 01:00 UTC on, each a chain of statements. */
function* nightRows(nightIndex: number, firstQuery: number): Generator<QueryRecord> {
  const night = nightName(nightIndex);
  const base = Date.parse(`${night}T01:00:00Z`) * 1000;
  const growth = growthOf(nightIndex);
  let q = firstQuery;
  for (let s = 0; s < STATEMENTS; s++)
    for (let j = 0; j < JOBS; j++) {
      const execUs = Math.round((2_000_000 + ((j * 7 + s) % 13) * 500_000) * growth);
      const queueUs = (s + j) % 5 === 0 ? 3_000_000 : 0;
      const startUs = base + j * 120_000_000 + Math.round(s * 8_000_000 * growth);
      yield nightlyStatement({
        connectionId: CONNECTION,
        query: q++,
        night,
        job: j,
        step: s,
        label: `nightly_job_${String(j).padStart(2, '0')}`,
        startUs,
        queueUs,
        execUs,
      });
    }
}

/**
 * Writes `nights` nights through the collector's write path; returns rows per CPU second of this
 * process (the bench machine is shared: wall time says more about the neighbours than about us).
 */
function ingest(db: Database.Database, nights: number, withRollups: boolean): number {
  const store = new QueryStore(db);
  writeBatchSettings(db, CONNECTION, { ...DEFAULT_NIGHT_SPEC, slaMinute: 7 * 60 });
  const rollups = new BatchRollups(db, CONNECTION, DEFAULT_NIGHT_SPEC);
  const write = db.transaction((page: QueryRecord[]) => {
    if (withRollups) {
      store.upsert(page, (r) => rollups.add(r));
      rollups.flush();
    } else store.upsert(page);
  });
  let page: QueryRecord[] = [];
  let rows = 0;
  const c0 = process.cpuUsage();
  for (let n = NIGHTS - nights; n < NIGHTS; n++)
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
  const c = process.cpuUsage(c0);
  return rows / ((c.user + c.system) / 1e6);
}

/** Ingest on fresh stores, with and without the upkeep, alternating (the load on the machine drifts). */
function upkeepRounds(rounds: number): { without: number; with: number } {
  const sums = { without: 0, with: 0 };
  for (let i = 0; i < rounds; i++)
    for (const withRollups of [false, true]) {
      const dir = mkdtempSync(join(tmpdir(), 'ns-bench-upkeep-'));
      const store = openStore({ dataDir: dir });
      try {
        sums[withRollups ? 'with' : 'without'] += ingest(store, UPKEEP_NIGHTS, withRollups);
      } finally {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  return { without: sums.without / rounds, with: sums.with / rounds };
}

/** The same statements as nightRows (and a metrics row each), generated by SQLite itself. */
function generate(db: Database.Database): void {
  const perNight = JOBS * STATEMENTS;
  const rowsOfNight = `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${perNight - 1}),
       r AS (SELECT i, i % ${JOBS} AS j, i / ${JOBS} AS st FROM s),
       t AS (SELECT i, j, st,
                    CAST(round((2000000 + ((j * 7 + st) % 13) * 500000) * @growth) AS INTEGER) AS exec_us,
                    CASE WHEN (st + j) % 5 = 0 THEN 3000000 ELSE 0 END AS queue_us,
                    @base + j * 120000000 + CAST(round(st * 8000000 * @growth) AS INTEGER) AS start_us
             FROM r)`;
  const queries = db.prepare(
    `${rowsOfNight}
     INSERT INTO queries (connection_id, query, start_us, end_us, user_id, user_name, pid, xid, label, database,
       service_class, queue_name, slot_count, queue_us, exec_us, elapsed_us, aborted, fingerprint, text,
       text_complete, wlm_queue_start_us, wlm_queue_end_us, wlm_exec_start_us, wlm_exec_end_us, final_state,
       source)
     SELECT @c, @q0 + i, start_us, start_us + queue_us + exec_us, 101, 'etl_user', 40000 + j, @q0 + i + 1,
            'nightly_job_' || printf('%02d', j), 'dev', 6, 'etl_nightly', 1, queue_us, exec_us,
            queue_us + exec_us, 0, 'f' || j || '-' || (st % 20),
            'INSERT INTO mart.t_' || j || ' SELECT * FROM stage.s_' || j || ' WHERE day = ''' || @night || ''' -- ' || st,
            1, start_us, start_us + queue_us, start_us + queue_us, start_us + queue_us + exec_us, 'Completed', 'stl'
     FROM t`,
  );
  const metrics = db.prepare(
    `${rowsOfNight}
     INSERT INTO query_metrics (connection_id, query, end_us, rows_scanned, cpu_us, blocks_read, blocks_spilled,
       source)
     SELECT @c, @q0 + i, start_us + queue_us + exec_us, CAST(100000 * @growth AS INTEGER) * (1 + (@q0 + i) % 7),
            exec_us / 2, 10 + (@q0 + i) % 50, 0, 'stl'
     FROM t`,
  );
  const night = db.transaction((n: number) => {
    const name = nightName(n);
    const args = {
      c: CONNECTION,
      q0: 1 + n * perNight,
      growth: growthOf(n),
      base: Date.parse(`${name}T01:00:00Z`) * 1000,
      night: name,
    };
    queries.run(args);
    metrics.run(args);
  });
  // A bench store: no need to survive a power cut while it is generated.
  db.pragma('synchronous = OFF');
  for (let n = 0; n < NIGHTS; n++) night(n);
  db.pragma('synchronous = NORMAL');
}

/** Median CPU time of this process per run (ms): the machine is shared, wall time is noise. */
function median(run: () => void, times = 5): number {
  const took: number[] = [];
  for (let i = 0; i < times; i++) {
    const c0 = process.cpuUsage();
    run();
    const c = process.cpuUsage(c0);
    took.push((c.user + c.system) / 1000);
  }
  return took.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

/** Without rollups: every night's per-label aggregate (with rows scanned and CPU) from the raw rows. */
function rawNights(db: Database.Database, from: string, to: string): number {
  const statement = db.prepare(
    `SELECT q.label, min(q.start_us), max(q.end_us), count(*), sum(q.queue_us), sum(q.exec_us), sum(q.aborted),
            sum(m.rows_scanned), sum(m.cpu_us)
     FROM queries q LEFT JOIN query_metrics m ON m.connection_id = q.connection_id AND m.query = q.query
     WHERE q.connection_id = ? AND q.start_us >= ? AND q.start_us < ? GROUP BY q.label`,
  );
  let rows = 0;
  for (let night = from; night <= to; night = addDays(night, 1)) {
    const w = nightWindow(night, DEFAULT_NIGHT_SPEC);
    rows += statement.all(CONNECTION, w.fromMs * 1000, w.toMs * 1000).length;
  }
  return rows;
}

const dirs = [mkdtempSync(join(tmpdir(), 'ns-bench-batches-'))];
const db = openStore({ dataDir: dirs[0]! });
try {
  console.log(
    `batches bench: ${NIGHTS} nights x ${JOBS} jobs x ${STATEMENTS} statements = ${fmt(NIGHTS * JOBS * STATEMENTS)} queries`,
  );
  const up = upkeepRounds(2);
  console.log(
    `ingest of ${fmt(UPKEEP_NIGHTS * JOBS * STATEMENTS)} queries (CPU time, 2 rounds): ${fmt(up.without)} rows/s ` +
      `without rollups, ${fmt(up.with)} rows/s with them: upkeep costs ` +
      `${(100 * (1 - up.with / up.without)).toFixed(1)} % of ingest throughput (goal <= 15 %)`,
  );

  let t0 = performance.now();
  generate(db);
  writeBatchSettings(db, CONNECTION, { ...DEFAULT_NIGHT_SPEC, slaMinute: 7 * 60 });
  console.log(
    `generated ${fmt(NIGHTS * JOBS * STATEMENTS)} queries and their metrics in SQLite in ${ms(performance.now() - t0)}`,
  );
  t0 = performance.now();
  db.transaction(() => startRebuild(db, CONNECTION, DEFAULT_NIGHT_SPEC, 'bench'))();
  let slices = 0;
  let longest = 0;
  for (;;) {
    const s0 = performance.now();
    const p = rebuildSlice(db, CONNECTION, 40);
    longest = Math.max(longest, performance.now() - s0);
    slices++;
    if (p.finished) break;
  }
  console.log(
    `rollups rebuilt stepwise in ${ms(performance.now() - t0)}: ${slices} slices, the longest ${ms(longest)} ` +
      `(the core answers between slices)`,
  );
  const rollupRows = (db.prepare('SELECT count(*) AS n FROM batch_label_nights').get() as { n: number }).n;
  console.log(`rollup rows: ${fmt(rollupRows)}`);

  const args = { connectionId: CONNECTION, nights: NIGHTS, to: LAST_NIGHT };
  const drift = median(() => readBatchDrift(db, args));
  const driftRaw = median(() => rawNights(db, addDays(LAST_NIGHT, -(NIGHTS - 1)), LAST_NIGHT), 1);
  console.log(
    `drift over ${NIGHTS} nights: ${ms(drift)} (goal <= 150 ms; raw rows: ${ms(driftRaw)}, ${(driftRaw / drift).toFixed(1)}x slower)`,
  );
  const d = readBatchDrift(db, args);
  console.log(`  ${d.summary}`);
  console.log(`  ${d.growth ?? ''}`);
  const withJobs = median(() => readBatchDrift(db, { ...args, jobs: true }));
  console.log(`drift with every job's nights (rows scanned, CPU): ${ms(withJobs)}`);
  const night = median(() => readBatchNight(db, { connectionId: CONNECTION, night: LAST_NIGHT }));
  const nightRaw = median(() => rawNights(db, addDays(LAST_NIGHT, -28), LAST_NIGHT), 3);
  console.log(
    `one night's timeline (with 28-night medians): ${ms(night)} (goal <= 100 ms; raw rows: ${ms(nightRaw)}, ${(nightRaw / night).toFixed(1)}x slower)`,
  );
} finally {
  db.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

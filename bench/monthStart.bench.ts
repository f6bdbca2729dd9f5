// Benchmark: the month-start view (issue #10, batches.monthStart) over 400 nights (12 months shown and
// forecast from), goal <= 150 ms, against computing the same from the raw query rows (a GROUP BY label
// per night window: what the view would do without the per-night rollups). Store: `nights` nights x
// `jobs` jobs x `statements` statements a job-night (default 400 x 40 x 25 = 400,000 queries; the
// issue's 8 M with `npx tsx bench/monthStart.bench.ts 400 40 500`), days 1-3 of each month with 2.5x
// the statements and two extra month-end jobs, written through the collector's write path with the
// rollup upkeep. Also prints the share of the per-day statement counts (summed from the quarter-hour
// counts QueryStore keeps at ingest) and what that upkeep and the rollups' cost ingest (CPU throughput).
// No assertions: figures only.
// Run: npx tsx bench/monthStart.bench.ts [nights] [jobs] [statements]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { DEFAULT_NIGHT_SPEC, nightWindow } from '../electron/core/base/batchNight.ts';
import { addDays } from '../electron/core/base/zonedTime.ts';
import { readJobNights } from '../electron/core/batches/jobNights.ts';
import { readMonthStart } from '../electron/core/batches/readMonthStart.ts';
import { batchSettingsOrDefault } from '../electron/core/store/batches/BatchSettingsStore.ts';
import { readDailyStatements } from '../electron/core/store/batches/readDailyStatements.ts';
import type { QueryRecord } from '../electron/core/store/history/QueryRecord.ts';
import { nightStatements, upkeepThroughput, writeNights } from './support/nightlyHistory.ts';
import { openStore } from '../electron/core/store/openStore.ts';
import { count, fmt } from './benchTiming.ts';

const NIGHTS = Number(process.argv[2] ?? 400);
const JOBS = Number(process.argv[3] ?? 40);
const STATEMENTS = Number(process.argv[4] ?? 25);
const CONNECTION = 'bench-connection';
const LAST_NIGHT = '2026-12-04';

/** Days 1-3 of a month: 2.5x the statements, two extra month-end jobs and more of them queue. */
function nightRows(nightIndex: number, firstQuery: number): Generator<QueryRecord> {
  const night = addDays(LAST_NIGHT, nightIndex - NIGHTS + 1);
  const monthStart = Number(night.slice(8, 10)) <= 3;
  return nightStatements({
    connectionId: CONNECTION,
    night,
    growth: 1 + 0.01 * nightIndex,
    firstQuery,
    jobs: monthStart ? JOBS + 2 : JOBS,
    statements: monthStart ? Math.round(STATEMENTS * 2.5) : STATEMENTS,
    jobGapUs: 60_000_000,
    stepGapUs: 4_000_000,
    queueEvery: monthStart ? 2 : 5,
    label: (j) => (j < JOBS ? `nightly_job_${String(j).padStart(2, '0')}` : `nightly_month_${j - JOBS}`),
  });
}

function* nightsFrom(first: number): Generator<QueryRecord> {
  let q = 1;
  for (let n = first; n < NIGHTS; n++)
    for (const r of nightRows(n, q)) {
      q = r.query + 1;
      yield r;
    }
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

/** Without rollups: every night's per-label aggregate from the raw rows (what the view needs). */
function rawNights(db: Database.Database, from: string, to: string): number {
  const statement = db.prepare(
    `SELECT label, min(start_us), max(end_us), count(*), sum(queue_us > 0), sum(queue_us), sum(exec_us)
     FROM queries WHERE connection_id = ? AND start_us >= ? AND start_us < ? GROUP BY label`,
  );
  let rows = 0;
  for (let night = from; night <= to; night = addDays(night, 1)) {
    const w = nightWindow(night, DEFAULT_NIGHT_SPEC);
    rows += statement.all(CONNECTION, w.fromMs * 1000, w.toMs * 1000).length;
  }
  return rows;
}

const dir = mkdtempSync(join(tmpdir(), 'ns-bench-month-'));
const db = openStore({ dataDir: dir });
try {
  const rows = writeNights(db, CONNECTION, nightsFrom(0));
  console.log(
    `month-start bench: ${NIGHTS} nights x ${JOBS} jobs (month starts: +2 jobs, 2.5x statements) = ${count(rows)} queries`,
  );
  const args = { connectionId: CONNECTION, months: 12, to: LAST_NIGHT };
  const view = median(() => readMonthStart(db, args));
  const from = `${addDays(LAST_NIGHT, -(NIGHTS - 1))}`;
  const daily = median(() => readDailyStatements(db, CONNECTION, from, LAST_NIGHT, 'UTC'));
  // The year of rollup rows read and made into jobs (rules applied): the rest of the view's cost.
  const settings = batchSettingsOrDefault(db, CONNECTION);
  const jobs = median(() =>
    readJobNights(db, CONNECTION, `${LAST_NIGHT.slice(0, 4)}-01-01`, LAST_NIGHT, settings),
  );
  const raw = median(() => rawNights(db, from, LAST_NIGHT), 3);
  console.log(
    `month-start view, 12 months over ${NIGHTS} nights: ${fmt(view)} (goal <= 150 ms; of it the per-day statement counts: ${fmt(daily)}, the rollups read into jobs: ${fmt(jobs)})`,
  );
  console.log(
    `from raw query rows (per-night GROUP BY label): ${fmt(raw)}, ${(raw / view).toFixed(1)}x the view`,
  );
  // The last 10 nights written again on fresh stores, without and with the rollups.
  const up = upkeepThroughput(CONNECTION, () => nightsFrom(Math.max(0, NIGHTS - 10)), 3);
  const upkeepShare = 1 - up.with / up.without;
  console.log(
    `batch rollup upkeep at ingest: ${(upkeepShare * 100).toFixed(1)} % of ingest throughput (goal <= 15 %)`,
  );
  const answer = readMonthStart(db, args);
  console.log(`  ${answer.forecast?.verdict ?? 'no forecast'}`);
  console.log(
    `  ${answer.months[0]!.month}: statements days 1-3 vs rest x${answer.months[0]!.ratios.statements?.toFixed(2)}`,
  );
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

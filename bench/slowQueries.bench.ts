// Benchmark: the slow-query views over a store of 500,000 queries spread over 90 days (synthetic rows
// through the collector's real write path: toQueryRecord -> QueryStore.upsert in 5,000-row
// transactions), ~1,500 fingerprints. Times queries.history (whole range, filtered, sorted by elapsed
// desc, page of 100) and queries.fingerprints (90-day range, default sort, page of 50) through the
// handlers, median of 5 runs each, against a naive baseline: the same SQL without indexes (NOT INDEXED,
// a full scan) for the history page, and "read every run of the range and shape every group in JS"
// for the fingerprints, plus the per-run path the list took before the fingerprint rollup (issue #14
// goal: <= 100 ms for both sorts). No assertions: figures only.
// Run: npx tsx bench/slowQueries.bench.ts [rows]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { viewHandlers } from '../electron/core/api/viewHandlers.ts';
import { isoFromMicros } from '../electron/core/base/redshiftTime.ts';
import type { ClusterAccess } from '../electron/core/redshift/ClusterAccess.ts';
import { openStore } from '../electron/core/store/openStore.ts';
import { medianTrend } from '../electron/core/views/readFingerprints.ts';
import { percentile } from '../electron/core/views/percentile.ts';
import { CONNECTION, DAY_US, END_US, fillHistory, SHAPES, START_US } from './support/syntheticHistory.ts';
import { count } from './benchTiming.ts';

const TOTAL = Number(process.argv[2] ?? 500_000);
const admin = { door: 'ipc', admin: true } as const;

function medianOf5(fn: () => unknown): number {
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return percentile(times, 50)!;
}

/** The naive fingerprint grouping: every run of the range into JS, every group shaped. */
function naiveFingerprints(db: Database.Database, fromUs: number, toUs: number): number {
  const rows = db
    .prepare(
      `SELECT fingerprint, start_us, elapsed_us, user_name, label, aborted FROM queries NOT INDEXED
       WHERE connection_id = ? AND start_us >= ? AND start_us <= ?`,
    )
    .raw()
    .all(CONNECTION, fromUs - 15 * DAY_US, toUs) as [string, number, number, string, string, number][];
  const groups = new Map<string, [number, number][]>();
  for (const r of rows) {
    const g = groups.get(r[0]) ?? [];
    g.push([r[1], r[2]]);
    groups.set(r[0], g);
  }
  for (const runs of groups.values()) {
    const durations = runs.map((r) => r[1]);
    percentile(durations, 50);
    percentile(durations, 95);
    medianTrend(runs, fromUs, toUs);
    percentile(
      runs.filter((r) => r[0] >= toUs - DAY_US).map((r) => r[1]),
      50,
    );
    percentile(
      runs.filter((r) => r[0] < toUs - DAY_US).map((r) => r[1]),
      50,
    );
  }
  return groups.size;
}

const dir = mkdtempSync(join(tmpdir(), 'ns-bench-slow-'));
const db = openStore({ dataDir: dir });
try {
  const seconds = fillHistory(db, TOTAL);
  console.log(
    `Slow-query views: ${count(TOTAL)} queries over 90 days, ${SHAPES} shapes (filled in ${seconds.toFixed(1)} s; load ${loadavg()[0]!.toFixed(1)})`,
  );

  const noAccess = {} as ClusterAccess;
  const api = viewHandlers({ db, access: noAccess });
  const range = { connectionId: CONNECTION, from: isoFromMicros(START_US), to: isoFromMicros(END_US) };

  // queries.history: filtered (one user, at least 0.5 s), slowest first, a page of 100.
  const historyArgs = {
    ...range,
    user: 'analyst_ben',
    minDurationMs: 500,
    sort: { by: 'elapsedMs', dir: 'desc' } as const,
    limit: 100,
  };
  const total = (await api['queries.history'](historyArgs, admin)).total ?? 0;
  // The handlers are synchronous inside (better-sqlite3): timing the call times the work.
  const history = medianOf5(() => void api['queries.history'](historyArgs, admin));
  // Naive: the same page and total, each a full scan sorted in a temporary b-tree.
  const naiveWhere = `connection_id = ? AND start_us >= ? AND start_us <= ? AND user_name = ? AND elapsed_us >= ?`;
  const naiveParams = [CONNECTION, START_US, END_US, 'analyst_ben', 500_000];
  const naiveHistory = medianOf5(() => {
    db.prepare(
      `SELECT * FROM queries NOT INDEXED WHERE ${naiveWhere} ORDER BY elapsed_us DESC, query DESC LIMIT 100`,
    ).all(...naiveParams);
    db.prepare(`SELECT count(*) FROM queries NOT INDEXED WHERE ${naiveWhere}`).get(...naiveParams);
  });
  console.log(`  queries.history (user + min duration, by elapsed desc, 100 rows; ${count(total)} match):`);
  console.log(
    `    handler ${history.toFixed(0).padStart(6)} ms   naive full scan ${naiveHistory.toFixed(0).padStart(6)} ms   ratio ${(naiveHistory / history).toFixed(1)}x faster`,
  );

  const first = await api['queries.fingerprints']({ ...range, limit: 50 }, admin);
  const groups = first.total;
  const newlySlow = first.groups.filter((g) => g.newlySlow).length;
  const fingerprints = medianOf5(() => void api['queries.fingerprints']({ ...range, limit: 50 }, admin));
  let naiveGroups = 0;
  const naive = medianOf5(() => (naiveGroups = naiveFingerprints(db, START_US, END_US)));
  console.log(
    `  queries.fingerprints (90 days, newly slow first, 50 groups; ${count(groups)} groups, ${newlySlow} newly slow on the page):`,
  );
  console.log(
    `    handler ${fingerprints.toFixed(0).padStart(6)} ms   naive (every run into JS, every group shaped; ${count(naiveGroups)} groups) ${naive.toFixed(0).padStart(6)} ms   ratio ${(naive / fingerprints).toFixed(1)}x faster`,
  );
  const p95 = medianOf5(
    () => void api['queries.fingerprints']({ ...range, sort: 'p95Ms', limit: 50 }, admin),
  );
  console.log(
    `    sorted by p95 (the rollup blocks bound p95, exact only until the page is decided): ${p95.toFixed(0)} ms   ratio to naive ${(naive / p95).toFixed(1)}x faster`,
  );
  // The per-run path (what every list took before the rollup, and what a filtered list still takes):
  // a filter that keeps every run. Same groups, same figures.
  const everyRun = { ...range, minDurationMs: 0, limit: 50 };
  const perRun = medianOf5(() => void api['queries.fingerprints'](everyRun, admin));
  const perRunP95 = medianOf5(() => void api['queries.fingerprints']({ ...everyRun, sort: 'p95Ms' }, admin));
  console.log(
    `    per-run path (before the rollup): newly slow first ${perRun.toFixed(0)} ms (rollup ${(perRun / fingerprints).toFixed(1)}x faster), by p95 ${perRunP95.toFixed(0)} ms (rollup ${(perRunP95 / p95).toFixed(1)}x faster)`,
  );
  const text = medianOf5(
    () => void api['queries.fingerprints']({ ...range, text: 'col_42,', limit: 50 }, admin),
  );
  console.log(`    with a text filter: ${text.toFixed(0)} ms`);
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

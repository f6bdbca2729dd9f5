// queries.runs: a fingerprint's runs over [from, to] for the run-history chart: one point per run when
// they fit in maxPoints, otherwise time buckets carrying each bucket's slowest run (a chart of a slow
// query is about its peaks; the point still opens a real run).
import type Database from 'better-sqlite3';
import type { QueryRunPoint, QueryRuns, QueryRunsArgs } from '../../../shared/model/fingerprint.ts';
import { microsFromIso } from '../base/redshiftTime.ts';
import { bucketIndex, bucketStartMs, planTimeBuckets } from './timeBuckets.ts';

type RunRow = [
  query: number,
  startUs: number,
  elapsedUs: number,
  queueUs: number,
  execUs: number,
  aborted: number,
];

export function readQueryRuns(db: Database.Database, args: QueryRunsArgs): QueryRuns {
  const fromUs = microsFromIso(args.from);
  const toUs = microsFromIso(args.to);
  const filter = 'connection_id = ? AND fingerprint = ? AND start_us >= ? AND start_us <= ?';
  const params = [args.connectionId, args.fingerprint, fromUs, toUs];
  const rows = db
    .prepare(
      `SELECT query, start_us, elapsed_us, queue_us, exec_us, aborted FROM queries WHERE ${filter} ORDER BY start_us, query`,
    )
    .raw()
    .all(...params) as RunRow[];
  const point = (r: RunRow, t: number): QueryRunPoint => ({
    t,
    elapsedMs: r[2] / 1000,
    queueMs: r[3] / 1000,
    execMs: r[4] / 1000,
    query: r[0],
    aborted: r[5] === 1,
  });
  if (rows.length <= args.maxPoints)
    return { fingerprint: args.fingerprint, bucketed: false, points: rows.map((r) => point(r, r[1] / 1000)) };
  const plan = planTimeBuckets(fromUs, toUs, args.maxPoints);
  const slowest = new Map<number, RunRow>();
  for (const r of rows) {
    const i = bucketIndex(plan, r[1]);
    const held = slowest.get(i);
    if (!held || r[2] > held[2]) slowest.set(i, r);
  }
  const points = [...slowest.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([i, r]) => point(r, bucketStartMs(plan, i)));
  return { fingerprint: args.fingerprint, bucketed: true, points };
}

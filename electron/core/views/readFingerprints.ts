// queries.fingerprints: the filtered history grouped by fingerprint (runs of "the same query"), with
// exact nearest-rank percentiles (percentile.ts), a trend of at most 30 buckets (median per bucket),
// and the "newly slow" flag (newlySlowVerdict.ts: the last 36 hours against the 14 days before), read
// whatever `from` is.
//
// Cost over a long range (500,000 stored queries, bench/slowQueries.bench.ts and memory.bench.ts): with
// no filter but the range, one grouped statement over the rollup's blocks for count / total / max /
// aborted (and p95 bounds) per fingerprint, two more for the median bounds of the two newly-slow windows;
// only fingerprints whose bounds allow a ratio of k read their runs. Then the page's groups read their own
// runs through queries_by_fingerprint; a sort by p95 reads exact p95s, highest bounds first, only until
// the page is decided. A filter takes the per-run path (one narrow pass over the range).
import type Database from 'better-sqlite3';
import type {
  FingerprintArgs,
  FingerprintGroup,
  FingerprintPage,
  FingerprintSortKey,
  TrendPoint,
} from '../../../shared/model/fingerprint.ts';
import type { TextMatcher } from '../base/likePatterns.ts';
import { isoFromMicros } from '../base/redshiftTime.ts';
import { historyWhere } from '../store/history/readQueryHistory.ts';
import {
  DEFAULT_NEWLY_SLOW_K,
  mayBeNewlySlow,
  newlySlowVerdict,
  newlySlowWindows,
  verdictReader,
  type NewlySlowVerdict,
  type NewlySlowWindows,
} from './newlySlowVerdict.ts';
import { percentileOfSorted } from './percentile.ts';
import { rolledFingerprints, type RolledGroup } from './rolledFingerprints.ts';
import { bucketIndex, bucketStartMs, planTimeBuckets } from './timeBuckets.ts';

const TREND_BUCKETS = 30;
const DEFAULT_LIMIT = 50;
const CAP_DISTINCT = 5;

interface Aggregate extends NewlySlowVerdict {
  fingerprint: string;
  count: number;
  totalUs: number;
  maxUs: number;
  aborted: number;
  p95Us: number | null;
}

/** `hide`: the connection's hidden patterns (issue #14), tried on one text of each fingerprint. */
export function readFingerprints(
  db: Database.Database,
  args: FingerprintArgs,
  hide: TextMatcher | null = null,
): FingerprintPage {
  const k = args.k ?? DEFAULT_NEWLY_SLOW_K;
  const sort: FingerprintSortKey = args.sort ?? 'newlySlow';
  const { where, params } = historyWhere(args);
  const toUs = params[2] as number;
  const windows = newlySlowWindows(args.connectionId, toUs, k);
  const { recentFromUs, baselineFromUs } = windows;

  const groups = new Map<string, Aggregate>();
  const blank = { recentMedianUs: null, baselineMedianUs: null, ratio: null, newlySlow: false, p95Us: null };
  // Only the range: the daily rollup answers the totals (and bounds p95); a filter reads the runs.
  // A range that is the recent window is read once, with its bounds: the recent window's median bounds
  // come from the same read (each read scans the part-days' runs).
  const rangeIsRecent = params[1] === recentFromUs;
  const rolled = rangeOnly(args)
    ? rolledFingerprints(db, args.connectionId, params[1] as number, toUs, sort === 'p95Ms' || rangeIsRecent)
    : null;
  for (const [fingerprint, g] of rolled ?? []) {
    groups.set(fingerprint, {
      fingerprint,
      count: g.count,
      totalUs: g.totalUs,
      maxUs: g.maxUs,
      aborted: g.aborted,
      ...blank,
    });
  }
  if (!rolled) {
    for (const [fingerprint, count, totalUs, maxUs, aborted] of db
      .prepare(
        // Left alone, the planner walks queries_by_fingerprint to avoid a sort, reading every row of the
        // connection whatever the range (4 s over 500,000 rows); the covering range index is ~10x faster.
        `SELECT fingerprint, count(*), sum(elapsed_us), max(elapsed_us), sum(aborted)
         FROM queries INDEXED BY queries_by_start_fingerprint
         WHERE ${where} GROUP BY fingerprint`,
      )
      .raw()
      .iterate(...params) as IterableIterator<[string, number, number, number, number]>) {
      groups.set(fingerprint, { fingerprint, count, totalUs, maxUs, aborted, ...blank });
    }
  }

  const hidden = dropHidden(db, args.connectionId, groups, hide);

  // Newly slow: every run of the listed fingerprints in [to − 15 d, to].
  const verdict = verdictReader(db);
  const pending = rolled
    ? newlySlowFromRollup(db, windows, verdict, groups, rangeIsRecent ? rolled : null)
    : null;
  if (!pending) {
    const recent = new Map<string, number[]>();
    const baseline = new Map<string, number[]>();
    for (const [fingerprint, startUs, elapsedUs] of db
      .prepare(
        `SELECT fingerprint, start_us, elapsed_us FROM queries INDEXED BY queries_by_start_fingerprint
         WHERE connection_id = ? AND start_us >= ? AND start_us <= ?`,
      )
      .raw()
      .iterate(args.connectionId, baselineFromUs, toUs) as IterableIterator<[string, number, number]>) {
      if (!groups.has(fingerprint)) continue;
      const into = startUs >= recentFromUs ? recent : baseline;
      const list = into.get(fingerprint);
      if (list) list.push(elapsedUs);
      else into.set(fingerprint, [elapsedUs]);
    }
    for (const g of groups.values())
      Object.assign(g, newlySlowVerdict(recent.get(g.fingerprint), baseline.get(g.fingerprint), k));
  }

  const offset = args.offset ?? 0;
  const limit = args.limit ?? DEFAULT_LIMIT;
  if (sort === 'p95Ms' && rolled) {
    exactP95OfPage(db, args.connectionId, params[1] as number, toUs, groups, rolled, offset + limit);
  } else if (sort === 'p95Ms') {
    const durations = new Map<string, number[]>();
    for (const [fingerprint, elapsedUs] of db
      .prepare(
        `SELECT fingerprint, elapsed_us FROM queries INDEXED BY queries_by_start_fingerprint WHERE ${where}`,
      )
      .raw()
      .iterate(...params) as IterableIterator<[string, number]>) {
      const list = durations.get(fingerprint);
      if (list) list.push(elapsedUs);
      else durations.set(fingerprint, [elapsedUs]);
    }
    for (const [fingerprint, list] of durations) {
      const g = groups.get(fingerprint);
      if (g) g.p95Us = percentileOfSorted(Float64Array.from(list).sort(), 95);
    }
  }

  const sorted = [...groups.values()].sort(comparator(sort));
  const page = sorted.slice(offset, offset + limit);
  // The page shows its medians: exact for the groups the rollup's bounds alone decided.
  for (const g of page) if (pending?.has(g.fingerprint)) Object.assign(g, verdict(windows, g.fingerprint));
  const read = detailReader(db, args, where, params);
  return {
    groups: page.map(read),
    total: groups.size,
    hidden,
    k,
    recentFrom: isoFromMicros(recentFromUs),
    baselineFrom: isoFromMicros(baselineFromUs),
  };
}

/**
 * The newly-slow flag of every group from the rollup's bounds of the two windows: a group whose
 * median bounds cannot reach a ratio of k (or with fewer than 3 baseline runs, or no run in a window)
 * is not newly slow; the others get their exact medians from their runs, so the flag and the order of
 * the newly slow are exactly the per-run ones. Returns the groups whose medians are still to be read
 * (only the page's are).
 */
function newlySlowFromRollup(
  db: Database.Database,
  w: NewlySlowWindows,
  verdict: ReturnType<typeof verdictReader>,
  groups: Map<string, Aggregate>,
  recentRead: Map<string, RolledGroup> | null,
): Set<string> {
  const recent = recentRead ?? rolledFingerprints(db, w.connectionId, w.recentFromUs, w.toUs, true);
  const baseline = rolledFingerprints(db, w.connectionId, w.baselineFromUs, w.recentFromUs - 1, true);
  const pending = new Set<string>();
  for (const g of groups.values()) {
    const r = recent.get(g.fingerprint);
    const b = baseline.get(g.fingerprint);
    if (mayBeNewlySlow(r, b, w.k)) Object.assign(g, verdict(w, g.fingerprint));
    else if (r || b) pending.add(g.fingerprint);
  }
  return pending;
}

/** No filter but the range (the rollup can answer). */
function rangeOnly(args: FingerprintArgs): boolean {
  return (
    args.user === undefined &&
    args.label === undefined &&
    args.serviceClass === undefined &&
    args.minDurationMs === undefined &&
    args.aborted === undefined &&
    (args.text === undefined || args.text === '')
  );
}

/**
 * p95 for a sort by p95 from the rollup's bounds: each fingerprint's p95 is at most its upper bound.
 * Groups are taken by their upper bound, highest first, and get their exact p95 (the run at its rank,
 * picked by SQLite from queries_by_fingerprint: one row to JavaScript) until `need` exact figures are
 * all above the next upper bound: no group left can reach the first `need`. Those left keep their upper
 * bound, which ranks them below every group of the page, as exactly.
 */
function exactP95OfPage(
  db: Database.Database,
  connectionId: string,
  fromUs: number,
  toUs: number,
  groups: Map<string, Aggregate>,
  rolled: Map<string, RolledGroup>,
  need: number,
): void {
  const bounded: [string, number][] = [];
  for (const [fingerprint, g] of rolled) {
    if (g.bounds) bounded.push([fingerprint, g.bounds.p95Hi]);
  }
  bounded.sort((x, y) => y[1] - x[1]);
  const atRank = db
    .prepare(
      `SELECT elapsed_us FROM queries INDEXED BY queries_by_fingerprint
       WHERE connection_id = ? AND fingerprint = ? AND start_us >= ? AND start_us <= ?
       ORDER BY elapsed_us LIMIT 1 OFFSET ?`,
    )
    .pluck();
  const exact: number[] = []; // descending
  for (const [fingerprint, hi] of bounded) {
    const g = groups.get(fingerprint)!;
    if (exact.length >= need && exact[need - 1]! > hi) {
      g.p95Us = hi;
      continue;
    }
    const rank = Math.min(g.count, Math.max(1, Math.ceil(0.95 * g.count)));
    g.p95Us = atRank.get(connectionId, fingerprint, fromUs, toUs, rank - 1) as number;
    let i = exact.length;
    while (i > 0 && exact[i - 1]! < g.p95Us) i--;
    exact.splice(i, 0, g.p95Us);
  }
}

/**
 * Removes the fingerprints a hidden pattern matches and returns how many. The runs of a fingerprint
 * differ only in literals, so one text (its latest run, through queries_by_fingerprint) stands for all.
 */
function dropHidden(
  db: Database.Database,
  connectionId: string,
  groups: Map<string, Aggregate>,
  hide: TextMatcher | null,
): number {
  if (hide === null || groups.size === 0) return 0;
  const textOf = db.prepare(
    'SELECT text FROM queries WHERE connection_id = ? AND fingerprint = ? ORDER BY start_us DESC LIMIT 1',
  );
  let hidden = 0;
  for (const fingerprint of [...groups.keys()]) {
    const row = textOf.get(connectionId, fingerprint) as { text: string } | undefined;
    if (row && hide(row.text)) {
      groups.delete(fingerprint);
      hidden++;
    }
  }
  return hidden;
}

function comparator(sort: FingerprintSortKey): (a: Aggregate, b: Aggregate) => number {
  const tie = (a: Aggregate, b: Aggregate) =>
    b.totalUs - a.totalUs || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0);
  switch (sort) {
    case 'newlySlow':
      return (a, b) =>
        Number(b.newlySlow) - Number(a.newlySlow) ||
        (a.newlySlow && b.newlySlow ? (b.ratio ?? 0) - (a.ratio ?? 0) : 0) ||
        tie(a, b);
    case 'totalMs':
      return tie;
    case 'count':
      return (a, b) => b.count - a.count || tie(a, b);
    case 'maxMs':
      return (a, b) => b.maxUs - a.maxUs || tie(a, b);
    case 'p95Ms':
      return (a, b) => (b.p95Us ?? 0) - (a.p95Us ?? 0) || tie(a, b);
  }
}

/**
 * Percentiles, trend, users, labels and the latest run of a group, from its own filtered runs: a reader
 * for the page's groups (its statements prepared once: preparing costs as much as a group's read).
 */
function detailReader(
  db: Database.Database,
  args: FingerprintArgs,
  where: string,
  params: (string | number)[],
): (g: Aggregate) => FingerprintGroup {
  const runsOf = db
    .prepare(
      `SELECT query, start_us, elapsed_us, user_name, label FROM queries
       WHERE ${where} AND fingerprint = ? ORDER BY start_us`,
    )
    .raw();
  const previewOf = db
    .prepare(
      'SELECT substr(text, 1, 200) FROM queries WHERE connection_id = ? AND query = ? AND start_us = ?',
    )
    .pluck();
  const fromUs = params[1] as number;
  const toUs = params[2] as number;
  const ms = (us: number | null) => (us === null ? null : us / 1000);
  return (g) => {
    const runs = runsOf.all(...params, g.fingerprint) as [number, number, number, string | null, string][];
    const durations = Float64Array.from(runs, (r) => r[2]).sort();
    const users = new Set<string>();
    const labels = new Set<string>();
    for (const r of runs) {
      if (r[3] !== null && users.size < CAP_DISTINCT) users.add(r[3]);
      if (labels.size < CAP_DISTINCT) labels.add(r[4]);
    }
    const latest = runs[runs.length - 1];
    const preview = latest
      ? ((previewOf.get(args.connectionId, latest[0], latest[1]) as string | undefined) ?? '')
      : '';
    return {
      fingerprint: g.fingerprint,
      textPreview: preview,
      latestQuery: latest?.[0] ?? 0,
      latestStartTime: latest ? isoFromMicros(latest[1]) : '',
      users: [...users],
      labels: [...labels],
      count: g.count,
      totalMs: g.totalUs / 1000,
      p50Ms: (percentileOfSorted(durations, 50) ?? 0) / 1000,
      p95Ms: (percentileOfSorted(durations, 95) ?? 0) / 1000,
      maxMs: g.maxUs / 1000,
      abortedCount: g.aborted,
      trend: medianTrend(
        runs.map((r) => [r[1], r[2]]),
        fromUs,
        toUs,
      ),
      recentMedianMs: ms(g.recentMedianUs),
      baselineMedianMs: ms(g.baselineMedianUs),
      ratio: g.ratio,
      newlySlow: g.newlySlow,
    };
  };
}

/** Median elapsed time per bucket (at most 30 over [from, to]); null where nothing ran. */
export function medianTrend(
  runs: readonly (readonly [startUs: number, elapsedUs: number])[],
  fromUs: number,
  toUs: number,
  maxBuckets = TREND_BUCKETS,
): TrendPoint[] {
  const plan = planTimeBuckets(fromUs, toUs, maxBuckets);
  const perBucket: number[][] = Array.from({ length: plan.count }, () => []);
  for (const [startUs, elapsedUs] of runs) {
    const i = bucketIndex(plan, startUs);
    if (i >= 0 && i < plan.count) perBucket[i]!.push(elapsedUs);
  }
  return perBucket.map((values, i) => {
    const m = percentileOfSorted(Float64Array.from(values).sort(), 50);
    return { t: bucketStartMs(plan, i), v: m === null ? null : m / 1000 };
  });
}

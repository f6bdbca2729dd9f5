// queries.fingerprints: the filtered history grouped by fingerprint (runs of "the same query"), with
// exact nearest-rank percentiles (percentile.ts), a trend of at most 30 buckets (median per bucket),
// and the "newly slow" flag: the median of the runs in the 36 hours before `to` against the median of
// the 14 days before that ([to − 15 d, to − 36 h)), read whatever `from` is. 36 hours, not 24: a
// nightly statement runs once a night at about the same time, and a 24-hour window misses last
// night's run for the hour before tonight's (the flag came and went with the clock). The recent and baseline
// windows take every run of the fingerprint (not only the filtered ones): "newly slow" is a property
// of the query, and a filter should not hide or invent it.
//
// Cost over a long range (500,000 stored queries, bench/slowQueries.bench.ts): one aggregate pass in
// SQLite for count / total / max / aborted per fingerprint, one pass over the last 15 days for the
// medians, then the page's groups only read their own runs through queries_by_fingerprint. Only a sort
// by p95 needs every run's duration (one narrow pass).
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
import { percentileBounds } from '../store/history/durationHistogram.ts';
import { historyWhere } from '../store/history/readQueryHistory.ts';
import { percentileOfSorted } from './percentile.ts';
import { rolledFingerprints, type RolledGroup } from './rolledFingerprints.ts';
import { bucketIndex, bucketStartMs, planTimeBuckets } from './timeBuckets.ts';

export const DEFAULT_NEWLY_SLOW_K = 3;
export const MIN_BASELINE_RUNS = 3;
const TREND_BUCKETS = 30;
const US_PER_HOUR = 3_600_000_000;
const RECENT_US = 36 * US_PER_HOUR;
const BASELINE_US = 15 * 24 * US_PER_HOUR;
const DEFAULT_LIMIT = 50;
const CAP_DISTINCT = 5;

interface Aggregate {
  fingerprint: string;
  count: number;
  totalUs: number;
  maxUs: number;
  aborted: number;
  recentMedianUs: number | null;
  baselineMedianUs: number | null;
  ratio: number | null;
  newlySlow: boolean;
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
  const recentFromUs = toUs - RECENT_US;
  const baselineFromUs = toUs - BASELINE_US;

  const groups = new Map<string, Aggregate>();
  const blank = { recentMedianUs: null, baselineMedianUs: null, ratio: null, newlySlow: false, p95Us: null };
  // Only the range: the daily rollup answers the totals (and bounds p95); a filter reads the runs.
  // A range that is the recent window (the newly-slow alert's) is read once, with its histograms: the
  // recent window's medians come from the same read (each read scans the part-days' runs).
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
  const windows = { connectionId: args.connectionId, baselineFromUs, recentFromUs, toUs, k };
  const pending = rolled ? newlySlowFromRollup(db, windows, groups, rangeIsRecent ? rolled : null) : null;
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
      setNewlySlow(g, recent.get(g.fingerprint), baseline.get(g.fingerprint), k);
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
  for (const g of page) if (pending?.has(g.fingerprint)) exactNewlySlow(db, windows, g);
  return {
    groups: page.map((g) => detail(db, args, where, params, g)),
    total: groups.size,
    hidden,
    k,
    recentFrom: isoFromMicros(recentFromUs),
    baselineFrom: isoFromMicros(baselineFromUs),
  };
}

/** The medians, ratio and flag of a group from its runs in the recent and baseline windows. */
function setNewlySlow(
  g: Aggregate,
  recent: number[] | undefined,
  baseline: number[] | undefined,
  k: number,
): void {
  g.recentMedianUs = recent ? percentileOfSorted(Float64Array.from(recent).sort(), 50) : null;
  g.baselineMedianUs = baseline ? percentileOfSorted(Float64Array.from(baseline).sort(), 50) : null;
  g.ratio =
    g.recentMedianUs !== null && g.baselineMedianUs !== null && g.baselineMedianUs > 0
      ? g.recentMedianUs / g.baselineMedianUs
      : null;
  g.newlySlow = g.ratio !== null && g.ratio >= k && (baseline?.length ?? 0) >= MIN_BASELINE_RUNS;
}

interface Windows {
  connectionId: string;
  baselineFromUs: number;
  recentFromUs: number;
  toUs: number;
  k: number;
}

/** setNewlySlow from the group's own runs (queries_by_fingerprint covers them). */
function exactNewlySlow(db: Database.Database, w: Windows, g: Aggregate): void {
  const recent: number[] = [];
  const baseline: number[] = [];
  for (const [startUs, elapsedUs] of db
    .prepare(
      `SELECT start_us, elapsed_us FROM queries INDEXED BY queries_by_fingerprint
       WHERE connection_id = ? AND fingerprint = ? AND start_us >= ? AND start_us <= ?`,
    )
    .raw()
    .iterate(w.connectionId, g.fingerprint, w.baselineFromUs, w.toUs) as IterableIterator<[number, number]>)
    (startUs >= w.recentFromUs ? recent : baseline).push(elapsedUs);
  setNewlySlow(g, recent.length > 0 ? recent : undefined, baseline.length > 0 ? baseline : undefined, w.k);
}

/**
 * The newly-slow flag of every group from the rollup's histograms of the two windows: a group whose
 * median bounds cannot reach a ratio of k (or with fewer than 3 baseline runs, or no run in a window)
 * is not newly slow; the others get their exact medians from their runs, so the flag and the order of
 * the newly slow are exactly the per-run ones. Returns the groups whose medians are still to be read
 * (only the page's are, exactNewlySlow).
 */
function newlySlowFromRollup(
  db: Database.Database,
  w: Windows,
  groups: Map<string, Aggregate>,
  recentRead: Map<string, RolledGroup> | null,
): Set<string> {
  const recent = recentRead ?? rolledFingerprints(db, w.connectionId, w.recentFromUs, w.toUs, true);
  const baseline = rolledFingerprints(db, w.connectionId, w.baselineFromUs, w.recentFromUs - 1, true);
  const pending = new Set<string>();
  for (const g of groups.values()) {
    const r = recent.get(g.fingerprint);
    const b = baseline.get(g.fingerprint);
    // Fewer than MIN_BASELINE_RUNS earlier runs can never be newly slow: no bounds to read.
    const judged = r !== undefined && b !== undefined && b.count >= MIN_BASELINE_RUNS;
    const rb = judged && r.histogram ? percentileBounds(r.histogram, 50) : null;
    const bb = judged && b.histogram ? percentileBounds(b.histogram, 50) : null;
    const possible =
      rb !== null && bb !== null && b!.count >= MIN_BASELINE_RUNS && (bb[0] === 0 || rb[1] / bb[0] >= w.k);
    if (possible) exactNewlySlow(db, w, g);
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
 * p95 for a sort by p95 from the rollup's histograms: each fingerprint's p95 lies within its bounds,
 * so only those whose upper bound reaches the `need`-th highest lower bound can be among the first
 * `need` groups. Those get their exact p95 from their runs (queries_by_fingerprint covers it); the
 * others keep their upper bound, which ranks them below every group of the page, as exactly.
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
  const bounds = new Map<string, [number, number]>();
  for (const [fingerprint, g] of rolled) {
    const b = g.histogram ? percentileBounds(g.histogram, 95) : null;
    if (b) bounds.set(fingerprint, b);
  }
  const lows = [...bounds.values()].map((b) => b[0]).sort((x, y) => y - x);
  const cutoff = lows.length > need ? lows[need - 1]! : -Infinity;
  const runs = db.prepare(
    `SELECT elapsed_us FROM queries INDEXED BY queries_by_fingerprint
     WHERE connection_id = ? AND fingerprint = ? AND start_us >= ? AND start_us <= ?`,
  );
  for (const [fingerprint, [, hi]] of bounds) {
    const g = groups.get(fingerprint)!;
    if (hi < cutoff) {
      g.p95Us = hi;
      continue;
    }
    const durations = Float64Array.from(
      runs.pluck().all(connectionId, fingerprint, fromUs, toUs) as number[],
    ).sort();
    g.p95Us = percentileOfSorted(durations, 95);
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

/** Percentiles, trend, users, labels and the latest run of one group, from its own filtered runs. */
function detail(
  db: Database.Database,
  args: FingerprintArgs,
  where: string,
  params: (string | number)[],
  g: Aggregate,
): FingerprintGroup {
  const runs = db
    .prepare(
      `SELECT query, start_us, elapsed_us, user_name, label FROM queries
       WHERE ${where} AND fingerprint = ? ORDER BY start_us`,
    )
    .raw()
    .all(...params, g.fingerprint) as [number, number, number, string | null, string][];
  const durations = Float64Array.from(runs, (r) => r[2]).sort();
  const users = new Set<string>();
  const labels = new Set<string>();
  for (const r of runs) {
    if (r[3] !== null && users.size < CAP_DISTINCT) users.add(r[3]);
    if (labels.size < CAP_DISTINCT) labels.add(r[4]);
  }
  const latest = runs[runs.length - 1];
  const preview = latest
    ? ((
        db
          .prepare(
            'SELECT substr(text, 1, 200) AS p FROM queries WHERE connection_id = ? AND query = ? AND start_us = ?',
          )
          .get(args.connectionId, latest[0], latest[1]) as { p: string } | undefined
      )?.p ?? '')
    : '';
  const fromUs = params[1] as number;
  const toUs = params[2] as number;
  const ms = (us: number | null) => (us === null ? null : us / 1000);
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

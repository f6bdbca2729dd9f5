// Per-fingerprint totals of a time range from the rollup (fingerprint_days, FingerprintDays.ts) for its
// whole UTC days (the largest aligned blocks of 64, 8 and 1 days that fit), and from the stored runs for
// the part-days at its edges: the same counts, sums, maxima and aborted counts as grouping every run
// (test/core/views/storeReads.test.ts), reading ~15 rows per fingerprint over 90 days instead of every
// run, grouped by SQLite (one row per fingerprint to JavaScript). The day holding the oldest stored run
// is read from the runs too: retention may have cut it (its rollup row counts runs that are gone).
//
// Asked for, it also bounds each fingerprint's median and p95 over the range: a nearest-rank percentile
// of parts together lies between the lowest and the highest of the parts' own (fewer than p × n runs
// lie below the lowest, at least p × n at or below the highest), so the blocks' stored bounds (0034)
// combine with min/max in SQL and the edges count as one part, its percentiles exact.
import type Database from 'better-sqlite3';
import { BLOCK_DAYS, DAY_US, dayOf } from '../store/history/FingerprintDays.ts';
import { percentileOfSorted } from './percentile.ts';

/** µs bounds of a fingerprint's percentiles over the range (each bounds the exact nearest-rank one). */
export interface PercentileBounds {
  p50Lo: number;
  p50Hi: number;
  p95Hi: number;
}

export interface RolledGroup {
  count: number;
  totalUs: number;
  maxUs: number;
  aborted: number;
  /** Only when asked for. */
  bounds: PercentileBounds | null;
}

/** Runs of [fromUs, toUs] (both inclusive, as queries.history's range) per fingerprint. */
export function rolledFingerprints(
  db: Database.Database,
  connectionId: string,
  fromUs: number,
  toUs: number,
  withBounds: boolean,
): Map<string, RolledGroup> {
  const oldest = (
    db.prepare('SELECT min(start_us) AS us FROM queries WHERE connection_id = ?').get(connectionId) as {
      us: number | null;
    }
  ).us;
  const groups = new Map<string, RolledGroup>();
  if (oldest === null) return groups;
  // Whole days [a, b): after the oldest run's day, inside the range.
  const a = Math.max(dayOf(fromUs + DAY_US - 1), dayOf(oldest) + DAY_US);
  const b = dayOf(toUs + 1);

  const rawSpans: [number, number][] =
    a < b
      ? [
          [fromUs, a - 1],
          [b, toUs],
        ]
      : [[fromUs, toUs]];
  if (withBounds) readEdgesWithBounds(db, connectionId, rawSpans, groups);
  else {
    const raw = db.prepare(
      `SELECT fingerprint, count(*), sum(elapsed_us), max(elapsed_us), sum(aborted)
       FROM queries INDEXED BY queries_by_start_fingerprint
       WHERE connection_id = ? AND start_us >= ? AND start_us <= ? GROUP BY fingerprint`,
    );
    for (const [lo, hi] of rawSpans) {
      if (lo > hi) continue;
      for (const [fingerprint, runs, totalUs, maxUs, aborted] of raw
        .raw()
        .iterate(connectionId, lo, hi) as IterableIterator<[string, number, number, number, number]>)
        add(groups, fingerprint, runs, totalUs, maxUs, aborted);
    }
  }
  if (a >= b) return groups;

  // Every block of the range in one statement, grouped by SQLite (UNION ALL: an OR of the runs makes
  // SQLite de-duplicate the rows it found through each, a third slower).
  const runs = blockRuns(a, b);
  const blocks = db.prepare(
    `SELECT fingerprint, sum(runs), sum(total_us), max(max_us), sum(aborted),
       min(p50_lo_us), max(p50_hi_us), max(p95_hi_us)
     FROM (${runs
       .map(
         () => `SELECT fingerprint, runs, total_us, max_us, aborted, p50_lo_us, p50_hi_us, p95_hi_us
                FROM fingerprint_days WHERE connection_id = ? AND days = ? AND day_us >= ? AND day_us < ?`,
       )
       .join(' UNION ALL ')})
     GROUP BY fingerprint`,
  );
  for (const [fingerprint, count, totalUs, maxUs, aborted, p50Lo, p50Hi, p95Hi] of blocks
    .raw()
    .iterate(...runs.flatMap((r) => [connectionId, ...r])) as IterableIterator<
    [string, number, number, number, number, number, number, number]
  >) {
    const g = add(groups, fingerprint, count, totalUs, maxUs, aborted);
    if (!withBounds) continue;
    if (g.bounds) {
      g.bounds.p50Lo = Math.min(g.bounds.p50Lo, p50Lo);
      g.bounds.p50Hi = Math.max(g.bounds.p50Hi, p50Hi);
      g.bounds.p95Hi = Math.max(g.bounds.p95Hi, p95Hi);
    } else g.bounds = { p50Lo, p50Hi, p95Hi };
  }
  return groups;
}

function add(
  groups: Map<string, RolledGroup>,
  fingerprint: string,
  count: number,
  totalUs: number,
  maxUs: number,
  aborted: number,
): RolledGroup {
  const g = groups.get(fingerprint);
  if (!g) {
    const created = { count, totalUs, maxUs, aborted, bounds: null };
    groups.set(fingerprint, created);
    return created;
  }
  g.count += count;
  g.totalUs += totalUs;
  g.maxUs = Math.max(g.maxUs, maxUs);
  g.aborted += aborted;
  return g;
}

/** The edges' runs, one part per fingerprint for the bounds: its exact median and p95. */
function readEdgesWithBounds(
  db: Database.Database,
  connectionId: string,
  spans: [number, number][],
  groups: Map<string, RolledGroup>,
): void {
  const runs = db.prepare(
    `SELECT fingerprint, elapsed_us, aborted FROM queries INDEXED BY queries_by_start_fingerprint
     WHERE connection_id = ? AND start_us >= ? AND start_us <= ?`,
  );
  const values = new Map<string, number[]>();
  for (const [lo, hi] of spans) {
    if (lo > hi) continue;
    for (const [fingerprint, elapsedUs, aborted] of runs
      .raw()
      .iterate(connectionId, lo, hi) as IterableIterator<[string, number, number]>) {
      add(groups, fingerprint, 1, elapsedUs, elapsedUs, aborted);
      const list = values.get(fingerprint);
      if (list) list.push(elapsedUs);
      else values.set(fingerprint, [elapsedUs]);
    }
  }
  for (const [fingerprint, list] of values) {
    const sorted = Float64Array.from(list).sort();
    const p50 = percentileOfSorted(sorted, 50)!;
    groups.get(fingerprint)!.bounds = { p50Lo: p50, p50Hi: p50, p95Hi: percentileOfSorted(sorted, 95)! };
  }
}

/**
 * [a, b) (whole days) as runs of equal blocks: [days, first block start, end), the largest aligned
 * block that fits at each step, so 90 days are ~15 blocks.
 */
export function blockRuns(a: number, b: number): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let x = a; x < b;) {
    const days = BLOCK_DAYS.find((d) => x % (d * DAY_US) === 0 && x + d * DAY_US <= b)!;
    const last = runs.at(-1);
    if (last && last[0] === days && last[2] === x) last[2] = x + days * DAY_US;
    else runs.push([days, x, x + days * DAY_US]);
    x += days * DAY_US;
  }
  return runs;
}

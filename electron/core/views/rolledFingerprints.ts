// Per-fingerprint totals of a time range from the rollup (fingerprint_days, FingerprintDays.ts) for its
// whole UTC days (the largest aligned blocks of 64, 8 and 1 days that fit), and from the stored runs for the part-days at its edges: the same counts,
// sums, maxima and aborted counts as grouping every run (test/core/views/rolledFingerprints.test.ts),
// reading ~15 rows per fingerprint over 90 days instead of every run. The day holding the oldest stored run
// is read from the runs too: retention may have cut it (its rollup row counts runs that are gone).
import type Database from 'better-sqlite3';
import { BLOCK_DAYS, DAY_US, dayOf } from '../store/history/FingerprintDays.ts';

export interface RolledGroup {
  count: number;
  totalUs: number;
  maxUs: number;
  aborted: number;
  /**
   * Only when asked for: the durations, as the blocks' encoded histograms and the edges' own values
   * (percentileBoundsOf in durationHistogram.ts bounds a percentile of them). Kept apart, not merged:
   * most groups' bounds are never read, and merging is the cost.
   */
  histogram: { encoded: Uint8Array[]; values: number[] } | null;
}

/** Runs of [fromUs, toUs] (both inclusive, as queries.history's range) per fingerprint. */
export function rolledFingerprints(
  db: Database.Database,
  connectionId: string,
  fromUs: number,
  toUs: number,
  withHistograms: boolean,
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
  const group = (fingerprint: string): RolledGroup => {
    let g = groups.get(fingerprint);
    if (!g) {
      g = {
        count: 0,
        totalUs: 0,
        maxUs: 0,
        aborted: 0,
        histogram: withHistograms ? { encoded: [], values: [] } : null,
      };
      groups.set(fingerprint, g);
    }
    return g;
  };

  const rawSpans: [number, number][] =
    a < b
      ? [
          [fromUs, a - 1],
          [b, toUs],
        ]
      : [[fromUs, toUs]];
  const raw = db.prepare(
    `SELECT fingerprint, elapsed_us, aborted FROM queries INDEXED BY queries_by_start_fingerprint
     WHERE connection_id = ? AND start_us >= ? AND start_us <= ?`,
  );
  for (const [lo, hi] of rawSpans) {
    if (lo > hi) continue;
    for (const [fingerprint, elapsedUs, aborted] of raw
      .raw()
      .iterate(connectionId, lo, hi) as IterableIterator<[string, number, number]>) {
      const g = group(fingerprint);
      g.count++;
      g.totalUs += elapsedUs;
      g.maxUs = Math.max(g.maxUs, elapsedUs);
      g.aborted += aborted;
      g.histogram?.values.push(elapsedUs);
    }
  }
  if (a >= b) return groups;

  const blocks = db.prepare(
    withHistograms
      ? `SELECT fingerprint, runs, total_us, max_us, aborted, histogram FROM fingerprint_days
         WHERE connection_id = ? AND days = ? AND day_us >= ? AND day_us < ?`
      : `SELECT fingerprint, sum(runs), sum(total_us), max(max_us), sum(aborted) FROM fingerprint_days
         WHERE connection_id = ? AND days = ? AND day_us >= ? AND day_us < ? GROUP BY fingerprint`,
  );
  for (const [days, lo, hi] of blockRuns(a, b)) {
    for (const [fingerprint, runs, totalUs, maxUs, aborted, histogram] of blocks
      .raw()
      .iterate(connectionId, days, lo, hi) as IterableIterator<
      [string, number, number, number, number, Buffer | undefined]
    >) {
      const g = group(fingerprint);
      g.count += runs;
      g.totalUs += totalUs;
      g.maxUs = Math.max(g.maxUs, maxUs);
      g.aborted += aborted;
      if (histogram) g.histogram?.encoded.push(histogram);
    }
  }
  return groups;
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

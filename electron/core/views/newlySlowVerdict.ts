// The "newly slow" verdict of one fingerprint, shared by the slow-queries view (readFingerprints.ts)
// and the alert rule (newlySlowFingerprints.ts) so the two never disagree: the median of its runs in the
// 36 hours before `to` against the median of the 14 days before that ([to − 15 d, to − 36 h)), at least
// k times, with at least MIN_BASELINE_RUNS earlier runs. 36 hours, not 24: a nightly statement runs once
// a night at about the same time, and a 24-hour window misses last night's run for the hour before
// tonight's (the flag came and went with the clock). Every run of the fingerprint counts (not only the
// filtered ones): "newly slow" is a property of the query, and a filter should not hide or invent it.
import type Database from 'better-sqlite3';
import { percentileOfSorted } from './percentile.ts';
import type { RolledGroup } from './rolledFingerprints.ts';

export const DEFAULT_NEWLY_SLOW_K = 3;
export const MIN_BASELINE_RUNS = 3;
const US_PER_HOUR = 3_600_000_000;
export const RECENT_US = 36 * US_PER_HOUR;
export const BASELINE_US = 15 * 24 * US_PER_HOUR;

export interface NewlySlowVerdict {
  recentMedianUs: number | null;
  baselineMedianUs: number | null;
  ratio: number | null;
  newlySlow: boolean;
}

/** The two windows ending at `toUs` and the factor k. */
export interface NewlySlowWindows {
  connectionId: string;
  baselineFromUs: number;
  recentFromUs: number;
  toUs: number;
  k: number;
}

export function newlySlowWindows(connectionId: string, toUs: number, k: number): NewlySlowWindows {
  return { connectionId, baselineFromUs: toUs - BASELINE_US, recentFromUs: toUs - RECENT_US, toUs, k };
}

/** The verdict from the runs' durations in the recent and the baseline window (either may be empty). */
export function newlySlowVerdict(
  recent: readonly number[] | undefined,
  baseline: readonly number[] | undefined,
  k: number,
): NewlySlowVerdict {
  const median = (xs: readonly number[] | undefined) =>
    xs && xs.length > 0 ? percentileOfSorted(Float64Array.from(xs).sort(), 50) : null;
  const recentMedianUs = median(recent);
  const baselineMedianUs = median(baseline);
  const ratio =
    recentMedianUs !== null && baselineMedianUs !== null && baselineMedianUs > 0
      ? recentMedianUs / baselineMedianUs
      : null;
  return {
    recentMedianUs,
    baselineMedianUs,
    ratio,
    newlySlow: ratio !== null && ratio >= k && (baseline?.length ?? 0) >= MIN_BASELINE_RUNS,
  };
}

/**
 * Reads one fingerprint's verdict from its own runs (queries_by_fingerprint covers them). Prepare the
 * statement once per read of many fingerprints: preparing costs as much as a small read.
 */
export function verdictReader(
  db: Database.Database,
): (w: NewlySlowWindows, fingerprint: string) => NewlySlowVerdict {
  const runs = db.prepare(
    `SELECT start_us, elapsed_us FROM queries INDEXED BY queries_by_fingerprint
     WHERE connection_id = ? AND fingerprint = ? AND start_us >= ? AND start_us <= ?`,
  );
  return (w, fingerprint) => {
    const recent: number[] = [];
    const baseline: number[] = [];
    for (const [startUs, elapsedUs] of runs
      .raw()
      .iterate(w.connectionId, fingerprint, w.baselineFromUs, w.toUs) as IterableIterator<[number, number]>)
      (startUs >= w.recentFromUs ? recent : baseline).push(elapsedUs);
    return newlySlowVerdict(recent, baseline, w.k);
  };
}

/**
 * Whether a fingerprint can be newly slow by the rollup's median bounds of the two windows
 * (rolledFingerprints with bounds): false when the highest recent median over the lowest earlier one
 * cannot reach k, or with fewer than MIN_BASELINE_RUNS earlier runs, or no run in a window.
 */
export function mayBeNewlySlow(
  recent: RolledGroup | undefined,
  baseline: RolledGroup | undefined,
  k: number,
): boolean {
  if (!recent?.bounds || !baseline?.bounds || baseline.count < MIN_BASELINE_RUNS) return false;
  return baseline.bounds.p50Lo === 0 || recent.bounds.p50Hi / baseline.bounds.p50Lo >= k;
}

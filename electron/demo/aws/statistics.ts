// CloudWatch's side of GetMetricData (REFERENCE 5.2): group a metric's raw datapoints into Period
// buckets starting at StartTime, apply the statistic, and drop buckets that CloudWatch no longer keeps
// at that granularity.
import type { MetricSample } from './MetricSource.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type Statistic = (values: readonly number[]) => number;

/** Average, Sum, Minimum, Maximum, SampleCount and percentiles pNN / pNN.N; null when not a statistic. */
export function parseStatistic(stat: string): Statistic | null {
  switch (stat) {
    case 'Average':
      return (v) => v.reduce((a, b) => a + b, 0) / v.length;
    case 'Sum':
      return (v) => v.reduce((a, b) => a + b, 0);
    case 'Minimum':
      return (v) => Math.min(...v);
    case 'Maximum':
      return (v) => Math.max(...v);
    case 'SampleCount':
      return (v) => v.length;
  }
  const m = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat);
  if (m === null) return null;
  const p = Number(m[1]);
  if (p < 0 || p > 100) return null;
  // Nearest-rank percentile over the bucket's samples.
  return (v) => {
    const sorted = [...v].sort((a, b) => a - b);
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
    return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
  };
}

/** Periods CloudWatch accepts: 1, 5, 10, 20, 30 (high resolution) or a multiple of 60 seconds. */
export function isValidPeriod(period: number): boolean {
  return Number.isInteger(period) && (period % 60 === 0 ? period > 0 : [1, 5, 10, 20, 30].includes(period));
}

/** StartTime is rounded down to the minute (< 15 days old), 5 minutes (15–63 days) or hour (older). */
export function roundStartTime(startMs: number, asOfMs: number): number {
  const age = asOfMs - startMs;
  const unit = age < 15 * DAY ? MINUTE : age <= 63 * DAY ? 5 * MINUTE : HOUR;
  return Math.floor(startMs / unit) * unit;
}

/**
 * Whether CloudWatch still has data for a bucket starting at `bucketMs` at this period: < 60 s only for
 * 3 hours, multiples of 60 s for 15 days, of 300 s for 63 days, of 3600 s for 455 days (REFERENCE 5.2).
 */
export function isRetained(bucketMs: number, periodSeconds: number, asOfMs: number): boolean {
  const age = asOfMs - bucketMs;
  if (age > 455 * DAY) return false;
  if (periodSeconds < 60) return age <= 3 * HOUR;
  if (age <= 15 * DAY) return periodSeconds % 60 === 0;
  if (age <= 63 * DAY) return periodSeconds % 300 === 0;
  return periodSeconds % 3600 === 0;
}

export interface Datapoint {
  timestampMs: number;
  value: number;
}

/** Buckets [start + k·period, …) up to `endMs` (exclusive); periods without samples are absent. */
export function aggregate(
  samples: readonly MetricSample[],
  startMs: number,
  endMs: number,
  periodSeconds: number,
  statistic: Statistic,
  asOfMs: number,
): Datapoint[] {
  const periodMs = periodSeconds * 1000;
  const buckets = new Map<number, number[]>();
  for (const s of samples) {
    const t = s.timestamp.getTime();
    if (t < startMs || t >= endMs || !Number.isFinite(s.value)) continue;
    const k = Math.floor((t - startMs) / periodMs);
    const bucket = buckets.get(k);
    if (bucket === undefined) buckets.set(k, [s.value]);
    else bucket.push(s.value);
  }
  const out: Datapoint[] = [];
  for (const [k, values] of [...buckets.entries()].sort((a, b) => a[0] - b[0])) {
    const timestampMs = startMs + k * periodMs;
    if (!isRetained(timestampMs, periodSeconds, asOfMs)) continue;
    out.push({ timestampMs, value: statistic(values) });
  }
  return out;
}

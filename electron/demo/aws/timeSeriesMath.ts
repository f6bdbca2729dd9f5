// Fast window statistics over many rows, so a week of per-minute samples costs O((rows + samples) log rows)
// instead of one SQL query per sample. Times are milliseconds relative to a base, which keeps the
// prefix sums inside double precision.

function upperBound(sorted: Float64Array, x: number): number {
  // number of elements < x
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function prefix(sorted: Float64Array): Float64Array {
  const out = new Float64Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i++) out[i + 1] = (out[i] ?? 0) + (sorted[i] ?? 0);
  return out;
}

/** A set of [start, end) intervals; `average(a, b)` = how many were open on average during [a, b). */
export class IntervalSet {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly startSums: Float64Array;
  private readonly endSums: Float64Array;

  constructor(
    intervals: Iterable<readonly [number, number]>,
    private readonly base: number,
  ) {
    const s: number[] = [];
    const e: number[] = [];
    for (const [a, b] of intervals) {
      if (!(b > a)) continue;
      s.push(a - base);
      e.push(b - base);
    }
    this.starts = Float64Array.from(s).sort();
    this.ends = Float64Array.from(e).sort();
    this.startSums = prefix(this.starts);
    this.endSums = prefix(this.ends);
  }

  get size(): number {
    return this.starts.length;
  }

  /** ∫ open-count dt from the beginning of time to t. */
  private integral(t: number): number {
    const x = t - this.base;
    const ks = upperBound(this.starts, x);
    const ke = upperBound(this.ends, x);
    return ks * x - (this.startSums[ks] ?? 0) - (ke * x - (this.endSums[ke] ?? 0));
  }

  average(from: number, to: number): number {
    if (!(to > from)) return 0;
    return (this.integral(to) - this.integral(from)) / (to - from);
  }
}

/** Point events with a value; count / sum / mean of those at times in [a, b). */
export class EventSeries {
  private readonly times: Float64Array;
  private readonly sums: Float64Array;

  constructor(
    events: Iterable<readonly [number, number]>,
    private readonly base: number,
  ) {
    const sorted = [...events].map(([t, v]) => [t - base, v] as const).sort((a, b) => a[0] - b[0]);
    this.times = Float64Array.from(sorted.map(([t]) => t));
    this.sums = prefix(Float64Array.from(sorted.map(([, v]) => v)));
  }

  private range(from: number, to: number): [number, number] {
    return [upperBound(this.times, from - this.base), upperBound(this.times, to - this.base)];
  }

  count(from: number, to: number): number {
    const [i, j] = this.range(from, to);
    return j - i;
  }

  sum(from: number, to: number): number {
    const [i, j] = this.range(from, to);
    return (this.sums[j] ?? 0) - (this.sums[i] ?? 0);
  }

  /** Mean value in the window, 0 when nothing happened. */
  mean(from: number, to: number): number {
    const n = this.count(from, to);
    return n === 0 ? 0 : this.sum(from, to) / n;
  }
}

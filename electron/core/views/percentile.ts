// Exact percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at
// rank ceil(p/100 × n) (1-based). Always one of the observed values (no interpolation), so "p95 = 12 s"
// means a run really took 12 s; the median of an even count is the lower middle value.

/** Nearest-rank percentile of values sorted ascending; null for an empty list. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sorted[rank - 1]!;
}

/** Sorts a copy ascending (numeric) and returns the nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted(Float64Array.from(values).sort(), p);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

// A robust trend (Theil-Sen): the median of the slopes between every pair of points, and the median
// intercept. One late night (an incident) moves it little, unlike least squares.

export interface Line {
  slope: number;
  intercept: number;
}

const median = (values: number[]): number => {
  const s = values.sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** null with fewer than 2 distinct x. */
export function theilSen(points: readonly { x: number; y: number }[]): Line | null {
  // A typed array sorts numerically without a comparator: 400 nights are ~80,000 slopes.
  const slopes = new Float64Array((points.length * (points.length - 1)) / 2);
  let n = 0;
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[j]!.x - points[i]!.x;
      if (dx !== 0) slopes[n++] = (points[j]!.y - points[i]!.y) / dx;
    }
  if (n === 0) return null;
  const sorted = slopes.subarray(0, n).sort();
  const mid = n >> 1;
  const slope = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { slope, intercept: median(points.map((p) => p.y - slope * p.x)) };
}

export function medianOf(values: readonly number[]): number | null {
  return values.length === 0 ? null : median([...values]);
}

// Cutting [from, to] into at most maxPoints buckets of a "nice" width (1 s, 2 s, 5 s, … 1 h, … 1 day,
// then whole days), aligned to the epoch so a sliding window keeps the same boundaries from one refresh
// to the next. Times are microseconds, like the store.

const NICE_SECONDS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];
const US_PER_SECOND = 1_000_000;
const US_PER_DAY = 86_400 * US_PER_SECOND;

export interface TimeBuckets {
  /** Start of the first bucket (at or before `from`). */
  firstUs: number;
  widthUs: number;
  count: number;
}

function countFor(fromUs: number, toUs: number, widthUs: number): number {
  return Math.floor(toUs / widthUs) - Math.floor(fromUs / widthUs) + 1;
}

export function planTimeBuckets(fromUs: number, toUs: number, maxPoints: number): TimeBuckets {
  if (!(maxPoints >= 1)) throw new RangeError('maxPoints must be at least 1');
  if (toUs < fromUs) return { firstUs: fromUs, widthUs: US_PER_SECOND, count: 0 };
  let widthUs = 0;
  for (const s of NICE_SECONDS) {
    if (countFor(fromUs, toUs, s * US_PER_SECOND) <= maxPoints) {
      widthUs = s * US_PER_SECOND;
      break;
    }
  }
  if (widthUs === 0) {
    // Whole days: the smallest number of days that fits.
    let days = Math.max(1, Math.floor((toUs - fromUs) / US_PER_DAY / maxPoints));
    while (countFor(fromUs, toUs, days * US_PER_DAY) > maxPoints) days++;
    widthUs = days * US_PER_DAY;
  }
  return {
    firstUs: Math.floor(fromUs / widthUs) * widthUs,
    widthUs,
    count: countFor(fromUs, toUs, widthUs),
  };
}

/** Index of the bucket holding `us` (may be outside [0, count) for times outside the range). */
export function bucketIndex(b: TimeBuckets, us: number): number {
  return Math.floor((us - b.firstUs) / b.widthUs);
}

export function bucketStartMs(b: TimeBuckets, index: number): number {
  return (b.firstUs + index * b.widthUs) / 1000;
}

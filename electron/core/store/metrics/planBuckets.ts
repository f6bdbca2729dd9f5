// Chart shaping, step 1 (pure): how to cut [from, to) into at most maxPoints buckets, and which stored
// resolution (native 1/5-minute points, hourly or daily rollups) to read them from. Buckets are aligned
// to the epoch, not to `from`, so a sliding window keeps the same bucket boundaries from one refresh to
// the next (no shimmering averages).

/** Bucket widths in seconds, nicest first; past a week the ladder keeps doubling. */
const LADDER = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

export interface Tier {
  /** Seconds per stored point: 60 or 300 (native), 3600 (hourly rollup) or 86400 (daily rollup). */
  resolution: number;
  /** Whether this tier holds data for the whole range (see chooseUsableTiers). */
  usable: boolean;
}

export interface BucketPlan {
  /** Resolution of the tier to read. */
  tierResolution: number;
  /** Width of one output bucket, seconds: a multiple of tierResolution. */
  widthSeconds: number;
  /** Start of the first bucket, epoch seconds (at or before `from`). */
  firstBucket: number;
  /** Number of buckets; never more than maxPoints; 0 for an empty range. */
  count: number;
}

function* widths(): Generator<number> {
  yield* LADDER;
  let w = LADDER[LADDER.length - 1]!;
  for (;;) {
    w *= 2;
    yield w;
  }
}

function bucketCount(fromS: number, toS: number, width: number): number {
  if (toS <= fromS) return 0;
  return Math.floor((toS - 1) / width) - Math.floor(fromS / width) + 1;
}

/**
 * Picks the narrowest nice bucket width that yields at most maxPoints buckets over [fromMs, toMs), then
 * the coarsest usable tier that width is a multiple of (fewest rows read). `tiers` go from fine to
 * coarse; the last one is always treated as usable.
 */
export function planBuckets(
  fromMs: number,
  toMs: number,
  maxPoints: number,
  tiers: readonly Tier[],
): BucketPlan {
  if (tiers.length === 0) throw new RangeError('planBuckets needs at least one tier');
  if (!(maxPoints >= 1)) throw new RangeError('maxPoints must be at least 1');
  const fromS = Math.floor(fromMs / 1000);
  const toS = Math.ceil(toMs / 1000);
  const last = tiers.length - 1;
  const finest = tiers.find((t, i) => t.usable || i === last)!;
  for (const width of widths()) {
    if (width < finest.resolution || width % finest.resolution !== 0) continue;
    const count = bucketCount(fromS, toS, width);
    if (count > maxPoints) continue;
    let tier = finest;
    for (let i = 0; i <= last; i++) {
      const t = tiers[i]!;
      if (
        (t.usable || i === last) &&
        t.resolution >= finest.resolution &&
        t.resolution <= width &&
        width % t.resolution === 0
      ) {
        tier = t;
      }
    }
    return {
      tierResolution: tier.resolution,
      widthSeconds: width,
      firstBucket: Math.floor(fromS / width) * width,
      count,
    };
  }
  throw new Error('unreachable: the ladder grows without bound');
}

/** Earliest stored point per tier (epoch seconds), null when the tier is empty. */
export interface TierExtent {
  resolution: number;
  earliest: number | null;
}

/**
 * A tier can answer a range when it reaches back to `from`, or when no coarser tier reaches back further
 * than it does (then it is simply where the history starts). Finer tiers are pruned sooner (retention),
 * so an old range falls through to the hourly or daily rollups instead of showing false gaps.
 */
export function chooseUsableTiers(fromMs: number, extents: readonly TierExtent[]): Tier[] {
  const fromS = Math.floor(fromMs / 1000);
  return extents.map((tier, i) => {
    const coarser = extents.slice(i + 1).filter((c) => c.earliest !== null);
    if (tier.earliest === null) return { resolution: tier.resolution, usable: coarser.length === 0 };
    const own = tier.earliest;
    const reachesFrom = fromS >= own;
    const nothingOlderElsewhere = coarser.every(
      (c) => c.earliest! >= Math.floor(own / c.resolution) * c.resolution,
    );
    return { resolution: tier.resolution, usable: reachesFrom || nothingOlderElsewhere };
  });
}

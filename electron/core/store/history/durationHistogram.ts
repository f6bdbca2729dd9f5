// A mergeable sketch of durations: counts per logarithmic bucket, 32 buckets per doubling, so bucket b
// (b >= 1) holds [2^((b-1)/32), 2^(b/32)) µs, a band 2.2 % wide; bucket 0 holds 0 µs. Merging two days
// is adding their counts, so a range's histogram is the sum of its days' (fingerprint_days).
//
// It never answers a figure the UI shows: it BOUNDS the nearest-rank percentile (percentile.ts) of
// the durations it counted — the value at rank ceil(p/100 × n) lies in the bucket holding that rank —
// so a reader can tell which few groups could be on a page and read their exact runs. The bounds are
// widened by one bucket each side (≤ 4.4 % below, ≤ 4.4 % above) so floating-point rounding of the
// logarithm at a bucket edge can never put the true value outside them.

const PER_DOUBLING = 32;

/** Bucket of a duration in µs. */
export function bucketOf(us: number): number {
  return us <= 0 ? 0 : 1 + Math.floor(Math.log2(us) * PER_DOUBLING);
}

/** [lowest, highest] µs a value counted in bucket `b` can have, widened by a bucket each side. */
function bucketRange(b: number): [number, number] {
  if (b <= 1) return [0, 2 ** (1 / PER_DOUBLING)];
  return [2 ** ((b - 2) / PER_DOUBLING), 2 ** ((b + 1) / PER_DOUBLING)];
}

/** Bucket -> count. */
export type Histogram = Map<number, number>;

export function addToHistogram(h: Histogram, us: number, n = 1): void {
  const b = bucketOf(us);
  h.set(b, (h.get(b) ?? 0) + n);
}

/** Packed little-endian (bucket u32, count u32) pairs, buckets ascending. */
export function encodeHistogram(h: Histogram): Buffer {
  const buckets = [...h.keys()].filter((b) => h.get(b)! > 0).sort((a, b) => a - b);
  const out = Buffer.alloc(buckets.length * 8);
  buckets.forEach((b, i) => {
    out.writeUInt32LE(b, i * 8);
    out.writeUInt32LE(h.get(b)!, i * 8 + 4);
  });
  return out;
}

/** Adds an encoded histogram's counts into `into`. */
export function mergeEncoded(into: Histogram, blob: Uint8Array): void {
  const view = Buffer.isBuffer(blob) ? blob : Buffer.from(blob);
  for (let i = 0; i + 8 <= view.length; i += 8) {
    const b = view.readUInt32LE(i);
    into.set(b, (into.get(b) ?? 0) + view.readUInt32LE(i + 4));
  }
}

/** Bucket numbers at or past this one are unbounded above (2^44 µs, ~200 days). */
const LAST_BUCKET = 44 * PER_DOUBLING;

/**
 * Bounds [lo, hi] µs of the nearest-rank p-th percentiles (`ps`, ascending) of an encoded histogram,
 * in one pass over its buckets (stored ascending); null when it counts nothing.
 */
export function encodedPercentileBounds(
  blob: Uint8Array,
  ps: readonly number[],
): ([number, number] | null)[] {
  const view = Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  let n = 0;
  for (let i = 0; i + 8 <= view.length; i += 8) n += view.readUInt32LE(i + 4);
  if (n === 0) return ps.map(() => null);
  const out: ([number, number] | null)[] = [];
  let seen = 0;
  let i = 0;
  let b = 0;
  for (const p of ps) {
    const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
    while (seen < rank && i + 8 <= view.length) {
      b = view.readUInt32LE(i);
      seen += view.readUInt32LE(i + 4);
      i += 8;
    }
    out.push(b >= LAST_BUCKET ? [bucketRange(b)[0], Infinity] : bucketRange(b));
  }
  return out;
}

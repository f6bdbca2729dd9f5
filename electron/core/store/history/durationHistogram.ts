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

/** Buckets a reader counts into: up to 2^44 µs (~200 days); longer lands in the last, unbounded above. */
const DENSE_BUCKETS = 1 + 44 * PER_DOUBLING;

// One counting array for every bounds read (reads are synchronous): a reader used to allocate a dense
// histogram per fingerprint and window (~17 MB per newly-slow refresh) where a fingerprint's durations
// fill a few buckets. Only the buckets between the lowest and highest touched are scanned and cleared.
const scratch = new Uint32Array(DENSE_BUCKETS);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Bounds [lo, hi] µs of the nearest-rank p-th percentile of the durations counted in `encoded`
 * histograms (encodeHistogram) plus the durations `values` (µs); null when there are none.
 */
export function percentileBoundsOf(
  encoded: readonly Uint8Array[],
  values: readonly number[],
  p: number,
): [number, number] | null {
  let lowest = DENSE_BUCKETS;
  let highest = -1;
  let n = 0;
  const count = (bucket: number, c: number) => {
    const b = Math.min(bucket, DENSE_BUCKETS - 1);
    scratch[b]! += c;
    n += c;
    if (b < lowest) lowest = b;
    if (b > highest) highest = b;
  };
  for (const blob of encoded) {
    // Read as u32 words where the bytes are aligned (and the machine little-endian, as the encoding).
    if (LITTLE_ENDIAN && blob.byteOffset % 4 === 0) {
      const words = new Uint32Array(blob.buffer, blob.byteOffset, blob.length >>> 2);
      for (let i = 0; i + 1 < words.length; i += 2) count(words[i]!, words[i + 1]!);
    } else {
      const view = Buffer.isBuffer(blob) ? blob : Buffer.from(blob);
      for (let i = 0; i + 8 <= view.length; i += 8) count(view.readUInt32LE(i), view.readUInt32LE(i + 4));
    }
  }
  for (const us of values) count(bucketOf(us), 1);
  if (n === 0) return null;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  let found = -1;
  for (let b = lowest, seen = 0; b <= highest; b++) {
    seen += scratch[b]!;
    if (seen >= rank) {
      found = b;
      break;
    }
  }
  scratch.fill(0, lowest, highest + 1);
  return found === DENSE_BUCKETS - 1 ? [bucketRange(found)[0], Infinity] : bucketRange(found);
}

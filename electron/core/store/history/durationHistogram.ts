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

/** Buckets a dense histogram has: up to 2^44 µs (~200 days); longer lands in the last, unbounded above. */
export const DENSE_BUCKETS = 1 + 44 * PER_DOUBLING;

/** Adds an encoded histogram's counts into a dense one (index = bucket): what a reader merges into. */
export function mergeEncodedDense(into: Uint32Array, blob: Uint8Array): void {
  // A reader merges ~10 blobs per fingerprint per window: read them as u32 words where the bytes are
  // aligned (and the machine little-endian, as the encoding), else byte by byte.
  if (LITTLE_ENDIAN && blob.byteOffset % 4 === 0) {
    const words = new Uint32Array(blob.buffer, blob.byteOffset, blob.length >>> 2);
    for (let i = 0; i + 1 < words.length; i += 2)
      into[Math.min(words[i]!, DENSE_BUCKETS - 1)]! += words[i + 1]!;
    return;
  }
  const view = Buffer.isBuffer(blob) ? blob : Buffer.from(blob);
  for (let i = 0; i + 8 <= view.length; i += 8) {
    into[Math.min(view.readUInt32LE(i), DENSE_BUCKETS - 1)]! += view.readUInt32LE(i + 4);
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function addToDense(into: Uint32Array, us: number): void {
  into[Math.min(bucketOf(us), DENSE_BUCKETS - 1)]! += 1;
}

/** Bounds [lo, hi] µs of the nearest-rank p-th percentile of a dense histogram; null when empty. */
export function percentileBounds(h: Uint32Array, p: number): [number, number] | null {
  let n = 0;
  for (let b = 0; b < h.length; b++) n += h[b]!;
  if (n === 0) return null;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  let seen = 0;
  for (let b = 0; b < h.length; b++) {
    seen += h[b]!;
    if (seen >= rank) return b === h.length - 1 ? [bucketRange(b)[0], Infinity] : bucketRange(b);
  }
  return null;
}

// Opaque paging tokens (Redshift `Marker`, CloudWatch `NextToken`). A token remembers where the next
// page starts, a fingerprint of the request it belongs to (a token replayed against another request is
// refused, as AWS does) and any request-time values that must stay fixed across pages (e.g. "now").

export interface PageToken<T> {
  offset: number;
  fingerprint: string;
  extra: T;
}

/** FNV-1a over the request's identifying parameters: enough to tell requests apart, not a security measure. */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function encodePageToken<T>(token: PageToken<T>): string {
  return Buffer.from(
    JSON.stringify({ o: token.offset, f: token.fingerprint, x: token.extra }),
    'utf8',
  ).toString('base64url');
}

/** The token's contents, or null when it is not one of ours or belongs to a different request. */
export function decodePageToken<T>(
  raw: string,
  expectedFingerprint: string,
  isExtra: (x: unknown) => x is T,
): PageToken<T> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { o, f, x } = parsed as { o?: unknown; f?: unknown; x?: unknown };
    if (typeof o !== 'number' || !Number.isInteger(o) || o < 0) return null;
    if (f !== expectedFingerprint || !isExtra(x)) return null;
    return { offset: o, fingerprint: f, extra: x };
  } catch {
    return null;
  }
}

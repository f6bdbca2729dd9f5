// Door 2's checks before anything else runs: the request must be addressed to our loopback port
// (a foreign Host header means DNS rebinding: 403), come from our own origin if it says where it comes
// from (403), and carry the per-launch token (401).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function loopbackHosts(port: number): Set<string> {
  return new Set(LOOPBACK_NAMES.map((name) => `${name}:${port}`));
}

export function checkHostAndOrigin(req: IncomingMessage, allowedHosts: Set<string>): GuardVerdict {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts.has(host)) {
    return {
      ok: false,
      status: 403,
      message: 'Forbidden: this server only answers requests addressed to its loopback port.',
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost: string;
    try {
      const url = new URL(origin);
      originHost = url.protocol === 'http:' ? url.host.toLowerCase() : '';
    } catch {
      originHost = '';
    }
    if (!allowedHosts.has(originHost)) {
      return { ok: false, status: 403, message: 'Forbidden: cross-origin requests are not accepted.' };
    }
  } else if (origin === 'null') {
    return { ok: false, status: 403, message: 'Forbidden: requests from opaque origins are not accepted.' };
  }
  return { ok: true };
}

/** The token may come as a Bearer header; EventSource, which cannot set headers, may pass ?token=. */
export function checkToken(req: IncomingMessage, url: URL, token: string, allowQuery: boolean): GuardVerdict {
  const header = req.headers.authorization;
  const fromHeader = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  const presented = fromHeader ?? (allowQuery ? (url.searchParams.get('token') ?? undefined) : undefined);
  if (presented === undefined) {
    return {
      ok: false,
      status: 401,
      message: 'Unauthorized: the API needs the token printed when the server started.',
    };
  }
  if (!sameSecret(presented, token)) return { ok: false, status: 401, message: 'Unauthorized: wrong token.' };
  return { ok: true };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

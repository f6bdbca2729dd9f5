// Serves the built renderer. Paths are resolved inside the root only: anything that would escape it
// (../, encoded or not, absolute paths, NUL bytes) is refused; unknown paths fall back to index.html so
// the single-page app can route.
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export type StaticResult = 'served' | 'forbidden' | 'missing';

export function resolveInside(rootDir: string, urlPath: string): string | null {
  const root = resolve(rootDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return null;
  const full = resolve(root, `.${decoded}`);
  return full === root || full.startsWith(root + sep) ? full : null;
}

export function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  headOnly: boolean,
): StaticResult {
  const file = resolveInside(root, urlPath);
  if (file === null) return 'forbidden';
  const target = isFile(file) ? file : extname(urlPath) === '' ? resolve(root, 'index.html') : null;
  if (target === null || !isFile(target)) return 'missing';
  res.writeHead(200, {
    'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The page URL carries the token on first load: never send it on as a referrer.
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
  });
  if (headOnly) res.end();
  else createReadStream(target).pipe(res);
  return 'served';
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

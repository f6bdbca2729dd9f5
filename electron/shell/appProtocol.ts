// The renderer is served from nightshift://app/, a privileged custom scheme, instead of file://
// (Electron security checklist #18): a file:// page may read any other local file a link or a fetch
// names, and every file:// page shares one origin. Here the app has its own origin, only the files
// of the built renderer exist under it, and each response carries our Content-Security-Policy.
import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy.ts';

export const APP_SCHEME = 'nightshift';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * For protocol.registerSchemesAsPrivileged, before 'ready'. standard: relative URLs and an origin like
 * https; secure: a secure context. Nothing else (no CSP bypass, no CORS, no service workers).
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true } as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The file a nightshift://app/ URL names inside `rendererDir`, or why it names none. */
export function appFileFor(rendererDir: string, url: string): { path: string } | { status: 403 | 404 } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 404 };
  }
  if (`${parsed.protocol}//${parsed.host.toLowerCase()}` !== APP_ORIGIN) return { status: 404 };
  // Encoded separators and NULs never name a file of ours ("..%2F" tricks).
  if (/%2f|%5c|%00/i.test(parsed.pathname)) return { status: 403 };
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return { status: 404 };
  }
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  if (!file.startsWith(root + sep)) return { status: 403 };
  return { path: file };
}

/** protocol.handle's answer for one request: the file with our headers, or a plain error. */
export async function appResponse(rendererDir: string, url: string): Promise<Response> {
  const found = appFileFor(rendererDir, url);
  if ('status' in found) return new Response(null, { status: found.status });
  let body: Buffer;
  try {
    // The path is inside the folder as written; a symbolic link in it must not lead out of it.
    const [realRoot, realFile] = await Promise.all([realpath(rendererDir), realpath(found.path)]);
    if (!realFile.startsWith(realRoot + sep)) return new Response(null, { status: 403 });
    body = await readFile(realFile);
  } catch {
    return new Response(null, { status: 404 });
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[extname(found.path)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

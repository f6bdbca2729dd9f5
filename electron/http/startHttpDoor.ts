// Door 2 (DESIGN.md §2): the same API as the desktop app over loopback HTTP. `POST /api/<method>` goes
// to the core's dispatch, `GET /api/events` streams pushed events as SSE, everything else is the built
// renderer. Binds 127.0.0.1 only; every API call needs the per-launch token; Host and Origin must be
// our own loopback address; there is no state-changing GET. `audit.csv` asked for with
// `Accept: text/csv` is streamed as the file itself, read from the store as the client takes it.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiResponse, ErrorCode } from '../../shared/errors.ts';
import { REQUEST_BODY_MAX_BYTES } from '../../shared/limits.ts';
import type { Core } from '../core/Core.ts';
import type { Logger } from '../core/base/Logger.ts';
import { checkHostAndOrigin, checkToken, loopbackHosts } from './requestGuard.ts';
import { serveStatic } from './serveStatic.ts';

export interface HttpDoorOptions {
  core: Pick<Core, 'dispatch' | 'events' | 'auditCsvStream'>;
  /** Accept methods that change state (`serve --admin`). */
  admin: boolean;
  staticDir: string;
  port?: number;
  log: Logger;
}

export interface HttpDoor {
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 15_000;

const STATUS_OF: Record<ErrorCode, number> = {
  unknown_method: 404,
  invalid_args: 400,
  unauthorized: 401,
  forbidden: 403,
  read_only: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export async function startHttpDoor(options: HttpDoorOptions): Promise<HttpDoor> {
  // 256 bits from the OS CSPRNG, new at every launch.
  const token = randomBytes(32).toString('base64url');
  const streams = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log.error('http: request failed', error);
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error.' } });
      // Mid-body (a streamed export): cut the connection, so the client sees a failed download
      // rather than a file that merely looks complete.
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const guard = checkHostAndOrigin(req, allowedHosts);
    if (!guard.ok) return sendText(res, guard.status, guard.message);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET' });
      const auth = checkToken(req, url, token, true);
      if (!auth.ok) return sendText(res, auth.status, auth.message);
      return openEventStream(res);
    }

    if (url.pathname.startsWith('/api/')) {
      // Every API method is a POST: nothing reachable by GET can change state.
      if (req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed', { Allow: 'POST' });
      const auth = checkToken(req, url, token, false);
      if (!auth.ok) {
        const code = auth.status === 401 ? 'unauthorized' : 'forbidden';
        return sendJson(res, auth.status, { ok: false, error: { code, message: auth.message } });
      }
      if (!isJsonMediaType(req.headers['content-type'])) {
        return sendJson(res, 415, {
          ok: false,
          error: {
            code: 'invalid_args',
            message: 'The API takes a JSON body (Content-Type: application/json).',
          },
        });
      }
      const body = await readJsonBody(req);
      if (!body.ok) {
        return sendJson(res, body.tooLarge ? 413 : 400, {
          ok: false,
          error: { code: 'invalid_args', message: body.message },
        });
      }
      const method = decodedMethod(url.pathname.slice('/api/'.length));
      if (method === 'audit.csv' && acceptsCsv(req.headers.accept)) return streamAuditCsv(res, body.value);
      const response = await options.core.dispatch(method, body.value, {
        door: 'http',
        admin: options.admin,
      });
      return sendJson(res, response.ok ? 200 : STATUS_OF[response.error.code], response);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET' });
    // The raw path, not url.pathname: the URL parser would quietly fold "/../x" into "/x".
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const served = serveStatic(options.staticDir, rawPath, res, req.method === 'HEAD');
    if (served === 'forbidden') return sendText(res, 403, 'Forbidden: path outside the app.');
    if (served === 'missing') {
      return sendText(res, 404, 'Not found. (Is the renderer built? Run `npm run build:renderer`.)');
    }
  }

  async function streamAuditCsv(res: ServerResponse, args: unknown): Promise<void> {
    const download = options.core.auditCsvStream(args);
    if (!download.ok) return sendJson(res, STATUS_OF[download.error.code], download);
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${download.result.filename}"`,
      // Said before the rows, so the page can tell how many it saved without parsing the file.
      'X-Nightshift-Records': String(download.result.rows),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    for (const chunk of download.result.chunks) {
      // The client went away: stop reading the store.
      if (res.destroyed) return;
      // Backpressure: a slow reader holds the next page in the store, not in this process.
      if (!res.write(chunk)) await drainedOrClosed(res);
    }
    res.end();
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.core.events.subscribe((event) => {
      res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = loopbackHosts(port);

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: ApiResponse<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function sendText(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(message);
}

/** The client asks for the CSV file itself (`Accept: text/csv`) rather than a JSON envelope. */
function acceptsCsv(header: string | undefined): boolean {
  return (header ?? '').split(',').some((type) => type.split(';')[0]!.trim().toLowerCase() === 'text/csv');
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** `application/json`, parameters (charset) allowed; `application/jsonxyz` or `text/json` are not JSON. */
function isJsonMediaType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** A malformed % escape names no method: dispatch answers "no such method" (404), no stack. */
function decodedMethod(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

type BodyResult = { ok: true; value: unknown } | { ok: false; message: string; tooLarge?: true };

const TOO_LARGE = `The request body is larger than ${REQUEST_BODY_MAX_BYTES.toLocaleString('en-US')} bytes (${REQUEST_BODY_MAX_BYTES / 1024} KiB), more than any call of this API takes.`;

/** Reads at most REQUEST_BODY_MAX_BYTES: a bigger body is refused before it is held in memory whole. */
async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (declared > REQUEST_BODY_MAX_BYTES) return { ok: false, message: TOO_LARGE, tooLarge: true };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > REQUEST_BODY_MAX_BYTES) return { ok: false, message: TOO_LARGE, tooLarge: true };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: 'The request body is not valid JSON.' };
  }
}

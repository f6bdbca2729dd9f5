// Door 2: `POST /api/<method>` with the token as a bearer header, events over Server-Sent Events.
// EventSource cannot send headers, so the stream carries the token in its query string (the server
// accepts it there for /api/events only).
import { ERROR_CODES, type ApiResponse, type ErrorCode } from '../../../shared/errors.ts';
import { EVENT_NAMES, type EventName, type PushedEvent } from '../../../shared/events.ts';
import { ApiCallError } from './ApiCallError.ts';
import type { AuditCsvFile, StreamState, Transport } from './Transport.ts';

/** Longest pause between two attempts to reopen a stream the browser gave up on. */
const MAX_RETRY_MS = 30_000;
const FIRST_RETRY_MS = 1_000;

export function createHttpTransport(token: string): Transport {
  return {
    door: 'browser',
    async call(method, args) {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(args ?? {}),
          cache: 'no-store',
        });
      } catch {
        throw new ApiCallError('network', 'The Nightshift server did not answer. Is it still running?');
      }
      return readHttpAnswer(response.status, await response.text());
    },
    downloadAuditCsv: (args) => downloadAuditCsv(token, args),
    listen(onEvent, onState) {
      return openEventStream(eventStreamUrl(token), onEvent, onState);
    },
  };
}

async function downloadAuditCsv(token: string, args: unknown): Promise<AuditCsvFile> {
  let response: Response;
  try {
    response = await fetch('/api/audit.csv', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'text/csv',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(args ?? {}),
      cache: 'no-store',
    });
  } catch {
    throw new ApiCallError('network', 'The Nightshift server did not answer. Is it still running?');
  }
  if (!(response.headers.get('Content-Type') ?? '').startsWith('text/csv')) {
    // Refused (bad filters, server stopping): the usual JSON answer.
    const answer = readHttpAnswer(response.status, await response.text());
    if (answer.ok) throw new ApiCallError('network', 'The server did not send the audit file.');
    throw new ApiCallError(answer.error.code, answer.error.message);
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    throw new ApiCallError(
      'network',
      'The download was cut off before the end; nothing was saved. Try again.',
    );
  }
  const filename =
    /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ??
    'nightshift-audit.csv';
  return { blob, filename, rows: Number(response.headers.get('X-Nightshift-Records') ?? 0) };
}

export function eventStreamUrl(token: string): string {
  return `/api/events?token=${encodeURIComponent(token)}`;
}

/**
 * Turns what the server sent back into an ApiResponse. Door 2 answers errors with an ApiResponse too
 * (401 unauthorized, 403 read_only, ...), which is passed on as is; a body that is not one (a proxy's
 * error page, some other server on the port) becomes an ApiCallError.
 */
export function readHttpAnswer(status: number, body: string): ApiResponse<unknown> {
  const answer = asApiResponse(parseJson(body));
  if (answer) return answer;
  if (status === 401 || status === 403) {
    throw new ApiCallError(
      'unauthorized',
      'The server refused this page’s access token. Open the link the server printed when it started.',
    );
  }
  throw new ApiCallError('network', `The server answered HTTP ${status} without a Nightshift response.`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function asApiResponse(value: unknown): ApiResponse<unknown> | null {
  if (!isRecord(value)) return null;
  if (value.ok === true && 'result' in value) return { ok: true, result: value.result };
  if (value.ok === false && isRecord(value.error) && typeof value.error.message === 'string') {
    const code = value.error.code;
    const known = (ERROR_CODES as readonly unknown[]).includes(code) ? (code as ErrorCode) : 'internal';
    return { ok: false, error: { code: known, message: value.error.message } };
  }
  return null;
}

/**
 * The browser reopens an EventSource by itself after a dropped connection, but gives up for good on
 * an HTTP error (server restarted with a new token, or briefly answering 5xx); then this reopens it
 * with a growing pause, and the state stays `reconnecting` until one opens.
 */
function openEventStream(
  url: string,
  onEvent: (event: PushedEvent) => void,
  onState: (state: StreamState) => void,
): () => void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = FIRST_RETRY_MS;
  let stopped = false;

  const open = () => {
    const es = new EventSource(url);
    source = es;
    es.onopen = () => {
      delay = FIRST_RETRY_MS;
      onState('live');
    };
    es.onerror = () => {
      onState('reconnecting');
      if (es.readyState === EventSource.CLOSED && !stopped) {
        es.close();
        timer = setTimeout(open, delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      }
    };
    for (const name of EVENT_NAMES) {
      es.addEventListener(name, (message) => {
        const pushed = toPushedEvent(name, message.data);
        if (pushed) onEvent(pushed);
      });
    }
  };

  onState('connecting');
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}

/** A malformed message is dropped: the next reload or event brings the truth. */
export function toPushedEvent(name: EventName, data: unknown): PushedEvent | null {
  if (typeof data !== 'string') return null;
  const payload = parseJson(data);
  if (!isRecord(payload)) return null;
  return { name, payload } as PushedEvent;
}

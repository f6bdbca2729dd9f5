// Tells "the server or the network is gone" (retry soon: it may be back in seconds) from "the statement
// failed" (retry later: trying again at once will fail the same way).

interface ErrorLike {
  code?: unknown;
  message?: unknown;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// SQLSTATE: 57P01 admin_shutdown (also what pg_terminate_backend sends), 57P02 crash_shutdown,
// 57P03 cannot_connect_now (starting up / shutting down), 53300 too_many_connections,
// 28000 / 28P01 authentication (temporary cluster credentials expire, REFERENCE 4.6).
const SERVER_GONE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '28000', '28P01']);

const MESSAGES =
  /connection terminated|connection error|terminating connection|timeout expired|client was closed|connection is closed|ended unexpectedly|server closed the connection|not queryable|cannot use a pool after calling end/i;

export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || SERVER_GONE_STATES.has(code) || code.startsWith('08')) return true;
  return typeof e.message === 'string' && MESSAGES.test(e.message);
}

export function isAuthError(error: unknown): boolean {
  const code = (error as ErrorLike | null)?.code;
  return code === '28000' || code === '28P01';
}

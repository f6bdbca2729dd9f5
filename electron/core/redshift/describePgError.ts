// Turns what `pg` and the network throw into words a warehouse admin can act on.
import type { ConnectionTestFailed } from '../../../shared/model/connection.ts';

interface ErrorLike {
  code?: string;
  message?: string;
}

export function describePgError(
  error: unknown,
  where: { host: string; port: number; user: string; database: string },
) {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const at = `${where.host}:${where.port}`;
  const raw = e.message ?? String(error);
  const fail = (reason: ConnectionTestFailed['reason'], message: string): ConnectionTestFailed => ({
    ok: false,
    reason,
    message,
  });
  switch (e.code) {
    case '28P01':
    case '28000':
      return fail('auth', `The server at ${at} rejected the login for user "${where.user}": ${raw}.`);
    case '3D000':
      return fail('not_found', `Database "${where.database}" does not exist on ${at}.`);
    case 'ECONNREFUSED':
      return fail(
        'unreachable',
        `Nothing is listening on ${at} (connection refused). Check host, port and firewall.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail('unreachable', `The host name "${where.host}" could not be resolved.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return fail('unreachable', `${at} cannot be reached from this machine (${e.code}).`);
    case 'ETIMEDOUT':
      return fail('timeout', `No answer from ${at} in time (${e.code}).`);
    default:
      break;
  }
  if (/timeout|timed out/i.test(raw)) return fail('timeout', `No answer from ${at} within 10 seconds.`);
  if (/ssl|tls|certificate/i.test(raw)) return fail('tls', `TLS with ${at} failed: ${raw}`);
  if (/no pg_hba\.conf entry|password authentication/i.test(raw)) {
    return fail('auth', `The server at ${at} rejected the login for user "${where.user}": ${raw}.`);
  }
  if (/SASL|client password must be a string/i.test(raw)) {
    return fail(
      'auth',
      `The server at ${at} asks for a password for "${where.user}", and none was found (type one, set PGPASSWORD or use a pgpass file).`,
    );
  }
  return fail('other', `Connecting to ${at} failed: ${raw}`);
}

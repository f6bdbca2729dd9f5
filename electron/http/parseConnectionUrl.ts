// `serve --connection postgres://user:password@host:port/database?sslmode=require`: a direct
// connection for this run only. The password may come from the URL, PGPASSWORD or the pgpass file; it
// is never printed (the name shown everywhere is derived from the URL without it).
import type { SslMode } from '../../shared/model/connection.ts';
import type { RunConnection } from '../core/collector/runConnection.ts';

const SSL_MODES: Record<string, SslMode> = {
  disable: 'disable',
  allow: 'disable',
  prefer: 'require',
  require: 'require',
  'verify-ca': 'verify-full',
  'verify-full': 'verify-full',
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

export function parseConnectionUrl(text: string): RunConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('--connection must be a URL such as postgres://user@host:5439/dev');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:' && url.protocol !== 'redshift:') {
    throw new Error(`--connection must start with postgres://, not ${url.protocol}//`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new Error('--connection needs a host');
  const port = url.port === '' ? 5439 : Number(url.port);
  const user = decodeURIComponent(url.username);
  if (!user) throw new Error('--connection needs a user (postgres://user@host/database)');
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'dev';
  const sslParam = url.searchParams.get('sslmode');
  let sslMode: SslMode = LOOPBACK.test(host) ? 'disable' : 'require';
  if (sslParam !== null) {
    const mapped = SSL_MODES[sslParam];
    if (!mapped) throw new Error(`--connection: unknown sslmode "${sslParam}"`);
    sslMode = mapped;
  }
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  return {
    name: `${user}@${host}:${port}/${database}`,
    target: { kind: 'direct', host, port, database, user, sslMode },
    ...(password === undefined ? {} : { password }),
  };
}

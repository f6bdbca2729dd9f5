// The test bed's PostgreSQL as a direct connection target (its postgres database, no TLS), as the
// connection tests and the three-doors contract test add it.
import type { PgAddress } from './globalSetup.ts';

export function directTarget(pg: PgAddress, over: Record<string, unknown> = {}) {
  return {
    kind: 'direct',
    host: pg.host,
    port: pg.port,
    database: 'postgres',
    user: pg.user,
    sslMode: 'disable',
    ...over,
  };
}

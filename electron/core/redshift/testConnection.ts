// Connects once and reports the server version and the round-trip latency, or why it could not:
// within 10 seconds whatever happens (connect timeout + statement timeout + a hard deadline).
import pg from 'pg';
import type { ConnectionTestResult } from '../../../shared/model/connection.ts';
import { describePgError } from './describePgError.ts';
import type { PgEndpoint } from './resolveEndpoint.ts';

const DEADLINE_MS = 10_000;

export async function testConnection(endpoint: PgEndpoint): Promise<ConnectionTestResult> {
  const client = new pg.Client({
    host: endpoint.host,
    port: endpoint.port,
    database: endpoint.database,
    user: endpoint.user,
    password: endpoint.password,
    ssl: endpoint.ssl,
    connectionTimeoutMillis: DEADLINE_MS - 1_000,
    statement_timeout: 5_000,
    query_timeout: 5_000,
    application_name: 'nightshift',
  });
  // A dropped connection must never crash the process (it emits 'error' outside any await).
  client.on('error', () => {});
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout: no answer within 10 seconds')), DEADLINE_MS);
  });
  try {
    return await Promise.race([
      (async (): Promise<ConnectionTestResult> => {
        await client.connect();
        const started = performance.now();
        const result = await client.query<{ version: string }>('SELECT version() AS version');
        const latencyMs = Math.round((performance.now() - started) * 10) / 10;
        return {
          ok: true,
          serverVersion: result.rows[0]?.version ?? 'unknown',
          latencyMs,
          reached: `${endpoint.host}:${endpoint.port}`,
        };
      })(),
      deadline,
    ]);
  } catch (error) {
    return describePgError(error, endpoint);
  } finally {
    clearTimeout(timer);
    void client.end().catch(() => {});
  }
}

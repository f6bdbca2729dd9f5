// The Redshift session on a plain PostgreSQL (the shared test server): statements by name, the
// server-side statement_timeout, cancellation on the server when the signal fires or the session
// closes, and tolerance of a server without query_group.
import { getEventListeners } from 'node:events';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_QUERIES_DIR } from '../../../electron/core/collector/startCollector.ts';
import type { Logger } from '../../../electron/core/base/Logger.ts';
import { createRedshiftSession } from '../../../electron/core/redshift/createRedshiftSession.ts';
import type { RedshiftSession } from '../../../electron/core/redshift/RedshiftSession.ts';
import { SqlRegistry } from '../../../electron/core/redshift/sqlRegistry.ts';
import { waitFor } from '../../support/waitFor.ts';

const server = inject('pg');
let observer: pg.Client;
let session: RedshiftSession;
const warnings: string[] = [];
const log: Logger = { info: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };

/** queries/ plus a statement that takes as long as we ask. */
function registryWithSleep(): SqlRegistry {
  const dir = mkdtempSync(join(tmpdir(), 'ns-queries-'));
  cpSync(DEFAULT_QUERIES_DIR, dir, { recursive: true });
  writeFileSync(
    join(dir, 'zz_test_sleep.sql'),
    "-- name: test_sleep :many\n-- Sleeps (test only).\n-- params: $1 = seconds\nSELECT pg_sleep($1) AS slept, current_setting('statement_timeout') AS timeout;\n",
  );
  return SqlRegistry.load(dir);
}

const active = async () =>
  (
    await observer.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'nightshift' AND query LIKE '%SELECT pg_sleep($1) AS slept%' AND state = 'active'",
    )
  ).rows[0]!.n;

beforeAll(async () => {
  observer = new pg.Client({ ...server, database: 'postgres' });
  observer.on('error', () => undefined);
  await observer.connect();
  session = await createRedshiftSession({
    name: 'plain',
    resolve: async () => ({ ...server, database: 'postgres', ssl: false }),
    registry: registryWithSleep(),
    log,
    statementTimeoutMs: 4_000,
  });
});

afterAll(async () => {
  await session?.close();
  await observer?.end();
});

describe('Redshift session', () => {
  it('runs statements by name with the server-side statement_timeout, on a server without query_group', async () => {
    expect(session.capabilities).toEqual([]);
    const [row] = await session.query<{ timeout: string }>('test_sleep', [0]);
    expect(row!.timeout).toBe('4s');
    expect(warnings.filter((w) => w.includes('query_group'))).toHaveLength(1);
    await expect(session.query('test_sleep', [10])).rejects.toThrow(/statement timeout/);
    // A statement that failed leaves the pooled connection's timeout as it was.
    const [back] = await session.query<{ timeout: string }>('test_sleep', [0]);
    expect(back!.timeout).toBe('4s');
  });

  it('refuses a statement the connection cannot run', async () => {
    await expect(session.query('query_history_page', ['1970-01-01', -1, 'x', 1])).rejects.toThrow(
      /needs provisioned/,
    );
  });

  it('cancels the statement on the server when its signal aborts', async () => {
    const abort = new AbortController();
    const running = session.query('test_sleep', [3]);
    const aborted = session.query('test_sleep', [3], { signal: abort.signal });
    await waitFor(active, (n) => n === '2', { what: 'both statements running' });
    abort.abort();
    await expect(aborted).rejects.toThrow(/abort/i);
    await waitFor(active, (n) => n === '1', { what: 'the aborted statement gone from the server' });
    await running;
  });

  it('runs many statements at once without piling abort listeners on the session (defect #13.8)', async () => {
    // Views and actions query without a signal of their own; 20 at once queue for 3 pooled clients.
    const seen: string[] = [];
    const onWarning = (w: Error) => seen.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => session.query<{ slept: string }>('test_sleep', [0.05])),
      );
      expect(results).toHaveLength(20);
      // A caller's long-lived signal carries no listener of ours once its calls are done.
      const callerSignal = new AbortController().signal;
      await Promise.all(
        Array.from({ length: 12 }, () => session.query('test_sleep', [0.01], { signal: callerSignal })),
      );
      expect(getEventListeners(callerSignal, 'abort')).toHaveLength(0);
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(seen.filter((w) => /MaxListeners/.test(w))).toEqual([]);
  });

  it('close() cancels everything in flight and ends the pool', async () => {
    const own = await createRedshiftSession({
      name: 'closing',
      resolve: async () => ({ ...server, database: 'postgres', ssl: false }),
      registry: registryWithSleep(),
      log,
    });
    const inFlight = [own.query('test_sleep', [30]), own.query('test_sleep', [30])];
    await waitFor(active, (n) => n === '2', { what: 'two statements running' });
    await own.close();
    for (const p of inFlight) await expect(p).rejects.toThrow();
    await waitFor(active, (n) => n === '0', { what: 'nothing left running' });
    const left = await observer.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'nightshift' AND datname = 'postgres'",
    );
    await waitFor(
      async () =>
        (
          await observer.query<{ n: string }>(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'nightshift' AND datname = 'postgres'",
          )
        ).rows[0]!.n,
      (n) => Number(n) <= Number(left.rows[0]!.n),
    );
    await expect(own.query('test_sleep', [0])).rejects.toThrow(/closed/);
  });
});

// Benchmark: what one incremental query_history poll costs on a large cluster, against reading the
// whole history again. The Redshift double (catalog + live relations + proxy, on a PostgreSQL 15 of its
// own) is filled by the workload generator at large scale (~500,000 statements); the collector's
// query_history job then runs through the proxy as the monitoring login, exactly as in the app:
//   1. initial load (backfill of everything the cluster holds),
//   2. 100 new statements, then ONE incremental poll,
//   3. a full re-read (watermark removed).
// Prints rows read and time for each, and the ratios (goal: the poll >= 20x faster than a re-read).
// Run: npx tsx bench/pollCost.bench.ts [nights]   (default 78 nights ≈ 500,000 statements)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DEFAULT_COLLECTOR_SETTINGS, mergeSettings } from '../electron/core/base/CollectorSettings.ts';
import type { JobContext, JobRunResult } from '../electron/core/collector/Job.ts';
import { createQueryHistoryJob, QUERY_HISTORY_JOB } from '../electron/core/collector/jobs/queryHistoryJob.ts';
import { DEFAULT_QUERIES_DIR } from '../electron/core/collector/startCollector.ts';
import { silentLogger } from '../electron/core/base/Logger.ts';
import { createRedshiftSession } from '../electron/core/redshift/createRedshiftSession.ts';
import { SqlRegistry } from '../electron/core/redshift/sqlRegistry.ts';
import { openStore } from '../electron/core/store/openStore.ts';
import { installCatalog } from '../electron/demo/catalog/installCatalog.ts';
import { startPostgresServer } from '../electron/demo/engine/postgresServer.ts';
import { installLive } from '../electron/demo/live/installLive.ts';
import { startProxy } from '../electron/demo/proxy/startProxy.ts';
import { writeWorkload } from '../electron/demo/workload/writeWorkload.ts';
import { observedSession } from '../test/support/observedSession.ts';
import { count } from './benchTiming.ts';

const NIGHTS = Number(process.argv[2] ?? 78);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const server = await startPostgresServer();
const dataDir = mkdtempSync(join(tmpdir(), 'ns-pollcost-'));
const connect = async (database: string) => {
  const c = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database,
  });
  c.on('error', () => undefined);
  await c.connect();
  return c;
};
try {
  const admin = await connect('postgres');
  await admin.query('CREATE DATABASE dev');
  await admin.end();
  const direct = await connect('dev');
  await installCatalog(direct);
  await installLive(direct);
  let t = performance.now();
  const written = await writeWorkload(direct, { seed: 11, scale: 'large', nights: NIGHTS, now: new Date() });
  const statements = Number(
    (await direct.query('SELECT count(*) AS n FROM rs_internal.stl_query')).rows[0].n,
  );
  await direct.query('ANALYZE');
  console.log(
    `Double: ${count(statements)} statements (${count(written.totalRows)} rows in all relations, ${NIGHTS} nights) written in ${sec(performance.now() - t)}`,
  );

  const proxy = await startProxy({
    upstream: { host: server.host, port: server.port },
    admin: { user: server.user, password: server.password, database: 'dev' },
  });
  const session = await createRedshiftSession({
    name: 'bench',
    resolve: async () => ({
      host: proxy.host,
      port: proxy.port,
      database: 'dev',
      user: 'nightshift_monitor',
      password: 'nightshift_monitor_pw',
      ssl: false,
    }),
    registry: SqlRegistry.load(DEFAULT_QUERIES_DIR),
    log: silentLogger,
    statementTimeoutMs: 600_000,
  });
  const rows = new Map<string, number>();
  const counted = observedSession(session, (name, count) => rows.set(name, (rows.get(name) ?? 0) + count));
  const db = openStore({ dataDir });
  const settings = mergeSettings(DEFAULT_COLLECTOR_SETTINGS, { historyPagesPerRun: 1_000_000 });
  const job = createQueryHistoryJob(settings);
  const ctx: JobContext = {
    connectionId: 'bench',
    signal: new AbortController().signal,
    db,
    redshift: counted,
    cloudwatch: null,
    capabilities: session.capabilities,
    log: silentLogger,
    now: () => new Date(),
  };
  const measure = async (what: string): Promise<{ ms: number; statements: number; pieces: number }> => {
    rows.clear();
    const started = performance.now();
    let result: JobRunResult;
    do result = await job.run(ctx);
    while (result.more);
    const ms = performance.now() - started;
    const statementsRead = rows.get('query_history_page') ?? 0;
    const pieces = rows.get('query_history_text') ?? 0;
    console.log(
      `  ${what.padEnd(34)} ${count(statementsRead).padStart(9)} statements + ${count(pieces).padStart(9)} text pieces read in ${sec(ms)}`,
    );
    return { ms, statements: statementsRead, pieces };
  };

  console.log('query_history through the proxy as nightshift_monitor:');
  await measure('initial load (backfill)');
  t = performance.now();
  await direct.query(
    `SELECT rs_internal.record_query(nextval('rs_internal.query_id_seq')::integer, 100, 4242, nextval('rs_internal.xid_seq'),
       'bench_new', 8, 1, 'SELECT ' || g || ' AS new_row', (now() AT TIME ZONE 'UTC') - interval '2 seconds',
       (now() AT TIME ZONE 'UTC') - interval '1 second', now() AT TIME ZONE 'UTC', 0)
     FROM generate_series(1, 100) g`,
  );
  const poll = await measure('one incremental poll (100 new)');
  db.prepare('DELETE FROM watermarks WHERE connection_id = ? AND job = ?').run('bench', QUERY_HISTORY_JOB);
  const full = await measure('full re-read (watermark removed)');
  const stored = (db.prepare('SELECT count(*) AS n FROM queries').get() as { n: number }).n;
  console.log(`  rows in the store: ${count(stored)} (no duplicates: upserts on the natural key)`);
  console.log(
    `  incremental poll vs full re-read: ${(full.statements / Math.max(1, poll.statements)).toFixed(0)}x fewer statements read, ` +
      `${(full.ms / poll.ms).toFixed(1)}x faster (goal >= 20x)`,
  );
  db.close();
  await session.close();
  await proxy.close();
  await direct.end();
} finally {
  server.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}

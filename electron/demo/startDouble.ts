// Composes the Redshift double (DESIGN.md §5): an engine (a real PostgreSQL server, or PGlite in a
// worker for the built-in demo), the emulated catalog, a seeded history, the Redshift-dialect proxy
// with WLM admission control, the AWS stand-in, and optionally live sessions. Every client connects to
// the proxy, exactly as to a real cluster.
import pg from 'pg';
import { installCatalog } from './catalog/installCatalog.ts';
import { DEMO_CLUSTER } from './defaultWlmConfiguration.ts';
import { createDemoAwsStandIn, DEMO_AWS_CREDENTIALS } from './aws/createDemoAwsStandIn.ts';
import type { AwsStandIn } from './aws/createAwsStandIn.ts';
import { startEmbeddedEngine } from './engine/startEmbeddedEngine.ts';
import { startPostgresServer } from './engine/postgresServer.ts';
import { installLive } from './live/installLive.ts';
import { startLiveWorkload, type LiveWorkload } from './live/startLiveWorkload.ts';
import { startProxy, type RedshiftProxy } from './proxy/startProxy.ts';
import { appendWorkload } from './workload/appendWorkload.ts';
import type { WorkloadScale } from './workload/day.ts';
import type { WorkloadOptions } from './workload/generateWorkload.ts';
import { writeWorkload } from './workload/writeWorkload.ts';

export type DoubleEngine = 'postgres' | 'embedded';

export interface DoubleOptions {
  engine: DoubleEngine;
  seed?: number;
  nights?: number;
  scale?: WorkloadScale;
  /** Run live sessions (statements that really run and queue) and keep history growing. */
  live?: boolean;
  retentionDays?: number;
  /** Progress lines for a human (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface PgLogin {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

export interface RedshiftDouble {
  /** The monitoring user (regular, SYSLOG ACCESS UNRESTRICTED), reached through the proxy. */
  pg: PgLogin;
  /** A superuser login through the proxy (admin actions, tests). */
  superuser: PgLogin;
  aws: {
    endpoint: string;
    region: string;
    clusterIdentifier: string;
    accessKeyId: string;
    secretAccessKey: string;
  };
  engine: DoubleEngine;
  proxy: RedshiftProxy;
  standIn: AwsStandIn;
  stop(): Promise<void>;
}

const MONITOR = { user: 'nightshift_monitor', password: 'nightshift_monitor_pw' };
const DATABASE = DEMO_CLUSTER.database;
/** How often a live double writes the generated workload that finished since the last write. */
const APPEND_EVERY_MS = 60_000;

export async function startDouble(options: DoubleOptions): Promise<RedshiftDouble> {
  const log = options.log ?? (() => {});
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    log(`starting the ${options.engine} engine`);
    const engine = await startEngine(options.engine);
    stops.push(engine.stop);
    const upstream = { host: engine.host, port: engine.port };
    const superuser = { user: engine.user, password: engine.password };

    if (engine.singleSession) {
      // PGlite has one database and one session that every connection shares: the catalog goes into
      // it, and the search_path that ALTER DATABASE gives new sessions on a real server is set once.
    } else {
      const admin = new pg.Client({ ...upstream, ...superuser, database: 'postgres' });
      admin.on('error', () => {});
      await admin.connect();
      await admin.query(`CREATE DATABASE ${DATABASE}`);
      await admin.end();
    }

    const setup = new pg.Client({ ...upstream, ...superuser, database: DATABASE });
    setup.on('error', () => {});
    await setup.connect();
    log('installing the emulated catalog');
    await installCatalog(setup);
    await installLive(setup);
    if (engine.singleSession) await setup.query('SET search_path TO "$user", public, rs_system');
    const now = new Date();
    const workload: WorkloadOptions = {
      seed: options.seed ?? 42,
      nights: options.nights ?? 75,
      scale: options.scale ?? 'small',
      now,
      database: DATABASE,
      ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
    };
    log(`generating ${workload.nights} nights of ${workload.scale} workload (seed ${workload.seed})`);
    const written = await writeWorkload(
      setup,
      workload,
      options.engine === 'embedded' ? { method: 'unnest' } : {},
    );
    log(`wrote ${written.totalRows} rows in ${Math.round(written.milliseconds)} ms`);

    const proxy = await startProxy({
      upstream,
      admin: { ...superuser, database: DATABASE },
      // On PGlite every connection shares one backend: the proxy hands out its own pids.
      singleBackend: engine.singleSession,
    });
    stops.push(() => proxy.close());

    const pool = new pg.Pool({ ...upstream, ...superuser, database: DATABASE, max: 2 });
    pool.on('error', () => {});
    stops.push(() => pool.end());
    const standIn = await createDemoAwsStandIn({
      pool,
      endpoint: { address: proxy.host, port: proxy.port },
      onWlmApplied: (json) => proxy.applyWlmConfiguration(json),
      // A reboot ends every session, as on Redshift.
      onReboot: async () => proxy.disconnectAll(),
    });
    stops.push(() => standIn.close());

    if (options.live) {
      log('starting live sessions');
      const live: LiveWorkload = startLiveWorkload({
        ...(options.engine === 'embedded'
          ? { simulateWith: proxy }
          : { proxyAddress: { host: proxy.host, port: proxy.port } }),
        database: DATABASE,
        seed: workload.seed,
      });
      stops.push(() => live.stop());
      let appendedUntil = now;
      let appending = false;
      const timer = setInterval(() => {
        if (appending) return;
        appending = true;
        const to = new Date();
        appendWorkload(setup, workload, { from: appendedUntil, to })
          .then(() => (appendedUntil = to))
          .catch((error: Error) => log(`appending history failed: ${error.message}`))
          .finally(() => (appending = false));
      }, APPEND_EVERY_MS);
      stops.push(async () => clearInterval(timer));
    }
    stops.push(() => setup.end());

    const through = { host: proxy.host, port: proxy.port, database: DATABASE };
    return {
      pg: { ...through, ...MONITOR },
      superuser: { ...through, ...superuser },
      aws: {
        endpoint: standIn.endpoint,
        region: DEMO_CLUSTER.region,
        clusterIdentifier: DEMO_CLUSTER.clusterIdentifier,
        ...DEMO_AWS_CREDENTIALS,
      },
      engine: options.engine,
      proxy,
      standIn,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

interface Engine {
  host: string;
  port: number;
  user: string;
  password: string;
  /**
   * PGlite: one backend whose single session every connection shares; it ignores the user and the
   * database a client asks for (everyone is its superuser, in its one database).
   */
  singleSession: boolean;
  stop(): Promise<void>;
}

async function startEngine(kind: DoubleEngine): Promise<Engine> {
  if (kind === 'embedded') {
    const e = await startEmbeddedEngine();
    return { ...e, singleSession: true };
  }
  const server = await startPostgresServer();
  return {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    singleSession: false,
    stop: async () => server.destroy(),
  };
}

// A Redshift double (catalog + live relations + the Redshift proxy) in a database of its own on a given
// PostgreSQL server, and a real collector with a real store writing to a temporary data directory.
// The collector connects through the proxy as the app's monitoring login (nightshift_monitor, a regular
// user with SYSLOG ACCESS UNRESTRICTED) unless told otherwise.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import pg from 'pg';
import type { Connection } from '../../../../shared/model/connection.ts';
import { Collector, type CollectorDeps } from '../../../../electron/core/collector/Collector.ts';
import {
  DEFAULT_COLLECTOR_SETTINGS,
  mergeSettings,
  type CollectorSettings,
  type CollectorSettingsOverride,
} from '../../../../electron/core/base/CollectorSettings.ts';
import { createJobs } from '../../../../electron/core/collector/jobs/createJobs.ts';
import { DEFAULT_QUERIES_DIR } from '../../../../electron/core/collector/startCollector.ts';
import { EventBus } from '../../../../electron/core/base/EventBus.ts';
import { silentLogger, type Logger } from '../../../../electron/core/base/Logger.ts';
import { createRedshiftSession } from '../../../../electron/core/redshift/createRedshiftSession.ts';
import type { RedshiftSession } from '../../../../electron/core/redshift/RedshiftSession.ts';
import { SqlRegistry } from '../../../../electron/core/redshift/sqlRegistry.ts';
import { openStore } from '../../../../electron/core/store/openStore.ts';
import { installCatalog } from '../../../../electron/demo/catalog/installCatalog.ts';
import { installLive } from '../../../../electron/demo/live/installLive.ts';
import { startProxy, type RedshiftProxy } from '../../../../electron/demo/proxy/startProxy.ts';

export interface PgServerAddress {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface DoubleDatabase {
  database: string;
  proxy: RedshiftProxy;
  /** Superuser straight to the engine: seeding here is not itself recorded as history. */
  direct(): Promise<pg.Client>;
  /** A login through the proxy (password `<user>_pw`, or the server's for the superuser). */
  through(user: string): Promise<pg.Client>;
  destroy(): Promise<void>;
}

function client(config: pg.ClientConfig): pg.Client {
  const c = new pg.Client(config);
  c.on('error', () => undefined);
  return c;
}

export async function createDoubleDatabase(server: PgServerAddress): Promise<DoubleDatabase> {
  const database = `col_${Math.random().toString(36).slice(2, 10)}`;
  const maintenance = client({ ...server, database: 'postgres' });
  await maintenance.connect();
  await maintenance.query(`CREATE DATABASE ${database}`);
  await maintenance.end();
  const installer = client({ ...server, database });
  await installer.connect();
  await installCatalog(installer);
  await installLive(installer);
  await installer.end();
  const proxy = await startProxy({
    upstream: { host: server.host, port: server.port },
    admin: { user: server.user, password: server.password, database },
  });
  const opened: pg.Client[] = [];
  const open = async (config: pg.ClientConfig) => {
    const c = client(config);
    await c.connect();
    opened.push(c);
    return c;
  };
  return {
    database,
    proxy,
    direct: () => open({ ...server, database }),
    through: (user) =>
      open({
        host: proxy.host,
        port: proxy.port,
        database,
        user,
        password: user === server.user ? server.password : `${user}_pw`,
      }),
    async destroy() {
      await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
      await proxy.close();
      const cleanup = client({ ...server, database: 'postgres' });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await cleanup.end();
    },
  };
}

export interface CollectorBed {
  db: Database.Database;
  dataDir: string;
  collector: Collector;
  events: EventBus;
  connection: Connection;
  settings: CollectorSettings;
  /** Rows returned per statement name by the collector's session, since the start. */
  rowsByQuery: Map<string, number>;
  stop(): Promise<void>;
}

export interface CollectorBedOptions {
  double: DoubleDatabase;
  user?: string;
  password?: string;
  settings?: CollectorSettingsOverride;
  dataDir?: string;
  log?: Logger;
  /** Another connection than the direct one to the proxy (e.g. a cluster connection), with its resolution. */
  connection?: Connection;
  endpointFor?: CollectorDeps['endpointFor'];
  awsFor?: CollectorDeps['awsFor'];
}

/** Short intervals so tests see many polls; a small overlap so re-reads stay countable. */
export const FAST_SETTINGS: CollectorSettingsOverride = {
  intervalsMs: {
    live_activity: 300,
    query_history: 300,
    wlm_state: 300,
    wlm_config: 1_000,
    loads: 500,
    alerts: 500,
    cluster: 1_000,
    metrics: 60_000,
  },
  historyPageSize: 500,
  overlapMs: 1_000,
  loadsOverlapMs: 1_000,
  connectionBackoffCapMs: 2_000,
};

export function startCollectorBed(o: CollectorBedOptions): CollectorBed {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'ns-collector-'));
  const db = openStore({ dataDir });
  const settings = mergeSettings(DEFAULT_COLLECTOR_SETTINGS, FAST_SETTINGS, o.settings);
  const events = new EventBus();
  const user = o.user ?? 'nightshift_monitor';
  const connection: Connection = o.connection ?? {
    id: `bed-${o.double.database}`,
    name: o.double.database,
    target: {
      kind: 'direct',
      host: o.double.proxy.host,
      port: o.double.proxy.port,
      database: o.double.database,
      user,
      sslMode: 'disable',
    },
    passwordSource: 'session',
    createdAt: new Date().toISOString(),
  };
  const rowsByQuery = new Map<string, number>();
  const observe = (session: RedshiftSession): RedshiftSession => ({
    get capabilities() {
      return session.capabilities;
    },
    get serverVersion() {
      return session.serverVersion;
    },
    async query<R extends object>(
      name: string,
      params: unknown[],
      opts?: { signal?: AbortSignal; timeoutMs?: number },
    ) {
      const rows = await session.query<R>(name, params, opts);
      rowsByQuery.set(name, (rowsByQuery.get(name) ?? 0) + rows.length);
      return rows;
    },
    close: () => session.close(),
  });
  const collector = new Collector({
    db,
    log: o.log ?? silentLogger,
    events,
    registry: SqlRegistry.load(DEFAULT_QUERIES_DIR),
    settings,
    jobs: createJobs(settings),
    endpointFor:
      o.endpointFor ??
      (async () => ({
        host: o.double.proxy.host,
        port: o.double.proxy.port,
        database: o.double.database,
        user,
        password: o.password ?? `${user}_pw`,
        ssl: false,
      })),
    awsFor: o.awsFor ?? (() => null),
    openSession: async (options) => observe(await createRedshiftSession(options)),
  });
  collector.start([], [connection]);
  return {
    db,
    dataDir,
    collector,
    events,
    connection,
    settings,
    rowsByQuery,
    async stop() {
      await collector.stop();
      db.close();
    },
  };
}

/** Polls `read` every 50 ms until `until` holds; throws with the last value after `timeoutMs`. */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  until: (v: T) => boolean,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!until(value)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

export function jobStatus(bed: CollectorBed, job: string) {
  const connection = bed.collector.status().connections[0];
  const found = connection?.jobs.find((j) => j.job === job);
  if (!found) throw new Error(`no job ${job}`);
  return found;
}

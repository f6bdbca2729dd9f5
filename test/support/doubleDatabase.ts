// The Redshift double's database bed: a database of its own on a given PostgreSQL server (the run's
// shared one: inject('pg'), or one a test starts and stops itself) with the emulated catalog and the
// live relations installed, and the Redshift proxy (WLM admission, rewrites) in front of it. Clients
// connect through the proxy like the app would; `direct()` bypasses it for seeding and for checks the
// proxy must not see. Used by the proxy / live tests, the collector tests and the kill -9 soak.
import pg from 'pg';
import { installCatalog } from '../../electron/demo/catalog/installCatalog.ts';
import { installLive } from '../../electron/demo/live/installLive.ts';
import { startProxy, type RedshiftProxy } from '../../electron/demo/proxy/startProxy.ts';

export interface PgServerAddress {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface DoubleDatabase {
  database: string;
  proxy: RedshiftProxy;
  /** The superuser straight to the engine: seeding here is not itself recorded as history. */
  direct(): Promise<pg.Client>;
  /** A login of the double through the proxy (password `<user>_pw`); `extra` adds client options. */
  connectAs(user: string, extra?: pg.ClientConfig): Promise<pg.Client>;
  /** The PostgreSQL superuser, through the proxy. */
  superuser(): Promise<pg.Client>;
  /** Warnings the proxy logged (tests assert there are none where it matters). */
  warnings: string[];
  /** Closes every client it opened, stops the proxy and drops the database. */
  destroy(): Promise<void>;
}

function client(config: pg.ClientConfig): pg.Client {
  const c = new pg.Client(config);
  // Cancelled / terminated sessions are part of these tests; errors surface on the query instead.
  c.on('error', () => undefined);
  return c;
}

export async function createDoubleDatabase(
  server: PgServerAddress,
  options: { wlmJson?: string } = {},
): Promise<DoubleDatabase> {
  const database = `double_${Math.random().toString(36).slice(2, 10)}`;
  const maintenance = client({ ...server, database: 'postgres' });
  await maintenance.connect();
  try {
    await maintenance.query(`CREATE DATABASE ${database}`);
  } finally {
    await maintenance.end();
  }
  const installer = client({ ...server, database });
  await installer.connect();
  try {
    await installCatalog(installer);
    await installLive(installer, options.wlmJson === undefined ? {} : { wlmJson: options.wlmJson });
  } finally {
    await installer.end();
  }
  const warnings: string[] = [];
  const proxy = await startProxy({
    upstream: { host: server.host, port: server.port },
    admin: { user: server.user, password: server.password, database },
    log: { info: () => undefined, warn: (m) => warnings.push(m) },
  });
  const opened: pg.Client[] = [];
  const open = async (config: pg.ClientConfig) => {
    const c = client(config);
    opened.push(c);
    await c.connect();
    return c;
  };
  const viaProxy = { host: proxy.host, port: proxy.port, database };
  return {
    database,
    proxy,
    warnings,
    direct: () => open({ ...server, database }),
    connectAs: (user, extra = {}) => open({ ...viaProxy, user, password: `${user}_pw`, ...extra }),
    superuser: () => open({ ...viaProxy, user: server.user, password: server.password }),
    async destroy() {
      await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
      await proxy.close();
      const cleanup = client({ ...server, database: 'postgres' });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      } finally {
        await cleanup.end();
      }
    },
  };
}

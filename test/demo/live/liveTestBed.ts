// A database of its own on the shared test server with the catalog and the live relations installed,
// and the Redshift proxy in front of it. Clients connect through the proxy like the app would.
import pg from 'pg';
import { inject } from 'vitest';
import { installCatalog } from '../../../electron/demo/catalog/installCatalog.ts';
import { installLive } from '../../../electron/demo/live/installLive.ts';
import type { ProxyLog } from '../../../electron/demo/proxy/ProxyLog.ts';
import { startProxy, type RedshiftProxy } from '../../../electron/demo/proxy/startProxy.ts';

export interface LiveTestBed {
  database: string;
  proxy: RedshiftProxy;
  /** The PostgreSQL superuser, through the proxy. */
  superuser(): Promise<pg.Client>;
  /** A demo user (password `<user>_pw`), through the proxy; `extra` adds client options. */
  connectAs(user: string, extra?: pg.ClientConfig): Promise<pg.Client>;
  /** The superuser straight to the engine (bypassing the proxy), for checks the proxy must not see. */
  direct(): Promise<pg.Client>;
  /** Polls `read` until `until` accepts its value; gives up (returning the last value) after `attempts`. */
  eventually<T>(read: () => Promise<T>, until: (v: T) => boolean, attempts?: number): Promise<T>;
  /** Warnings the proxy logged (tests assert there are none where it matters). */
  warnings: string[];
  destroy(): Promise<void>;
}

function client(config: pg.ClientConfig): pg.Client {
  const c = new pg.Client(config);
  // Cancelled / terminated sessions are part of these tests; errors surface on the query instead.
  c.on('error', () => {});
  return c;
}

export async function createLiveTestBed(options: { wlmJson?: string } = {}): Promise<LiveTestBed> {
  const pgAddress = inject('pg');
  const database = `live_${Math.random().toString(36).slice(2, 10)}`;
  const maintenance = client({ ...pgAddress, database: 'postgres' });
  await maintenance.connect();
  try {
    await maintenance.query(`CREATE DATABASE ${database}`);
  } finally {
    await maintenance.end();
  }
  const installer = client({ ...pgAddress, database });
  await installer.connect();
  try {
    await installCatalog(installer);
    await installLive(installer, options.wlmJson === undefined ? {} : { wlmJson: options.wlmJson });
  } finally {
    await installer.end();
  }
  const warnings: string[] = [];
  const log: ProxyLog = { info: () => {}, warn: (m) => warnings.push(m) };
  const proxy = await startProxy({
    upstream: { host: pgAddress.host, port: pgAddress.port },
    admin: { user: pgAddress.user, password: pgAddress.password, database },
    log,
  });
  const opened: pg.Client[] = [];
  const open = async (config: pg.ClientConfig): Promise<pg.Client> => {
    const c = client(config);
    opened.push(c);
    await c.connect();
    return c;
  };
  return {
    database,
    proxy,
    warnings,
    superuser: () =>
      open({
        host: proxy.host,
        port: proxy.port,
        user: pgAddress.user,
        password: pgAddress.password,
        database,
      }),
    connectAs: (user, extra = {}) =>
      open({ host: proxy.host, port: proxy.port, user, password: `${user}_pw`, database, ...extra }),
    direct: () => open({ ...pgAddress, database }),
    async eventually(read, until, attempts = 200) {
      let value = await read();
      for (let i = 0; i < attempts && !until(value); i++) {
        await new Promise((r) => setTimeout(r, 50));
        value = await read();
      }
      return value;
    },
    async destroy() {
      await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
      await proxy.close();
      const cleanup = client({ ...pgAddress, database: 'postgres' });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

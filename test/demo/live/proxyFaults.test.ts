// Faults behind the proxy, on a PostgreSQL server of this file's own (it is stopped and a backend is
// killed): sessions end with an ErrorResponse, the proxy itself keeps serving, and it recovers when the
// engine is back.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/waitFor.ts';
import { installCatalog } from '../../../electron/demo/catalog/installCatalog.ts';
import { installLive } from '../../../electron/demo/live/installLive.ts';
import { startProxy, type RedshiftProxy } from '../../../electron/demo/proxy/startProxy.ts';
import { startPostgresServer, type PostgresServer } from '../../support/postgresServer.ts';

let server: PostgresServer;
let proxy: RedshiftProxy;
const opened: pg.Client[] = [];

function client(config: pg.ClientConfig): pg.Client {
  const c = new pg.Client(config);
  c.on('error', () => {});
  opened.push(c);
  return c;
}

async function viaProxy(user: string): Promise<pg.Client> {
  const c = client({ host: proxy.host, port: proxy.port, user, password: `${user}_pw`, database: 'dev' });
  await c.connect();
  return c;
}

async function superuserViaProxy(): Promise<pg.Client> {
  const c = client({
    host: proxy.host,
    port: proxy.port,
    user: server.user,
    password: server.password,
    database: 'dev',
  });
  await c.connect();
  return c;
}

beforeAll(async () => {
  server = await startPostgresServer();
  const base = { host: server.host, port: server.port, user: server.user, password: server.password };
  const m = client({ ...base, database: 'postgres' });
  await m.connect();
  await m.query('CREATE DATABASE dev');
  await m.end();
  const i = client({ ...base, database: 'dev' });
  await i.connect();
  await installCatalog(i);
  await installLive(i);
  await i.end();
  proxy = await startProxy({
    upstream: { host: server.host, port: server.port },
    admin: { user: server.user, password: server.password, database: 'dev' },
  });
});

afterAll(async () => {
  await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
  await proxy?.close();
  server?.destroy();
});

describe('faults behind the proxy', () => {
  it('a backend killed without a word ends its session with an ErrorResponse; the proxy keeps serving', async () => {
    const victim = await viaProxy('etl_user');
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]
      ?.pid as number;
    const outcome = victim.query('SELECT pg_sleep(60)').catch((e: Error) => e);
    const admin = await superuserViaProxy();
    await waitFor(
      async () => (await admin.query('SELECT pid FROM stv_inflight WHERE pid = $1', [pid])).rows.length,
      (n) => n === 1,
    );
    process.kill(pid, 'SIGKILL'); // PostgreSQL then restarts every backend (crash recovery)
    const err = await outcome;
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('the connection to the database engine was lost');

    const after = await waitFor(
      async () => {
        try {
          const c = await viaProxy('bi_user');
          return (await c.query('SELECT 1 AS one')).rows;
        } catch {
          return [];
        }
      },
      (rows) => rows.length === 1,
    );
    expect(after).toEqual([{ one: 1 }]);
  });

  it('stopping the engine ends sessions with an error, refuses logins, and the proxy recovers after a restart', async () => {
    const idle = await viaProxy('analyst_anna');
    server.stop('fast');
    await expect(idle.query('SELECT 1')).rejects.toThrow();
    await expect(viaProxy('analyst_ben')).rejects.toThrow(/could not connect to the engine/);
    server.start();
    const fresh = await viaProxy('analyst_ben');
    const pid = (await fresh.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid as number;
    const admin = await superuserViaProxy();
    // The registry writer reconnected: the new session is listed.
    const sessions = await waitFor(
      async () => (await admin.query('SELECT process FROM stv_sessions WHERE process = $1', [pid])).rows,
      (rows) => rows.length === 1,
    );
    expect(sessions).toEqual([{ process: pid }]);
  });

  it('disconnectAll ends every session like a reboot, and new logins work right after', async () => {
    const a = await viaProxy('etl_user');
    const b = await viaProxy('bi_user');
    const ended = Promise.all(
      [a, b].map((c) => new Promise<void>((resolve) => c.once('end', () => resolve()))),
    );
    proxy.disconnectAll();
    await ended;
    await expect(a.query('SELECT 1')).rejects.toThrow();
    const again = await viaProxy('etl_user');
    expect((await again.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});

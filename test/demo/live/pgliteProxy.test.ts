// The proxy in front of the embedded engine (PGlite in a worker, one backend for every connection):
// sessions get virtual pids, extended-protocol statements of concurrent sessions do not trample each
// other, and the simulated live workload shows queued / running statements that cancel acts on.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/waitFor.ts';
import { installCatalog } from '../../../electron/demo/catalog/installCatalog.ts';
import {
  startEmbeddedEngine,
  type EmbeddedEngine,
} from '../../../electron/demo/engine/startEmbeddedEngine.ts';
import { installLive } from '../../../electron/demo/live/installLive.ts';
import { startLiveWorkload } from '../../../electron/demo/live/startLiveWorkload.ts';
import { startProxy, type RedshiftProxy } from '../../../electron/demo/proxy/startProxy.ts';

let engine: EmbeddedEngine;
let proxy: RedshiftProxy;
const opened: pg.Client[] = [];
const warnings: string[] = [];

async function connect(config: pg.ClientConfig): Promise<pg.Client> {
  const c = new pg.Client({ database: 'postgres', ...config });
  c.on('error', () => {});
  opened.push(c);
  await c.connect();
  return c;
}

const viaProxy = (user: string, extra: pg.ClientConfig = {}) =>
  connect({ host: proxy.host, port: proxy.port, user, password: `${user}_pw`, ...extra });

beforeAll(async () => {
  engine = await startEmbeddedEngine();
  const installer = await connect({
    host: engine.host,
    port: engine.port,
    user: engine.user,
    password: engine.password,
  });
  await installCatalog(installer);
  await installLive(installer);
  // One backend: ALTER DATABASE ... SET search_path (catalog) only applies to new backends, so the
  // running one is told directly. [The embedded engine's owner may want to do this after install.]
  await installer.query('SET search_path TO "$user", public, rs_system');
  await installer.end();
  proxy = await startProxy({
    upstream: { host: engine.host, port: engine.port },
    admin: { user: engine.user, password: engine.password, database: 'postgres' },
    singleBackend: true,
    log: { info: () => {}, warn: (m) => warnings.push(m) },
  });
});

afterAll(async () => {
  await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
  await proxy?.close();
  await engine?.stop();
});

describe('proxy in front of PGlite', () => {
  it('gives each session its own virtual pid, matching pg_backend_pid() and STV_SESSIONS', async () => {
    const a = await viaProxy('etl_user');
    const b = await viaProxy('bi_user');
    const pa = (await a.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid as number;
    const pb = (await b.query<{ pid: number }>({ text: 'SELECT pg_backend_pid() AS pid', values: [] }))
      .rows[0]?.pid as number;
    expect(pa).toBeGreaterThanOrEqual(2 ** 30);
    expect(pb).not.toBe(pa);
    const sessions = await a.query<{ process: number; u: string }>(
      'SELECT process, trim(user_name) AS u FROM stv_sessions WHERE process IN ($1, $2) ORDER BY process',
      [pa, pb],
    );
    expect(sessions.rows).toEqual([
      { process: pa, u: 'etl_user' },
      { process: pb, u: 'bi_user' },
    ]);
  });

  it("runs admin scripts' bare dateparts on the embedded engine too (defect #13.9)", async () => {
    const c = await viaProxy('etl_user');
    const r = await c.query<{ recent: string; secs: string; mins: string; dow: number; monday: Date }>(
      `SELECT count(*) AS recent,
              datediff(seconds, '2026-12-01 00:00:00'::timestamp, '2026-12-01 00:02:00'::timestamp) AS secs,
              datediff(m, '2026-12-01 00:00:00'::timestamp, '2026-12-01 00:02:00'::timestamp) AS mins,
              date_part(dw, '2026-12-06'::timestamp) AS dow,
              date_trunc(w, '2026-12-03 10:00'::timestamp) AS monday
         FROM stl_query WHERE starttime >= dateadd(day, -7, getdate())`,
    );
    expect(r.rows[0]).toMatchObject({ secs: '120', mins: '2', dow: 0 });
    expect(Number(r.rows[0]?.recent)).toBeGreaterThanOrEqual(0);
    expect(r.rows[0]?.monday.toISOString().slice(0, 10)).toBe('2026-11-30');
  });

  it('keeps concurrent extended-protocol statements of different sessions apart', async () => {
    // Pipelined clients: each sends its four statements at once.
    const clients = await Promise.all(
      ['analyst_anna', 'analyst_ben', 'bi_user'].map((u) => viaProxy(u, { pipeline: true })),
    );
    const results = await Promise.all(
      clients.flatMap((c, i) =>
        [0, 1, 2, 3].map((j) =>
          c.query<{ v: number }>({ text: 'SELECT $1::int AS v', values: [i * 10 + j] }),
        ),
      ),
    );
    expect(results.map((r) => r.rows[0]?.v)).toEqual([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23]);
  });

  it('runs the simulated workload: statements queue in etl_nightly and pg_cancel_backend cancels them', async () => {
    const admin = await viaProxy('nightshift_monitor'); // on PGlite every login is the superuser
    const workload = startLiveWorkload({
      simulateWith: proxy,
      database: 'postgres',
      seed: 3,
      timeScale: 0.05,
    });
    try {
      const rows = await waitFor(
        async () =>
          (
            await admin.query<{ state: string; n: number }>(
              `SELECT trim(state) AS state, count(*)::int AS n FROM stv_wlm_query_state
                WHERE service_class = 6 GROUP BY 1`,
            )
          ).rows,
        (r) =>
          r.some((x) => x.state === 'QueuedWaiting') && r.some((x) => x.state === 'Running' && x.n === 3),
      );
      expect(rows.find((x) => x.state === 'Running')?.n).toBe(3);
      const victim = await admin.query<{ pid: number }>(
        "SELECT pid FROM stv_inflight WHERE label LIKE 'nightly_%' LIMIT 1",
      );
      const pid = victim.rows[0]?.pid as number;
      const before = workload.stats().cancelled;
      expect((await admin.query('SELECT pg_cancel_backend($1)', [pid])).rows).toEqual([
        { pg_cancel_backend: 1 },
      ]);
      const after = await waitFor(
        async () => workload.stats().cancelled,
        (n) => n > before,
      );
      expect(after).toBe(before + 1);
    } finally {
      await workload.stop();
    }
    expect(warnings).toEqual([]);
  });
});

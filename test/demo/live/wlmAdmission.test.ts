// WLM admission control in the proxy: statements really wait when their queue's slots are taken.
// Running statements block on advisory locks held by the test (a connection straight to the engine),
// so which statement finishes when is decided by the test, not by the clock.
import net from 'node:net';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { waitFor } from '../../support/waitFor.ts';
import { DEMO_WLM_CONFIGURATION, DEMO_WLM_JSON } from '../../../electron/demo/defaultWlmConfiguration.ts';
import { buildCancelRequest } from '../../../electron/demo/proxy/wire.ts';
import { createDoubleDatabase, type DoubleDatabase } from '../../support/doubleDatabase.ts';
import { AUTO_EXAMPLE } from '../../shared/wlm/wlmExamples.ts';

let bed: DoubleDatabase;
let admin: pg.Client;
let blocker: pg.Client;

beforeAll(async () => {
  bed = await createDoubleDatabase(inject('pg'));
  admin = await bed.superuser();
  blocker = await bed.direct();
});

afterAll(async () => {
  await bed?.destroy();
});

afterEach(async () => {
  await blocker.query('SELECT pg_advisory_unlock_all()');
  await bed.proxy.applyWlmConfiguration(DEMO_WLM_JSON, 'static');
  // Every statement of the test has ended before the next test starts.
  await waitFor(
    async () =>
      (
        await admin.query(
          "SELECT count(*)::int AS n FROM rs_internal.live_query WHERE state <> 'Done' AND pid <> pg_backend_pid()",
        )
      ).rows[0].n as number,
    (n) => n === 0,
  );
});

const hold = (key: number) => blocker.query('SELECT pg_advisory_lock($1)', [key]);
const release = (key: number) => blocker.query('SELECT pg_advisory_unlock($1)', [key]);
/** A statement that runs until the test releases `key`. */
const waitOn = (key: number, tag = 'w') => `SELECT '${tag}' AS tag, pg_advisory_xact_lock_shared(${key})`;

interface Session {
  client: pg.Client;
  pid: number;
}

async function session(user: string): Promise<Session> {
  const client = await bed.connectAs(user);
  const r = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { client, pid: (r.rows[0] as { pid: number }).pid };
}

function start(s: Session, sql: string): Promise<Error | pg.QueryResult> {
  return s.client.query(sql).catch((e: Error) => e);
}

interface StateRow {
  query: number;
  service_class: number;
  slot_count: number;
  state: string;
  pid: number;
}

/** State of the statement of one session, via the registry views (pid from STV_RECENTS). */
async function stateOf(pid: number): Promise<StateRow | undefined> {
  const r = await admin.query<StateRow>(
    `SELECT w.query, w.service_class, w.slot_count, trim(w.state) AS state, $1::int AS pid
       FROM stv_wlm_query_state w
      WHERE w.query IN (SELECT q.query FROM rs_internal.live_query q WHERE q.pid = $1 AND q.state <> 'Done')`,
    [pid],
  );
  return r.rows[0];
}

async function until(pid: number, state: string): Promise<StateRow | undefined> {
  return waitFor(
    () => stateOf(pid),
    (row) => row?.state === state,
  );
}

async function inflightPids(): Promise<number[]> {
  const r = await admin.query<{ pid: number }>('SELECT pid FROM stv_inflight ORDER BY pid');
  return r.rows.map((x) => x.pid);
}

function withEtlConcurrency(n: number): string {
  const config = structuredClone(DEMO_WLM_CONFIGURATION) as Record<string, unknown>[];
  (config[0] as Record<string, unknown>)['query_concurrency'] = n;
  return JSON.stringify(config);
}

describe('WLM admission', () => {
  it('queues the 4th statement when etl_nightly (3 slots) is full, and runs it when one finishes', async () => {
    await hold(1);
    await hold(2);
    const [a, b, c, d] = (await Promise.all([1, 2, 3, 4].map(() => session('etl_user')))) as [
      Session,
      Session,
      Session,
      Session,
    ];
    const pa = start(a, waitOn(1, 'a'));
    const pb = start(b, waitOn(2, 'b'));
    const pc = start(c, waitOn(2, 'c'));
    for (const s of [a, b, c]) expect((await until(s.pid, 'Running'))?.service_class).toBe(6);
    const pd = start(d, waitOn(2, 'd'));
    const queued = await until(d.pid, 'QueuedWaiting');
    expect(queued).toMatchObject({ service_class: 6, slot_count: 1, state: 'QueuedWaiting' });
    expect(await inflightPids()).not.toContain(d.pid);
    // Held in the proxy: the engine has not even received it (no locks, no snapshot), as on Redshift.
    const engineSide = await blocker.query('SELECT state FROM pg_stat_activity WHERE pid = $1', [d.pid]);
    expect(engineSide.rows).toEqual([{ state: 'idle' }]);
    const recents = await admin.query('SELECT trim(status) AS status FROM stv_recents WHERE pid = $1', [
      d.pid,
    ]);
    expect(recents.rows).toEqual([{ status: 'Running' }]); // queued: Running in STV_RECENTS (REFERENCE 6.3)
    const classState = await admin.query(
      'SELECT num_queued_queries, num_executing_queries FROM stv_wlm_service_class_state WHERE service_class = 6',
    );
    expect(classState.rows).toEqual([{ num_queued_queries: 1, num_executing_queries: 3 }]);
    // Superuser-only relation: a regular user (here in bi_dashboards, which has free slots) sees no rows.
    const bi = await bed.connectAs('bi_user');
    expect((await bi.query('SELECT * FROM stv_wlm_service_class_state')).rows).toEqual([]);

    await release(1); // a finishes, its slot goes to d
    expect(await pa).not.toBeInstanceOf(Error);
    await until(d.pid, 'Running');
    expect(await inflightPids()).toContain(d.pid);
    await release(2);
    for (const p of [pb, pc, pd]) expect(await p).not.toBeInstanceOf(Error);
    const history = await admin.query<{ total_queue_time: string; service_class: number }>(
      'SELECT total_queue_time, service_class FROM stl_wlm_query WHERE query = $1',
      [queued?.query],
    );
    expect(history.rows).toHaveLength(1);
    expect(history.rows[0]?.service_class).toBe(6);
    expect(Number(history.rows[0]?.total_queue_time)).toBeGreaterThan(0);
  });

  it('SET wlm_query_slot_count TO 2 takes two slots; more than the queue has fails the query', async () => {
    await hold(1);
    const [a, b, c] = (await Promise.all([1, 2, 3].map(() => session('etl_user')))) as [
      Session,
      Session,
      Session,
    ];
    await a.client.query('SET wlm_query_slot_count TO 2');
    const pa = start(a, waitOn(1));
    expect((await until(a.pid, 'Running'))?.slot_count).toBe(2);
    const pb = start(b, waitOn(1));
    await until(b.pid, 'Running');
    const pc = start(c, waitOn(1));
    expect((await until(c.pid, 'QueuedWaiting'))?.state).toBe('QueuedWaiting');
    await release(1);
    for (const p of [pa, pb, pc]) expect(await p).not.toBeInstanceOf(Error);

    await a.client.query('SET wlm_query_slot_count TO 4');
    await expect(a.client.query('SELECT 1')).rejects.toThrow(
      /exceeds the concurrency of queue "etl_nightly"/,
    );
    await a.client.query('RESET wlm_query_slot_count');
    expect((await a.client.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('a WLM concurrency change applies at once to new statements', async () => {
    await hold(1);
    const [a, b] = (await Promise.all([1, 2].map(() => session('etl_user')))) as [Session, Session];
    await bed.proxy.applyWlmConfiguration(withEtlConcurrency(1));
    const config = await admin.query(
      'SELECT num_query_tasks, target_num_query_tasks FROM stv_wlm_service_class_config WHERE service_class = 6',
    );
    expect(config.rows).toEqual([{ num_query_tasks: 1, target_num_query_tasks: 1 }]);
    expect((await admin.query('SELECT json FROM rs_internal.wlm_active')).rows[0].json).toBe(
      withEtlConcurrency(1),
    );
    const pa = start(a, waitOn(1));
    await until(a.pid, 'Running');
    const pb = start(b, waitOn(1));
    await until(b.pid, 'QueuedWaiting'); // with 3 slots it would have run
    await bed.proxy.applyWlmConfiguration(withEtlConcurrency(3));
    await until(b.pid, 'Running');
    await release(1);
    for (const p of [pa, pb]) expect(await p).not.toBeInstanceOf(Error);
  });

  it('a dynamic change shows num_query_tasks <> target until the old slots drain', async () => {
    await hold(1);
    const [a, b] = (await Promise.all([1, 2].map(() => session('etl_user')))) as [Session, Session];
    const pa = start(a, waitOn(1));
    const pb = start(b, waitOn(1));
    await until(a.pid, 'Running');
    await until(b.pid, 'Running');
    await bed.proxy.applyWlmConfiguration(withEtlConcurrency(1), 'dynamic');
    const during = await admin.query(
      'SELECT num_query_tasks, target_num_query_tasks FROM stv_wlm_service_class_config WHERE service_class = 6',
    );
    expect(during.rows).toEqual([{ num_query_tasks: 3, target_num_query_tasks: 1 }]);
    await release(1);
    for (const p of [pa, pb]) expect(await p).not.toBeInstanceOf(Error);
    const after = await waitFor(
      async () =>
        (
          await admin.query(
            'SELECT num_query_tasks, target_num_query_tasks FROM stv_wlm_service_class_config WHERE service_class = 6',
          )
        ).rows,
      (rows) => rows[0]?.num_query_tasks === 1,
    );
    expect(after).toEqual([{ num_query_tasks: 1, target_num_query_tasks: 1 }]);
  });

  it('cancels queued statements: pg_cancel_backend, a CancelRequest, a disconnect, inside a transaction', async () => {
    await hold(1);
    // Sessions are opened first: `SELECT pg_backend_pid()` is a query too and would queue later.
    const [d, e, f, g, ...runners] = (await Promise.all(
      [1, 2, 3, 4, 5, 6, 7].map(() => session('etl_user')),
    )) as [Session, Session, Session, Session, ...Session[]];
    const running = runners.map((s) => start(s, waitOn(1)));
    for (const s of runners) await until(s.pid, 'Running');

    // pg_cancel_backend on the pid of a queued statement
    const pd = start(d, waitOn(1, 'd'));
    const dq = await until(d.pid, 'QueuedWaiting');
    expect((await admin.query('SELECT pg_cancel_backend($1)', [d.pid])).rows).toEqual([
      { pg_cancel_backend: 1 },
    ]);
    const errD = await pd;
    expect((errD as Error).message).toBe(`Query (${dq?.query}) cancelled on user's request`);
    expect((await admin.query('SELECT aborted FROM stl_query WHERE query = $1', [dq?.query])).rows).toEqual([
      { aborted: 1 },
    ]);
    expect((await d.client.query('SHOW query_group')).rows).toEqual([{ query_group: 'default' }]);

    // the protocol's CancelRequest, sent to the proxy like libpq / pg do
    const pe = start(e, waitOn(1, 'e'));
    const eq = await until(e.pid, 'QueuedWaiting');
    const secret = (e.client as unknown as { secretKey: number }).secretKey;
    await new Promise<void>((resolve) => {
      const sock = net.connect(bed.proxy.port, bed.proxy.host, () =>
        sock.end(buildCancelRequest(e.pid, secret)),
      );
      sock.on('close', () => resolve());
      sock.on('error', () => resolve());
    });
    expect(((await pe) as Error).message).toBe(`Query (${eq?.query}) cancelled on user's request`);

    // the client goes away while queued
    void start(f, waitOn(1, 'f'));
    const fq = await until(f.pid, 'QueuedWaiting');
    await f.client.end();
    const gone = await waitFor(
      () => stateOf(f.pid),
      (row) => row === undefined,
    );
    expect(gone).toBeUndefined();
    const fHistory = await waitFor(
      async () => (await admin.query('SELECT aborted FROM stl_query WHERE query = $1', [fq?.query])).rows,
      (rows) => rows.length === 1,
    );
    expect(fHistory).toEqual([{ aborted: 1 }]);

    // extended protocol inside a transaction: the transaction is aborted like after any error
    await g.client.query('BEGIN');
    const pg = g.client
      .query({ text: 'SELECT $1::int AS n, pg_advisory_xact_lock_shared(1)', values: [5] })
      .catch((x: Error) => x);
    await until(g.pid, 'QueuedWaiting');
    await admin.query(`CANCEL ${g.pid}`);
    expect(((await pg) as Error).message).toMatch(/^Query \(\d+\) cancelled on user's request$/);
    await expect(g.client.query('SHOW query_group')).rejects.toMatchObject({ code: '25P02' });
    expect((await g.client.query('ROLLBACK')).command).toBe('ROLLBACK');

    await release(1);
    for (const p of running) expect(await p).not.toBeInstanceOf(Error);
  });

  it('statement_timeout also limits the time a statement waits in its queue', async () => {
    await hold(1);
    const runners = (await Promise.all([1, 2, 3].map(() => session('etl_user')))) as Session[];
    const running = runners.map((s) => start(s, waitOn(1)));
    for (const s of runners) await until(s.pid, 'Running');
    // Given at login (node-pg sends it as a startup parameter) ...
    const client = await bed.connectAs('etl_user', { statement_timeout: 300 });
    const err = await client.query(waitOn(1, 'late')).catch((e: Error & { code?: string }) => e);
    expect(err).toMatchObject({ code: '57014', message: 'canceling statement due to statement timeout' });
    const recorded = await admin.query(
      "SELECT aborted FROM stl_query WHERE querytxt LIKE 'SELECT ''late''%'",
    );
    expect(recorded.rows).toEqual([{ aborted: 1 }]);
    // ... or with SET.
    const other = await bed.connectAs('bi_user');
    await other.query("SET query_group TO 'nightly_timeout'");
    await other.query("SET statement_timeout TO '200ms'");
    await expect(other.query(waitOn(1, 'set'))).rejects.toThrow(
      'canceling statement due to statement timeout',
    );
    await release(1);
    for (const p of running) expect(await p).not.toBeInstanceOf(Error);
  });

  it('CHANGE_QUERY_PRIORITY changes the priority of an Auto WLM query, not of a manual one', async () => {
    await hold(1);
    const [a, b] = (await Promise.all([1, 2].map(() => session('etl_user')))) as [Session, Session];
    const pa = start(a, waitOn(1));
    const manual = await until(a.pid, 'Running');
    await expect(
      admin.query('SELECT change_query_priority($1, $2)', [manual?.query, 'high']),
    ).rejects.toThrow(/automatic WLM/);
    await release(1);
    expect(await pa).not.toBeInstanceOf(Error);

    await hold(1);
    await bed.proxy.applyWlmConfiguration(JSON.stringify(AUTO_EXAMPLE), 'static');
    const pb = start(b, waitOn(1));
    const auto = await until(b.pid, 'Running');
    expect(auto?.service_class).toBe(100);
    const before = await admin.query(
      'SELECT trim(query_priority) AS p FROM stv_wlm_query_state WHERE query = $1',
      [auto?.query],
    );
    expect(before.rows).toEqual([{ p: 'highest' }]);
    const changed = await admin.query('SELECT change_query_priority($1, $2) AS r', [auto?.query, 'LOW']);
    expect(changed.rows).toEqual([
      { r: 'Succeeded to change query priority. Priority changed from Highest to Low.' },
    ]);
    const after = await admin.query(
      'SELECT trim(query_priority) AS p FROM stv_wlm_query_state WHERE query = $1',
      [auto?.query],
    );
    expect(after.rows).toEqual([{ p: 'low' }]);
    await expect(
      a.client.query('SELECT change_query_priority($1, $2)', [auto?.query, 'high']),
    ).rejects.toMatchObject({
      code: '42501',
    });
    await release(1);
    expect(await pb).not.toBeInstanceOf(Error);
  });

  it("a superuser with query_group 'superuser' runs in service class 5", async () => {
    await hold(1);
    const su = await bed.superuser();
    const pid = (await su.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid as number;
    await su.query("SET query_group TO 'superuser'");
    const p = su.query(waitOn(1)).catch((e: Error) => e);
    expect((await until(pid, 'Running'))?.service_class).toBe(5);
    await release(1);
    expect(await p).not.toBeInstanceOf(Error);
  });
});

describe('proxy health', () => {
  it('logged no warnings', () => {
    expect(bed.warnings).toEqual([]);
  });
});

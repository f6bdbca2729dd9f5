// The Redshift proxy in front of a real PostgreSQL: Redshift session statements, live relations,
// cancel / terminate. Clients are real `pg` clients connected through the proxy.
import net from 'node:net';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { waitFor } from '../../support/waitFor.ts';
import { createDoubleDatabase, type DoubleDatabase } from '../../support/doubleDatabase.ts';

let bed: DoubleDatabase;
let admin: pg.Client;

beforeAll(async () => {
  bed = await createDoubleDatabase(inject('pg'));
  admin = await bed.superuser();
});

afterAll(async () => {
  await bed?.destroy();
});

async function pidOf(c: pg.Client): Promise<number> {
  const r = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return (r.rows[0] as { pid: number }).pid;
}

/** Starts a long statement and returns its (pending) outcome without awaiting it. */
function runLong(c: pg.Client, sql = 'SELECT pg_sleep(60)'): Promise<Error | pg.QueryResult> {
  return c.query(sql).catch((e: Error) => e);
}

/** Logs in as `user`, starts a long statement and waits until it is in flight. */
async function longRunningAs(user: string) {
  const victim = await bed.connectAs(user);
  const pid = await pidOf(victim);
  const outcome = runLong(victim);
  const [running] = await waitFor(
    () => inflightFor(pid),
    (rows) => rows.length === 1,
  );
  return { pid, outcome, running };
}

async function inflightFor(pid: number): Promise<{ query: number; label: string; text: string }[]> {
  const r = await admin.query<{ query: number; label: string; text: string }>(
    'SELECT query, trim(label) AS label, trim(text) AS text FROM stv_inflight WHERE pid = $1',
    [pid],
  );
  return r.rows;
}

describe('Redshift session statements through the proxy', () => {
  it('accepts SET / SHOW / RESET query_group and keeps the value visible to SQL', async () => {
    const c = await bed.connectAs('analyst_anna');
    const set = await c.query("SET query_group TO 'nightly_load'");
    expect(set.command).toBe('SET');
    const shown = await c.query('SHOW query_group');
    expect(shown.command).toBe('SHOW');
    expect(shown.rows).toEqual([{ query_group: 'nightly_load' }]);
    const setting = await c.query("SELECT current_setting('rs.query_group') AS v");
    expect(setting.rows).toEqual([{ v: 'nightly_load' }]);
    const reset = await c.query('RESET query_group');
    expect(reset.command).toBe('RESET');
    expect((await c.query('SHOW query_group')).rows).toEqual([{ query_group: 'default' }]);
    await c.query('SET query_group = dashboard_sales');
    expect((await c.query('SHOW query_group')).rows).toEqual([{ query_group: 'dashboard_sales' }]);
  });

  it('rejects an out-of-range wlm_query_slot_count like Redshift and keeps the session usable', async () => {
    const c = await bed.connectAs('etl_user');
    await expect(c.query('SET wlm_query_slot_count TO 51')).rejects.toMatchObject({ code: '22023' });
    await expect(c.query('SET wlm_query_slot_count TO 0')).rejects.toThrow(/outside the valid range/);
    expect((await c.query('SET wlm_query_slot_count TO 2')).command).toBe('SET');
    expect((await c.query('SHOW wlm_query_slot_count')).rows).toEqual([{ wlm_query_slot_count: '2' }]);
    expect((await c.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('undoes a SET query_group that was rolled back, as PostgreSQL and Redshift do', async () => {
    const c = await bed.connectAs('bi_user');
    await c.query('BEGIN');
    await c.query("SET query_group TO 'nightly_rollback'");
    await c.query('ROLLBACK');
    expect((await c.query('SHOW query_group')).rows).toEqual([{ query_group: 'default' }]);
  });

  it('answers the extended protocol (parameters, prepared statements) and rewrites it too', async () => {
    const c = await bed.connectAs('analyst_ben');
    const r = await c.query({ text: 'SELECT $1::int + 1 AS n', values: [41] });
    expect(r.rows).toEqual([{ n: 42 }]);
    const named = { name: 'sq', text: "SET query_group TO 'nightly_prepared'" };
    expect((await c.query(named)).command).toBe('SET');
    const shown = await c.query({ text: 'SHOW query_group', values: [] });
    expect(shown.rows).toEqual([{ query_group: 'nightly_prepared' }]);
    // A failed statement in a batch does not confuse the next ones.
    await expect(c.query({ text: 'SELECT 1 / $1::int', values: [0] })).rejects.toMatchObject({
      code: '22012',
    });
    expect((await c.query({ text: 'SELECT $1::text AS t', values: ['ok'] })).rows).toEqual([{ t: 'ok' }]);
  });
});

describe('pipelining', () => {
  it('answers pipelined extended-protocol queries in order, an error affecting only its own query', async () => {
    const c = await bed.connectAs('analyst_anna', { pipeline: true });
    const results = await Promise.allSettled([
      c.query("SET query_group TO 'nightly_pipe'"),
      c.query({ text: 'SELECT $1::int AS a', values: [1] }),
      c.query({ text: 'SELECT 1 / $1::int AS b', values: [0] }),
      c.query({ text: 'SHOW query_group', values: [] }),
      c.query({ text: 'SELECT $1::text AS c', values: ['x'] }),
    ]);
    expect(
      results.map((r) => (r.status === 'fulfilled' ? r.value.rows : (r.reason as { code: string }).code)),
    ).toEqual([[], [{ a: 1 }], '22012', [{ query_group: 'nightly_pipe' }], [{ c: 'x' }]]);
    const recorded = await admin.query(
      "SELECT trim(label) AS label, service_class FROM stl_wlm_query w JOIN stl_query q USING (query) WHERE q.querytxt LIKE 'SELECT $1::int AS a%'",
    );
    expect(recorded.rows).toEqual([{ label: 'nightly_pipe', service_class: 6 }]);
  });
});

describe('live relations and governance', () => {
  it('shows a running statement with its real pid and routes nightly_* to etl_nightly, then cancels it', async () => {
    const victim = await bed.connectAs('analyst_anna');
    const pid = await pidOf(victim);
    await victim.query("SET query_group TO 'nightly_orders'");
    const outcome = runLong(victim);

    const inflight = await waitFor(
      () => inflightFor(pid),
      (rows) => rows.length === 1,
    );
    expect(inflight).toHaveLength(1);
    expect(inflight[0]?.label).toBe('nightly_orders');
    expect(inflight[0]?.text).toBe('SELECT pg_sleep(60)');
    const query = inflight[0]?.query as number;

    const state = await admin.query(
      'SELECT service_class, trim(state) AS state, slot_count FROM stv_wlm_query_state WHERE query = $1',
      [query],
    );
    expect(state.rows).toEqual([{ service_class: 6, state: 'Running', slot_count: 1 }]);
    const recents = await admin.query(
      'SELECT trim(status) AS status, trim(user_name) AS u FROM stv_recents WHERE pid = $1',
      [pid],
    );
    expect(recents.rows).toEqual([{ status: 'Running', u: 'analyst_anna' }]);
    const sessions = await admin.query(
      'SELECT trim(user_name) AS u, trim(db_name) AS d FROM stv_sessions WHERE process = $1',
      [pid],
    );
    expect(sessions.rows).toEqual([{ u: 'analyst_anna', d: bed.database }]);

    const cancel = await admin.query('SELECT pg_cancel_backend($1)', [pid]);
    expect(cancel.rows).toEqual([{ pg_cancel_backend: 1 }]);
    const err = await outcome;
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(`Query (${query}) cancelled on user's request`);

    const history = await admin.query(
      'SELECT aborted, trim(label) AS label, pid FROM stl_query WHERE query = $1',
      [query],
    );
    expect(history.rows).toEqual([{ aborted: 1, label: 'nightly_orders', pid }]);
    const wlmHistory = await admin.query('SELECT service_class FROM stl_wlm_query WHERE query = $1', [query]);
    expect(wlmHistory.rows).toEqual([{ service_class: 6 }]);
    const done = await admin.query(
      "SELECT trim(status) AS status, pid FROM stv_recents WHERE query LIKE 'SELECT pg_sleep(60)%' AND status = 'Done'",
    );
    expect(done.rows.some((r: { pid: number }) => r.pid === -1)).toBe(true);
    // The session is still usable after its statement was cancelled.
    expect((await victim.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });

  it("CANCEL <pid> 'message' cancels with the given message", async () => {
    const { pid, outcome } = await longRunningAs('etl_user');
    const r = await admin.query(`CANCEL ${pid} 'Stopped by the on-call engineer'`);
    expect(r.command).toBe('CANCEL');
    const err = await outcome;
    expect((err as Error).message).toBe('Stopped by the on-call engineer');
  });

  it("a regular user may cancel their own query but not another user's", async () => {
    const { pid, outcome } = await longRunningAs('etl_user');
    const other = await bed.connectAs('bi_user');
    await expect(other.query(`SELECT pg_cancel_backend(${pid})`)).rejects.toMatchObject({ code: '42501' });
    await expect(other.query(`CANCEL ${pid}`)).rejects.toMatchObject({ code: '42501' });
    const self = await bed.connectAs('etl_user');
    expect((await self.query(`CANCEL ${pid}`)).command).toBe('CANCEL');
    expect(await outcome).toBeInstanceOf(Error);
    await expect(admin.query('CANCEL 1')).rejects.toThrow(/Session 1 does not exist/);
  });

  it('pg_terminate_backend ends the session and the statement is recorded as aborted', async () => {
    const { pid, outcome, running } = await longRunningAs('loader');
    const r = await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    expect(r.rows).toEqual([{ pg_terminate_backend: 1 }]);
    const err = await outcome;
    expect(err).toBeInstanceOf(Error);
    const sessions = await waitFor(
      async () => (await admin.query('SELECT process FROM stv_sessions WHERE process = $1', [pid])).rows,
      (rows) => rows.length === 0,
    );
    expect(sessions).toEqual([]);
    const history = await waitFor(
      async () =>
        (await admin.query('SELECT aborted FROM stl_query WHERE query = $1', [running?.query])).rows,
      (rows) => rows.length === 1,
    );
    expect(history).toEqual([{ aborted: 1 }]);
  });

  it('records finished queries but not utility statements, and shows a user only their own rows', async () => {
    const c = await bed.connectAs('analyst_ben');
    await c.query("SET query_group TO 'dashboard_kpi'");
    await c.query('BEGIN');
    await c.query('SELECT 7 AS seven');
    await c.query('COMMIT');
    const mine = await c.query(
      "SELECT trim(querytxt) AS q, trim(label) AS label, aborted FROM stl_query WHERE querytxt LIKE 'SELECT 7 AS seven%'",
    );
    expect(mine.rows).toEqual([{ q: 'SELECT 7 AS seven', label: 'dashboard_kpi', aborted: 0 }]);
    const utility = await admin.query(
      "SELECT count(*)::int AS n FROM stl_query WHERE querytxt LIKE 'SET query_group%' OR querytxt LIKE 'BEGIN%'",
    );
    expect(utility.rows).toEqual([{ n: 0 }]);
    const sessions = await c.query('SELECT DISTINCT trim(user_name) AS u FROM stv_sessions');
    expect(sessions.rows).toEqual([{ u: 'analyst_ben' }]);
  });

  it("pg_last_query_id() returns the id of the session's last query (-1 before any)", async () => {
    const c = await bed.connectAs('analyst_anna');
    expect((await c.query('SELECT pg_last_query_id()')).rows).toEqual([{ pg_last_query_id: -1 }]);
    await c.query('SELECT 12345 AS marker');
    const last = (await c.query<{ pg_last_query_id: number }>('SELECT pg_last_query_id()')).rows[0]
      ?.pg_last_query_id;
    const recorded = await admin.query<{ query: number }>(
      "SELECT query FROM stl_query WHERE querytxt LIKE 'SELECT 12345 AS marker%'",
    );
    expect(recorded.rows).toEqual([{ query: last }]);
    expect((await c.query('SELECT pg_last_copy_id()')).rows).toEqual([{ pg_last_copy_id: -1 }]);
  });

  it('a malformed message closes only that session, with an ErrorResponse', async () => {
    const reply = await new Promise<Buffer>((resolve) => {
      const s = net.connect(bed.proxy.port, bed.proxy.host);
      const chunks: Buffer[] = [];
      s.on('data', (d) => chunks.push(d));
      s.on('close', () => resolve(Buffer.concat(chunks)));
      s.on('error', () => {});
      // A startup packet claiming 2 GB.
      s.write(Buffer.from([0x7f, 0xff, 0xff, 0xff, 0, 3, 0, 0]));
    });
    expect(reply.subarray(0, 1).toString()).toBe('E');
    expect(reply.toString('latin1')).toContain('invalid message length');
    expect((await admin.query('SELECT 1 AS still_up')).rows).toEqual([{ still_up: 1 }]);
  });
});

describe('Redshift dateparts (defect #13.9)', () => {
  it("runs admin scripts' bare dateparts and abbreviations, as Redshift does", async () => {
    const c = await bed.connectAs('etl_user');
    // The shape of amazon-redshift-utils' top_queries.sql, through the proxy, unchanged.
    const r = await c.query<{ n: string; week_ago: boolean }>(
      `SELECT count(*) AS n, max(dateadd(day, -7, getdate())) < getdate() AS week_ago FROM stl_query
        WHERE starttime >= dateadd(day, -7, current_date) AND datediff(seconds, starttime, endtime) >= 0`,
    );
    expect(r.rows[0]!.week_ago).toBe(true);
    const parts = await c.query<Record<string, string | number>>(
      `SELECT datediff(s, '2026-12-01 00:00:00'::timestamp, '2026-12-01 00:02:00'::timestamp) AS secs,
              datediff(m, '2026-12-01 00:00:00'::timestamp, '2026-12-01 00:02:00'::timestamp) AS mins,
              datediff(yr, '2008-12-31'::timestamp, '2009-01-01'::timestamp) AS years,
              dateadd(mon, 1, '2008-01-31'::timestamp) AS next_month,
              date_part(dow, '2026-12-06'::timestamp) AS sunday,
              date_part(DayOfYear, '2026-02-01'::timestamp) AS doy,
              date_trunc(w, '2026-12-03 10:00'::timestamp) AS monday,
              date_trunc('qtr', '2026-12-03 10:00'::timestamp) AS quarter,
              'datediff(day, a, b)' AS untouched_literal`,
    );
    expect(parts.rows[0]).toMatchObject({
      secs: '120',
      mins: '2',
      years: '1',
      sunday: 0,
      doy: 32,
      untouched_literal: 'datediff(day, a, b)',
    });
    expect(String(parts.rows[0]!.next_month)).toMatch(/Feb 29 2008|2008-02-29/);
    expect((parts.rows[0]!.monday as unknown as Date).toISOString().slice(0, 10)).toBe('2026-11-30');
    expect((parts.rows[0]!.quarter as unknown as Date).toISOString().slice(0, 10)).toBe('2026-10-01');
    // A name that is not a datepart stays a column: Redshift's error, not a silent literal.
    await expect(c.query('SELECT datediff(nonsense, getdate(), getdate())')).rejects.toThrow(/nonsense/);
  });
});

describe('proxy health', () => {
  it('logged no warnings apart from the malformed session', () => {
    expect(bed.warnings.filter((w) => !w.includes('invalid message length'))).toEqual([]);
  });
});

// The live simulated clients through the proxy: they fill etl_nightly so statements really queue,
// survive being cancelled and terminated, and leave nothing behind when stopped.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { waitFor } from '../../support/waitFor.ts';
import { startLiveWorkload, type LiveWorkload } from '../../../electron/demo/live/startLiveWorkload.ts';
import { createDoubleDatabase, type DoubleDatabase } from '../../support/doubleDatabase.ts';

let bed: DoubleDatabase;
let workload: LiveWorkload | undefined;
const workloadWarnings: string[] = [];

beforeAll(async () => {
  bed = await createDoubleDatabase(inject('pg'));
});

afterAll(async () => {
  await workload?.stop();
  await bed?.destroy();
});

interface ClassCount {
  state: string;
  n: number;
}

describe('live workload', () => {
  it('fills etl_nightly so that statements queue, survives cancel and terminate, and stops cleanly', async () => {
    const admin = await bed.superuser();
    workload = startLiveWorkload({
      proxyAddress: { host: bed.proxy.host, port: bed.proxy.port },
      database: bed.database,
      seed: 7,
      timeScale: 0.05, // long ETL steps of 3-12 s instead of minutes
      etlWorkers: 5,
      dashboardWorkers: 2,
      log: { info: () => {}, warn: (m) => workloadWarnings.push(m) },
    });

    const etlStates = async (): Promise<ClassCount[]> =>
      (
        await admin.query<ClassCount>(
          `SELECT trim(state) AS state, count(*)::int AS n FROM stv_wlm_query_state
            WHERE service_class = 6 GROUP BY 1 ORDER BY 1`,
        )
      ).rows;
    const full = await waitFor(
      etlStates,
      (rows) =>
        rows.some((r) => r.state === 'QueuedWaiting') && rows.some((r) => r.state === 'Running' && r.n === 3),
    );
    expect(full.find((r) => r.state === 'Running')?.n).toBe(3);
    expect(full.find((r) => r.state === 'QueuedWaiting')?.n).toBeGreaterThanOrEqual(1);

    const users = await admin.query<{ u: string; n: number }>(
      'SELECT trim(user_name) AS u, count(*)::int AS n FROM stv_sessions WHERE user_name <> current_user GROUP BY 1 ORDER BY 1',
    );
    expect(users.rows).toEqual([
      { u: 'analyst_anna', n: 1 },
      { u: 'bi_user', n: 1 },
      { u: 'etl_user', n: 5 },
    ]);
    const labels = await admin.query<{ label: string }>(
      "SELECT DISTINCT trim(label) AS label FROM stv_inflight WHERE label LIKE 'nightly_%'",
    );
    expect(labels.rows.length).toBeGreaterThan(0);

    // Cancel a running ETL statement: the worker carries on in the same session.
    const victim = await admin.query<{ pid: number }>(
      "SELECT pid FROM stv_inflight WHERE label LIKE 'nightly_%' AND text LIKE 'SELECT pg_sleep%' LIMIT 1",
    );
    const pid = victim.rows[0]?.pid as number;
    await admin.query('SELECT pg_cancel_backend($1)', [pid]);
    await waitFor(
      async () => workload?.stats().cancelled ?? 0,
      (n) => n >= 1,
    );
    expect(workload.stats().cancelled).toBeGreaterThanOrEqual(1);
    const still = await admin.query('SELECT process FROM stv_sessions WHERE process = $1', [pid]);
    expect(still.rows).toHaveLength(1);

    // Terminate a session: the worker reconnects as a new session.
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    const reconnected = await waitFor(
      async () => ({
        reconnects: workload?.stats().reconnects ?? 0,
        etl: (await admin.query("SELECT count(*)::int AS n FROM stv_sessions WHERE user_name = 'etl_user'"))
          .rows[0].n as number,
      }),
      (s) => s.reconnects >= 1 && s.etl === 5,
    );
    expect(reconnected).toEqual({ reconnects: 1, etl: 5 });
    const gone = await admin.query('SELECT process FROM stv_sessions WHERE process = $1', [pid]);
    expect(gone.rows).toEqual([]);

    await workload.stop();
    const left = await waitFor(
      async () => ({
        sessions: (
          await admin.query('SELECT count(*)::int AS n FROM stv_sessions WHERE user_name <> current_user')
        ).rows[0].n as number,
        statements: (
          await admin.query(
            "SELECT count(*)::int AS n FROM rs_internal.live_query WHERE state <> 'Done' AND pid <> pg_backend_pid()",
          )
        ).rows[0].n as number,
      }),
      (s) => s.sessions === 0 && s.statements === 0,
    );
    expect(left).toEqual({ sessions: 0, statements: 0 });
    // The queued-then-run and cancelled statements are in the history.
    const history = await admin.query<{ aborted: number; n: number }>(
      "SELECT aborted, count(*)::int AS n FROM stl_query WHERE trim(label) LIKE 'nightly_%' GROUP BY 1 ORDER BY 1",
    );
    expect(history.rows.find((r) => r.aborted === 1)?.n).toBeGreaterThanOrEqual(1);
    expect(workloadWarnings).toEqual([]);
    expect(bed.warnings).toEqual([]);
  });

  it('simulated mode: the same workload in the registry only, with virtual pids that cancel and terminate act on', async () => {
    const admin = await bed.superuser();
    const simulated = startLiveWorkload({
      simulateWith: bed.proxy,
      database: bed.database,
      seed: 11,
      timeScale: 0.05,
      etlWorkers: 5,
      dashboardWorkers: 1,
      log: { info: () => {}, warn: (m) => workloadWarnings.push(m) },
    });
    try {
      const queued = await waitFor(
        async () =>
          (
            await admin.query<{ pid: number; state: string }>(
              `SELECT q.pid, trim(w.state) AS state FROM stv_wlm_query_state w
                 JOIN rs_internal.live_query q USING (query) WHERE w.service_class = 6 ORDER BY w.state`,
            )
          ).rows,
        (rows) =>
          rows.filter((r) => r.state === 'Running').length === 3 &&
          rows.some((r) => r.state === 'QueuedWaiting'),
      );
      expect(queued.every((r) => r.pid >= 2 ** 30)).toBe(true);
      const sessions = await admin.query<{ process: number }>(
        "SELECT process FROM stv_sessions WHERE trim(user_name) = 'etl_user'",
      );
      expect(sessions.rows).toHaveLength(5);

      // A regular user may not cancel another user's (simulated) query; a superuser may, by pid.
      const running = queued.find((r) => r.state === 'Running')?.pid as number;
      const bi = await bed.connectAs('bi_user');
      await expect(bi.query('SELECT pg_cancel_backend($1)', [running])).rejects.toMatchObject({
        code: '42501',
      });
      const before = simulated.stats().cancelled;
      await admin.query(`CANCEL ${running}`);
      const after = await waitFor(
        async () => simulated.stats().cancelled,
        (n) => n > before,
      );
      expect(after).toBe(before + 1);
      const aborted = await admin.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM stl_query WHERE pid = $1 AND aborted = 1',
        [running],
      );
      expect(aborted.rows).toEqual([{ n: 1 }]);

      // Terminating a simulated session ends it; its worker comes back as a new session.
      await admin.query('SELECT pg_terminate_backend($1)', [running]);
      const back = await waitFor(
        async () => ({
          gone:
            (await admin.query('SELECT 1 FROM stv_sessions WHERE process = $1', [running])).rows.length === 0,
          reconnects: simulated.stats().reconnects,
        }),
        (s) => s.gone && s.reconnects === 1,
      );
      expect(back).toEqual({ gone: true, reconnects: 1 });
    } finally {
      await simulated.stop();
    }
    const left = await admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM stv_sessions WHERE process >= $1',
      [2 ** 30],
    );
    expect(left.rows).toEqual([{ n: 0 }]);
    expect(workloadWarnings).toEqual([]);
  });
});

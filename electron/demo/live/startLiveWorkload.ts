// Live simulated clients: sessions that really run statements through the Redshift proxy, so the
// live relations show queued and running queries, WLM queues fill up, and cancel / terminate act on
// real backends (DESIGN.md §5 "live activity").
//
// ETL workers (etl_user, in etl_users -> etl_nightly, service class 6, 3 slots) run nightly jobs:
// `SET query_group TO 'nightly_<job>'`, then long `SELECT pg_sleep(n)` statements (minutes) and some
// short reads of the system views. With more ETL workers than etl_nightly has slots, later statements
// really wait in the queue. Dashboard workers (bi_user, analyst_anna, analyst_ben -> bi_dashboards)
// run short sleeps and system-view reads. Everything is drawn from a seeded random stream, so a seed
// gives the same sequence of statements (timing depends on the machine).
//
// Simulated mode (simulateWith): the same workers as SimulatedSessions of the proxy, for the embedded
// PGlite engine, which has one backend for all connections - a real pg_sleep there would stall every
// session (the app's monitoring too) and could not be cancelled. Their statements queue and "run" in
// the live registry only, so the STV_* views, WLM queues, history and cancel/terminate behave the same.
//
// Workers expect to be cancelled or terminated by whoever is testing governance: a cancelled
// statement is simply followed by the next one; a terminated session reconnects after a pause.
// Nothing is logged for those; only unexpected errors go to log.warn, once per worker and kind.
import pg from 'pg';
import type { ProxyLog } from '../proxy/ProxyLog.ts';
import type { RedshiftProxy } from '../proxy/startProxy.ts';
import { silentLog } from '../proxy/ProxyLog.ts';
import { createRandom, type Random } from '../workload/random.ts';

export interface LiveWorkloadOptions {
  /** The Redshift proxy's address (startProxy's host/port): workers connect with `pg` through it. */
  proxyAddress?: { host: string; port: number };
  /**
   * Simulated mode instead (the embedded PGlite engine, where a real pg_sleep would stall every
   * session and nothing can be cancelled): workers are SimulatedSessions of this proxy, whose statements
   * queue and "run" in the live registry only. Same statements, same timing, same WLM behaviour.
   */
  simulateWith?: Pick<RedshiftProxy, 'simulateSession'>;
  database: string;
  /** Login passwords by user; the demo's `<user>_pw` when absent. */
  passwords?: Readonly<Record<string, string>>;
  seed?: number;
  /** Multiplies every sleep and pause; 1 = real time (minutes-long ETL statements). */
  timeScale?: number;
  /** ETL sessions; more than etl_nightly's 3 slots makes statements queue. Default 5. */
  etlWorkers?: number;
  /** Dashboard sessions (bi_user, analyst_anna, analyst_ben in turn). Default 3. */
  dashboardWorkers?: number;
  log?: ProxyLog;
}

export interface LiveWorkload {
  /** Statements completed / seen cancelled, and reconnects after a termination. */
  stats(): { completed: number; cancelled: number; reconnects: number };
  /** Ends every session (their running statements are cancelled by the proxy) and waits for the workers. */
  stop(): Promise<void>;
}

const ETL_JOBS = ['orders', 'customers', 'inventory', 'payments', 'shipments', 'ledger'] as const;
const DASHBOARDS = ['sales', 'kpi', 'finance', 'ops'] as const;
const DASHBOARD_USERS = ['bi_user', 'analyst_anna', 'analyst_ben'] as const;

/** Short real reads of the emulated catalog, as monitoring tools and analysts do. */
const SYSTEM_READS = [
  'SELECT count(*) FROM stv_inflight',
  "SELECT count(*) FROM stv_recents WHERE status = 'Running'",
  'SELECT count(*) FROM stv_wlm_query_state',
  'SELECT max(endtime) FROM stl_query',
  'SELECT count(*) FROM stv_sessions',
] as const;

interface Step {
  sql: string;
  /** Seconds the statement takes (before timeScale); short system reads take "almost nothing". */
  seconds: number;
}

interface Worker {
  name: string;
  user: string;
  random: Random;
  queryGroup: string;
  next: () => Step;
}

export function startLiveWorkload(options: LiveWorkloadOptions): LiveWorkload {
  const scale = options.timeScale ?? 1;
  const log = options.log ?? silentLog;
  const seed = options.seed ?? 1;
  const stopController = new AbortController();
  const stats = { completed: 0, cancelled: 0, reconnects: 0 };
  const closers = new Set<() => Promise<void>>();
  if (options.proxyAddress === undefined && options.simulateWith === undefined) {
    throw new Error('startLiveWorkload needs proxyAddress or simulateWith');
  }

  const seconds = (s: number): number => Math.max(0, s * scale);
  const sleep = (s: number): Step => ({ sql: `SELECT pg_sleep(${seconds(s).toFixed(3)})`, seconds: s });
  const read = (r: Random): Step => ({ sql: r.pick(SYSTEM_READS), seconds: r.float(0.05, 0.5) });

  const workers: Worker[] = [];
  for (let i = 0; i < (options.etlWorkers ?? 5); i++) {
    const r = createRandom(seed, 'live', 'etl', i);
    workers.push({
      name: `etl-${i}`,
      user: 'etl_user',
      random: r,
      queryGroup: `nightly_${r.pick(ETL_JOBS)}`,
      next: () => {
        const roll = r.next();
        if (roll < 0.45) return sleep(r.float(60, 240)); // long load step: minutes
        if (roll < 0.8) return sleep(r.float(8, 40));
        return read(r);
      },
    });
  }
  for (let i = 0; i < (options.dashboardWorkers ?? 3); i++) {
    const r = createRandom(seed, 'live', 'dashboard', i);
    workers.push({
      name: `dashboard-${i}`,
      user: DASHBOARD_USERS[i % DASHBOARD_USERS.length] as string,
      random: r,
      queryGroup: `dashboard_${r.pick(DASHBOARDS)}`,
      next: () => (r.chance(0.5) ? sleep(r.float(1, 12)) : read(r)),
    });
  }

  const pause = (s: number): Promise<void> =>
    new Promise((resolve) => {
      if (stopController.signal.aborted) return resolve();
      const timer = setTimeout(done, seconds(s) * 1000);
      function done(): void {
        clearTimeout(timer);
        stopController.signal.removeEventListener('abort', done);
        resolve();
      }
      stopController.signal.addEventListener('abort', done);
    });

  const warned = new Set<string>();
  const warnOnce = (worker: string, kind: string, message: string): void => {
    const key = `${worker}:${kind}`;
    if (warned.has(key)) return;
    warned.add(key);
    log.warn(`live workload ${worker}: ${message}`);
  };

  /** One session's life: statements until it is terminated (false) or the workload stops (true). */
  async function realSession(w: Worker, address: { host: string; port: number }): Promise<void> {
    const client = new pg.Client({
      ...address,
      database: options.database,
      user: w.user,
      password: options.passwords?.[w.user] ?? `${w.user}_pw`,
      application_name: `nightshift-live-${w.name}`,
    });
    let alive = true;
    client.on('error', () => {
      alive = false; // terminated by an admin or the engine went away: reconnect
    });
    client.on('end', () => {
      alive = false;
    });
    const closer = () => client.end().catch(() => undefined);
    closers.add(closer);
    try {
      await client.connect();
      await client.query(`SET query_group TO '${w.queryGroup}'`);
      while (alive && !stopController.signal.aborted) {
        const step = w.next();
        try {
          await client.query(step.sql);
          stats.completed++;
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === '57014') stats.cancelled++;
          else if (alive && !stopController.signal.aborted && code !== '57P01') {
            warnOnce(w.name, code ?? 'error', err instanceof Error ? err.message : String(err));
          }
        }
        await pause(w.random.float(1, 5));
      }
    } catch (err) {
      if (!stopController.signal.aborted)
        warnOnce(w.name, 'connect', err instanceof Error ? err.message : String(err));
    } finally {
      closers.delete(closer);
      await closer();
    }
  }

  async function simulatedSession(w: Worker, proxy: Pick<RedshiftProxy, 'simulateSession'>): Promise<void> {
    let session: Awaited<ReturnType<RedshiftProxy['simulateSession']>>;
    try {
      session = await proxy.simulateSession({ user: w.user, database: options.database });
    } catch (err) {
      if (!stopController.signal.aborted)
        warnOnce(w.name, 'connect', err instanceof Error ? err.message : String(err));
      return;
    }
    const closer = async () => session.close();
    closers.add(closer);
    try {
      session.setQueryGroup(w.queryGroup);
      while (!session.closed && !stopController.signal.aborted) {
        const step = w.next();
        const outcome = await session.run(step.sql, seconds(step.seconds) * 1000);
        if (outcome === 'completed') stats.completed++;
        else if (outcome === 'cancelled') stats.cancelled++;
        else if (outcome === 'refused') warnOnce(w.name, 'refused', `statement refused by WLM: ${step.sql}`);
        await pause(w.random.float(1, 5));
      }
    } finally {
      closers.delete(closer);
      await closer();
    }
  }

  async function runWorker(w: Worker): Promise<void> {
    let first = true;
    while (!stopController.signal.aborted) {
      if (!first) {
        stats.reconnects++;
        await pause(w.random.float(3, 8));
        if (stopController.signal.aborted) return;
      }
      first = false;
      if (options.simulateWith !== undefined) await simulatedSession(w, options.simulateWith);
      else if (options.proxyAddress !== undefined) await realSession(w, options.proxyAddress);
    }
  }

  const running = workers.map((w) => runWorker(w));

  return {
    stats: () => ({ ...stats }),
    async stop() {
      stopController.abort();
      // Ending a client mid-statement closes its session; the proxy cancels the statement upstream.
      await Promise.all([...closers].map((close) => close()));
      await Promise.all(running);
    },
  };
}

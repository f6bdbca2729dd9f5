// A Redshift double on real PostgreSQL with live sessions, and a Nightshift core talking to it: the
// bed for the governance tests. Victims are real sessions through the proxy (their statements really
// run in PostgreSQL and can really be cancelled); the superuser login reads the cluster's own view.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { CollectorStatus } from '../../../../shared/model/collector.ts';
import type { Connection } from '../../../../shared/model/connection.ts';
import type { Core } from '../../../../electron/core/Core.ts';
import { createCore } from '../../../../electron/core/createCore.ts';
import { silentLogger } from '../../../../electron/core/base/Logger.ts';
import { startDouble, type RedshiftDouble } from '../../../../electron/demo/startDouble.ts';
import { waitFor } from '../../../support/waitFor.ts';

export const ADMIN_CALLER = { door: 'ipc', admin: true } as const;
/** A login that holds sys:operator (REFERENCE 1.1: may cancel anyone's queries) and sees every row. */
export const OPERATOR = { user: 'gov_operator', password: 'gov_operator_pw' };

/** A client session through the proxy, as a warehouse user would have one. */
export class Victim {
  private constructor(
    readonly client: pg.Client,
    readonly pid: number,
    readonly user: string,
  ) {}

  static async open(double: RedshiftDouble, user: string): Promise<Victim> {
    const client = new pg.Client({
      host: double.pg.host,
      port: double.pg.port,
      database: double.pg.database,
      user,
      password: `${user}_pw`,
    });
    client.on('error', () => {});
    await client.connect();
    const r = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return new Victim(client, r.rows[0]!.pid, user);
  }

  /** Starts a statement and returns its outcome: the rows, or the error the server sent. */
  run(sql: string): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
    return this.client.query(sql).then(
      () => ({ ok: true as const }),
      (e: { code?: string; message?: string }) => ({
        ok: false as const,
        code: e.code ?? '',
        message: e.message ?? '',
      }),
    );
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}

export interface RunningStatement {
  query: number;
  xid: number;
  state: string;
  wlmStartTime: string;
}

export class GovernanceBed {
  private readonly victims: Victim[] = [];

  private constructor(
    readonly double: RedshiftDouble,
    readonly admin: pg.Client,
    readonly core: Core,
  ) {}

  static async start(): Promise<GovernanceBed> {
    const double = await startDouble({ engine: 'postgres', live: true, nights: 3 });
    const admin = new pg.Client({ ...double.superuser });
    admin.on('error', () => {});
    await admin.connect();
    await admin.query(`CREATE ROLE ${OPERATOR.user} LOGIN PASSWORD '${OPERATOR.password}'`);
    await admin.query(`GRANT "sys:operator" TO ${OPERATOR.user}`);
    // Count calls of the governance functions made by Nightshift's logins (pg_stat_user_functions).
    for (const user of [OPERATOR.user, 'nightshift_monitor']) {
      await admin.query(`ALTER ROLE ${user} SET track_functions = 'pl'`);
    }
    await admin.query('CREATE TABLE public.gov_probe (note text)');
    await admin.query('GRANT SELECT, INSERT ON public.gov_probe TO PUBLIC');
    const core = createCore(
      {
        dataDir: mkdtempSync(join(tmpdir(), 'ns-governance-')),
        version: 'test',
        // The collector is not under test here: keep its polling out of the way of the actions.
        collector: {
          intervalsMs: { live_activity: 60_000, query_history: 600_000, metrics: 600_000 },
          // The server counts an action's pg_cancel_backend when its connection ends (an idle backend
          // flushes function stats up to 10 s late): the tests count signals, so no reuse here.
          onDemandIdleMs: 0,
        },
      },
      { log: silentLogger, secrets: null, env: {} },
    );
    await core.start();
    return new GovernanceBed(double, admin, core);
  }

  async call<T>(method: string, args: unknown): Promise<T> {
    const r = await this.core.dispatch(method, args, ADMIN_CALLER);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.result as T;
  }

  async connect(user: string, password: string): Promise<string> {
    const c = await this.call<Connection>('connections.add', {
      name: `double as ${user}`,
      target: {
        kind: 'direct',
        host: this.double.pg.host,
        port: this.double.pg.port,
        database: this.double.pg.database,
        user,
        sslMode: 'disable',
      },
      password,
    });
    return c.id;
  }

  async victim(user: string): Promise<Victim> {
    const v = await Victim.open(this.double, user);
    this.victims.push(v);
    return v;
  }

  /** The statement a pid executes now, as STV_WLM_QUERY_STATE / STV_INFLIGHT show it. */
  async runningOn(pid: number): Promise<RunningStatement | null> {
    const r = await this.admin.query<{ query: number; xid: string; state: string; wlm_start_time: string }>(
      `SELECT w.query, w.xid, trim(w.state) AS state, w.wlm_start_time::text AS wlm_start_time
         FROM stv_wlm_query_state w JOIN stv_inflight i ON i.query = w.query
        WHERE i.pid = $1 AND trim(w.state) = 'Running'`,
      [pid],
    );
    const row = r.rows[0];
    return row
      ? { query: row.query, xid: Number(row.xid), state: row.state, wlmStartTime: row.wlm_start_time }
      : null;
  }

  async waitRunning(pid: number): Promise<RunningStatement> {
    const s = await waitFor(
      () => this.runningOn(pid),
      (v) => v !== null,
      { what: `a running statement on pid ${pid}` },
    );
    return s!;
  }

  async historyOf(query: number): Promise<{ aborted: number; pid: number } | null> {
    const r = await this.admin.query<{ aborted: number; pid: number }>(
      'SELECT aborted, pid FROM stl_query WHERE query = $1',
      [query],
    );
    return r.rows[0] ?? null;
  }

  async sessionOf(pid: number): Promise<{ user: string; start: string } | null> {
    const r = await this.admin.query<{ user_name: string; starttime: string }>(
      'SELECT trim(user_name) AS user_name, starttime::text AS starttime FROM stv_sessions WHERE process = $1',
      [pid],
    );
    const row = r.rows[0];
    return row ? { user: row.user_name, start: row.starttime } : null;
  }

  /** Server-side count of pg_cancel_backend / pg_terminate_backend calls by Nightshift's logins. */
  async signalCalls(fn: 'pg_cancel_backend' | 'pg_terminate_backend'): Promise<number> {
    const r = await this.admin.query<{ n: string }>(
      `SELECT coalesce(sum(calls), 0)::text AS n FROM pg_stat_user_functions
        WHERE schemaname = 'rs_system' AND funcname = $1`,
      [fn],
    );
    return Number(r.rows[0]?.n ?? 0);
  }

  async stop(): Promise<void> {
    for (const v of this.victims) await v.close();
    // Stop between polls: a collector session aborted while it is still connecting trips a double
    // release in createRedshiftSession's acquire() (reported to the lead; not governance code).
    await waitFor(
      () => this.call<CollectorStatus>('collector.status', {}),
      (s) =>
        s.connections.every(
          (c) =>
            c.state !== 'connecting' &&
            c.jobs.every(
              (j) => j.state.kind !== 'running' && !(j.state.kind === 'failing' && j.state.retrying),
            ),
        ),
      { what: 'the collector between polls', timeoutMs: 60_000 },
    ).catch(() => undefined);
    await this.core.stop();
    await this.admin.end().catch(() => {});
    await this.double.stop();
  }
}

/** Cluster timestamp text -> ISO-8601, as the live view hands it to the renderer. */
export function isoOf(clusterTimestamp: string): string {
  return `${clusterTimestamp.replace(' ', 'T')}Z`;
}

// The live registry: sessions and WLM-tracked statements, kept in memory for the proxy and written to
// rs_internal (live/live.sql) on every state change so the STV_* views see them at once. State changes
// are few per statement (start, maybe running, maybe returning, done), and all writes go through the one
// admin connection in order, so a later write never overtakes an earlier one.
import type { AdminConnection } from './AdminConnection.ts';
import type { ProxyLog } from './ProxyLog.ts';
import type { WlmController } from './Wlm.ts';
import { allServiceClasses } from './wlmConfig.ts';

export type LiveState = 'QueuedWaiting' | 'Running' | 'Returning' | 'Done';

export interface LiveSession {
  pid: number;
  userName: string;
  database: string;
  startedAt: number;
  /** The pid is the proxy's, not an engine backend's (simulated session, or PGlite). */
  virtual: boolean;
}

export interface SessionInfo {
  userid: number;
  superuser: boolean;
  groups: string[];
}

export interface LiveStatementView {
  query: number | null;
  pid: number;
  userName: string;
  serviceClass: number;
  slotCount: number;
  label: string;
  state: LiveState;
  queuedAt: number;
  startedAt: number | null;
  text: string;
}

/** Milliseconds since the epoch with sub-millisecond precision, for microsecond timestamps. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC: how the rs_internal tables store time (REFERENCE 1.1). */
export function utcTimestamp(ms: number): string {
  const whole = Math.floor(ms);
  const micros = Math.floor((ms - whole) * 1000);
  const iso = new Date(whole).toISOString(); // 2024-01-02T03:04:05.678Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${String(micros).padStart(3, '0')}`;
}

export interface QueryStart {
  pid: number;
  userid: number;
  userName: string;
  database: string;
  xid: number | null;
  serviceClass: number;
  slotCount: number;
  label: string;
  priority: string;
  state: 'QueuedWaiting' | 'Running';
  queuedAt: number;
  text: string;
}

export class LiveRegistry {
  private readonly sessionMap = new Map<number, LiveSession>();
  private readonly statementSet = new Set<LiveStatementView>();

  constructor(
    private readonly admin: AdminConnection,
    private readonly log: ProxyLog,
  ) {}

  /** Sessions connected through the proxy right now. */
  sessions(): LiveSession[] {
    return [...this.sessionMap.values()];
  }

  /** Statements queued or running right now. */
  statements(): LiveStatementView[] {
    return [...this.statementSet];
  }

  /** @internal the proxy keeps these views current. */
  track(view: LiveStatementView): void {
    this.statementSet.add(view);
  }
  /** @internal */
  untrack(view: LiveStatementView): void {
    this.statementSet.delete(view);
  }

  async reset(): Promise<void> {
    await this.admin.query('SELECT rs_internal.live_reset()');
  }

  async sessionStart(s: LiveSession): Promise<SessionInfo> {
    this.sessionMap.set(s.pid, s);
    const rows = await this.admin.query<{ userid: number; superuser: boolean; groups: string[] }>(
      'SELECT * FROM rs_internal.live_session_start($1, $2, $3, $4, $5)',
      [s.pid, s.userName, s.database, utcTimestamp(s.startedAt), s.virtual],
    );
    const row = rows[0];
    return { userid: row?.userid ?? 0, superuser: row?.superuser ?? false, groups: row?.groups ?? [] };
  }

  sessionEnd(pid: number): void {
    if (!this.sessionMap.delete(pid)) return;
    this.write('SELECT rs_internal.live_session_end($1)', [pid]);
  }

  async queryStart(q: QueryStart): Promise<{ query: number; xid: number }> {
    const rows = await this.admin.query<{ query: number; xid: string }>(
      'SELECT * FROM rs_internal.live_query_start($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)',
      [
        q.pid,
        q.userid,
        q.userName,
        q.database,
        q.xid,
        q.serviceClass,
        q.slotCount,
        q.label,
        q.priority,
        q.state,
        utcTimestamp(q.queuedAt),
        q.state === 'Running' ? utcTimestamp(q.queuedAt) : null,
        q.text,
      ],
    );
    const row = rows[0];
    if (row === undefined) throw new Error('live_query_start returned no row');
    return { query: row.query, xid: Number(row.xid) };
  }

  queryState(query: number, state: 'Running' | 'Returning', at: number): void {
    this.write('SELECT rs_internal.live_query_state($1, $2, $3)', [query, state, utcTimestamp(at)]);
  }

  /** Marks a statement Done and, when `record`, writes its history (rs_internal.record_query). */
  queryDone(query: number, endedAt: number, aborted: boolean, record: boolean): Promise<void> {
    return this.admin
      .query('SELECT rs_internal.live_query_done($1, $2, $3, $4)', [
        query,
        utcTimestamp(endedAt),
        aborted ? 1 : 0,
        record,
      ])
      .then(
        () => undefined,
        (err: Error) => this.log.warn(`recording query ${query} failed: ${err.message}`),
      );
  }

  /** Writes the active configuration (json, or null to keep it) and the per-class rows. */
  applyWlm(json: string | null, wlm: WlmController): Promise<void> {
    return this.admin
      .query('SELECT rs_internal.live_apply_wlm($1, $2, $3)', [
        json,
        utcTimestamp(nowMs()),
        JSON.stringify(serviceClassRows(wlm)),
      ])
      .then(() => undefined);
  }

  private write(sql: string, params: unknown[]): void {
    this.admin
      .query(sql, params)
      .catch((err: Error) => this.log.warn(`live registry write failed: ${err.message}`));
  }
}

/** The rs_internal.live_service_class rows (config part) for the controller's configuration. */
export function serviceClassRows(wlm: WlmController): Record<string, unknown>[] {
  return allServiceClasses(wlm.config).map((q) => {
    const t = wlm.transition(q);
    return {
      service_class: q.serviceClass,
      name: q.name,
      num_query_tasks: t.numQueryTasks,
      target_num_query_tasks: t.targetNumQueryTasks,
      query_working_mem: t.queryWorkingMem,
      target_query_working_mem: t.targetQueryWorkingMem,
      max_execution_time: q.maxExecutionTimeMs,
      user_group_wild_card: q.userGroupWildcard,
      query_group_wild_card: q.queryGroupWildcard,
      concurrency_scaling: q.concurrencyScaling,
      query_priority: q.priority,
    };
  });
}

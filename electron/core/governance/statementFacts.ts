// What the cluster says now about a statement the user wants cancelled (REFERENCE 2.1): read through
// queries/actions/cancel.sql and terminate.sql, from the STV views on a provisioned cluster or
// SYS_QUERY_HISTORY on Serverless. checkStatement.ts decides from these facts alone.
import type { RedshiftSession } from '../redshift/RedshiftSession.ts';

export interface PidSession {
  userName: string;
  /** Cluster timestamp text. */
  start: string | null;
}

export interface RunningOnPid {
  query: number;
  userName: string | null;
}

export interface TrackedStatement {
  query: number;
  /** The pid executing it now; null while it waits in a queue (REFERENCE 1.10). */
  pid: number | null;
  xid: number | null;
  state: string;
  /** Cluster timestamp text: when WLM received it. */
  start: string | null;
  /** The statement's user where the cluster says it per statement (SYS views); null on provisioned. */
  userName: string | null;
}

export interface FinishedStatement {
  pid: number | null;
  aborted: boolean;
  /** Serverless status ('success', 'canceled', 'failed'); null on provisioned. */
  status: string | null;
}

export interface StatementFacts {
  kind: 'provisioned' | 'serverless';
  /** The session holding the target pid now, or null when there is none (or it is not visible). */
  session: PidSession | null;
  /** The target statement while WLM still tracks it (queued, running, returning); null otherwise. */
  tracked: TrackedStatement | null;
  /** The target statement's history row once it finished (may lag: Redshift writes history late). */
  finished: FinishedStatement | null;
  /** What the target pid executes now (other statements included). */
  onPid: RunningOnPid[];
  /** The pid has a statement STV_RECENTS shows as Running (queued ones too). */
  pidBusy: boolean;
}

const ACTIVE = new Set(['planning', 'queued', 'running', 'returning']);

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function isProvisioned(session: RedshiftSession): boolean {
  return session.capabilities.includes('provisioned');
}

export async function readStatementFacts(
  session: RedshiftSession,
  target: { pid: number; query: number },
): Promise<StatementFacts> {
  if (isProvisioned(session)) {
    const [wlm, sessions, onPid, recents] = [
      await session.query<Record<string, unknown>>('actions/statement_in_wlm', [target.query]),
      await session.query<Record<string, unknown>>('actions/session_by_pid', [target.pid]),
      await session.query<Record<string, unknown>>('actions/statements_on_pid', [target.pid]),
      await session.query<Record<string, unknown>>('actions/recent_running_on_pid', [target.pid]),
    ];
    const s = sessions[0];
    const pidSession = s ? { userName: String(s.user_name), start: text(s.starttime) } : null;
    const w = wlm[0];
    let finished: FinishedStatement | null = null;
    if (!w) {
      const history = await session.query<Record<string, unknown>>('actions/statement_in_history', [
        target.query,
      ]);
      const h = history[0];
      if (h) finished = { pid: num(h.pid), aborted: Number(h.aborted) === 1, status: null };
    }
    return {
      kind: 'provisioned',
      session: pidSession,
      tracked: w
        ? {
            query: Number(w.query),
            pid: num(w.inflight_pid),
            xid: num(w.xid),
            state: String(w.state),
            start: text(w.wlm_start_time),
            userName: null,
          }
        : null,
      finished,
      onPid: onPid.map((r) => ({ query: Number(r.query), userName: pidSession?.userName ?? null })),
      pidBusy: recents.length > 0 || onPid.length > 0,
    };
  }

  const [rows, onSession, sessions] = [
    await session.query<Record<string, unknown>>('actions/sys_statement', [target.query]),
    await session.query<Record<string, unknown>>('actions/sys_statements_on_session', [target.pid]),
    await session.query<Record<string, unknown>>('actions/sys_session_by_pid', [target.pid]),
  ];
  const s = sessions[0];
  const h = rows[0];
  const status = h ? String(h.status) : null;
  const active = status !== null && ACTIVE.has(status);
  return {
    kind: 'serverless',
    session: s ? { userName: String(s.user_name), start: text(s.starttime) } : null,
    tracked:
      h && active
        ? {
            query: Number(h.query),
            pid: num(h.session_id),
            xid: num(h.xid),
            state: String(status),
            start: text(h.start_time),
            userName: text(h.user_name),
          }
        : null,
    finished: h && !active ? { pid: num(h.session_id), aborted: status === 'canceled', status } : null,
    onPid: onSession.map((r) => ({ query: Number(r.query), userName: text(r.user_name) })),
    pidBusy: onSession.length > 0,
  };
}

// What the cluster says now about the session holding a pid (STV_SESSIONS on a provisioned cluster,
// SYS_SESSION_HISTORY on Serverless; REFERENCE 1.12, 1.24), through queries/actions/terminate.sql.
import type { RedshiftSession } from '../redshift/RedshiftSession.ts';
import { isProvisioned } from './statementFacts.ts';

export interface SessionNow {
  userName: string;
  /** Cluster timestamp text. */
  start: string | null;
}

export async function readSession(session: RedshiftSession, pid: number): Promise<SessionNow | null> {
  const name = isProvisioned(session) ? 'actions/session_by_pid' : 'actions/sys_session_by_pid';
  const rows = await session.query<{ user_name: string; starttime: string | null }>(name, [pid]);
  const row = rows[0];
  return row
    ? { userName: String(row.user_name), start: row.starttime === null ? null : String(row.starttime) }
    : null;
}

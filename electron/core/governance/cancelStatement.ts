// Cancel a statement (issue #6): re-read it, act only if it is still the one the user saw, cancel it
// by pid with pg_cancel_backend (REFERENCE 2.2; queries/actions/cancel.sql), then read again until it
// is gone from live activity and, on a provisioned cluster, STL_QUERY shows it aborted (REFERENCE 6.3).
// The flow and its failure words are signalBackend.ts's; this brings the check, the confirmation and words.
import type { CancelArgs, StatementTarget } from '../../../shared/model/governance.ts';
import type { ClusterAccess } from '../redshift/ClusterAccess.ts';
import type { RedshiftSession } from '../redshift/RedshiftSession.ts';
import { checkStatement } from './checkStatement.ts';
import { pollUntil, CONFIRM_WITHIN_MS } from './pollUntil.ts';
import type { ActionReport } from './runAction.ts';
import { signalBackend, type NoExtra } from './signalBackend.ts';
import { isProvisioned, readStatementFacts } from './statementFacts.ts';

export function cancelStatement(access: ClusterAccess, args: CancelArgs): Promise<ActionReport<NoExtra>> {
  const { target } = args;
  return signalBackend(access, args.connectionId, {
    signal: 'cancel',
    sendQuery: 'actions/cancel_backend',
    pid: target.pid,
    async check(session) {
      const changed = checkStatement(target, await readStatementFacts(session, target));
      return changed !== null ? { changed } : { before: null };
    },
    confirm: (session) => confirmCancel(session, target),
    words: {
      nothingDone: 'Nothing was cancelled',
      target: 'statement',
      refusedWhat: 'the cancel',
      broke: (error) =>
        `The connection broke while sending the cancel for pid ${target.pid}: ${error}. ` +
        'It may or may not have arrived; check the live view (a retry re-checks the statement first).',
      done: `Cancelled query ${target.query} of ${target.userName} on pid ${target.pid}.`,
      sent: `Cancel sent to pid ${target.pid} for query ${target.query}.`,
    },
  });
}

/** Reads again until the statement is gone and (provisioned) its history row is there. */
async function confirmCancel(session: RedshiftSession, target: StatementTarget): Promise<string> {
  const seconds = Math.round(CONFIRM_WITHIN_MS / 1000);
  if (isProvisioned(session)) {
    const read = async () => {
      const live = await session.query<{ state: string }>('actions/statement_in_wlm', [target.query]);
      if (live.length > 0) return { live: live[0]!.state, history: null };
      const history = await session.query<{ aborted: number }>('actions/statement_in_history', [
        target.query,
      ]);
      return { live: null, history: history[0] ?? null };
    };
    const { value } = await pollUntil(read, (v) => v.live === null && v.history !== null);
    if (value.live !== null) {
      return `still ${value.live} ${seconds} s after the cancel: it may be rolling back; watch the live view`;
    }
    if (value.history === null) {
      return 'gone from live activity; history does not show it yet (Redshift writes history with a delay)';
    }
    return Number(value.history.aborted) === 1
      ? 'gone from live activity; history shows it aborted'
      : 'gone from live activity; history shows it completed before the cancel reached it';
  }
  const read = async () =>
    (await session.query<{ status: string }>('actions/sys_statement', [target.query]))[0]?.status ?? null;
  const active = (s: string | null) =>
    s !== null && ['planning', 'queued', 'running', 'returning'].includes(s);
  const { value } = await pollUntil(read, (s) => !active(s));
  if (active(value)) return `still ${value} ${seconds} s after the cancel: watch the live view`;
  return value === null
    ? 'no longer in SYS_QUERY_HISTORY as running'
    : `no longer running; SYS_QUERY_HISTORY shows it ${value}`;
}

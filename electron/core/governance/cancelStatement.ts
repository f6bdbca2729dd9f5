// Cancel a statement (issue #6): re-read it, act only if it is still the one the user saw, cancel it
// by pid with pg_cancel_backend (REFERENCE 2.2; queries/actions/cancel.sql), then read again until it
// is gone from live activity and, on a provisioned cluster, STL_QUERY shows it aborted (REFERENCE 6.3).
// Exactly-once and the audit record are runAction.ts's; this only reports what happened, in words.
import type { CancelArgs, StatementTarget } from '../../../shared/model/governance.ts';
import type { ClusterAccess } from '../redshift/ClusterAccess.ts';
import { isConnectionError } from '../redshift/isConnectionError.ts';
import type { RedshiftSession } from '../redshift/RedshiftSession.ts';
import { actingUser, configuredUser } from './actingUser.ts';
import { checkStatement } from './checkStatement.ts';
import { pollUntil, CONFIRM_WITHIN_MS } from './pollUntil.ts';
import type { ActionReport } from './runAction.ts';
import { errorText, signalRefusal } from './signalRefusal.ts';
import { isProvisioned, readStatementFacts } from './statementFacts.ts';

export type NoExtra = Record<never, never>;
const NONE: NoExtra = {};

export async function cancelStatement(
  access: ClusterAccess,
  args: CancelArgs,
): Promise<ActionReport<NoExtra>> {
  const { target } = args;
  const connection = access.connection(args.connectionId);
  let dbUser = configuredUser(connection);
  const report = (r: Omit<ActionReport<NoExtra>, 'extra' | 'actorDbUser'>): ActionReport<NoExtra> => ({
    ...r,
    ...(dbUser !== null ? { actorDbUser: dbUser } : {}),
    extra: NONE,
  });
  if (!connection) {
    return report({ outcome: 'refused', message: 'There is no such connection. Nothing was cancelled.' });
  }

  let signalled = false;
  try {
    return await access.withSession(args.connectionId, async (session) => {
      dbUser = (await actingUser(session)) ?? dbUser;
      const facts = await readStatementFacts(session, target);
      const changed = checkStatement(target, facts);
      if (changed !== null) {
        return report({ outcome: 'refused', message: `Nothing was cancelled: ${changed}.` });
      }

      try {
        signalled = true;
        await session.query('actions/cancel_backend', [target.pid]);
      } catch (error) {
        if (isConnectionError(error)) {
          return report({
            outcome: 'failed',
            message:
              `The connection broke while sending the cancel for pid ${target.pid}: ${errorText(error)}. ` +
              'It may or may not have arrived; check the live view (a retry re-checks the statement first).',
          });
        }
        const refusal = signalRefusal(error, 'cancel', dbUser, target.pid);
        return report(
          refusal ?? {
            outcome: 'failed',
            message: `The cluster refused the cancel: ${errorText(error)}. Nothing was cancelled.`,
          },
        );
      }

      const confirmation = await confirmCancel(session, target).catch(
        (error: unknown) => `could not read the cluster again to confirm: ${errorText(error)}`,
      );
      return report({
        outcome: 'done',
        message: `Cancelled query ${target.query} of ${target.userName} on pid ${target.pid}.`,
        confirmation,
      });
    });
  } catch (error) {
    if (signalled) {
      return report({
        outcome: 'done',
        message: `Cancel sent to pid ${target.pid} for query ${target.query}.`,
        confirmation: `could not read the cluster again to confirm: ${errorText(error)}`,
      });
    }
    return report({
      outcome: 'failed',
      message: `Could not re-check the statement on the cluster: ${errorText(error)}. Nothing was cancelled.`,
    });
  }
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

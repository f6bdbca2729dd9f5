// The one flow behind Cancel and End session (issue #6): re-read the target on the cluster, act only
// if it is still the one the user saw, send the signal (pg_cancel_backend / pg_terminate_backend by
// pid, REFERENCE 2.2), then read again to confirm. Each action brings its check, its confirmation and
// its words; how a broken connection, a refusal or a failed re-check is reported is the same for both.
// Exactly-once and the audit record are runAction.ts's; this only reports what happened, in words.
import type { ClusterAccess } from '../redshift/ClusterAccess.ts';
import { isConnectionError } from '../redshift/isConnectionError.ts';
import type { RedshiftSession } from '../redshift/RedshiftSession.ts';
import { actingUser, configuredUser } from './actingUser.ts';
import type { ActionReport } from './runAction.ts';
import { errorText, signalRefusal, type Signal } from './signalRefusal.ts';

export type NoExtra = Record<never, never>;
const NONE: NoExtra = {};

/** What one action checks, sends and says; `B` is what the check read before the signal. */
export interface SignalPlan<B> {
  signal: Signal;
  /** The named query that sends the signal (queries/actions/). */
  sendQuery: string;
  pid: number;
  /** Re-reads the target: the refusal in words when it changed, else what the confirmation needs. */
  check(session: RedshiftSession): Promise<{ changed: string } | { before: B }>;
  /** Reads again until the signal shows; the words say what the cluster now shows. */
  confirm(session: RedshiftSession, before: B): Promise<string>;
  words: {
    /** Ends every message where nothing happened, e.g. "Nothing was cancelled". */
    nothingDone: string;
    /** What the re-check reads, e.g. "statement". */
    target: string;
    /** "The cluster refused <refusedWhat>", e.g. "the cancel". */
    refusedWhat: string;
    /** The connection broke while the signal was being sent (it may or may not have arrived). */
    broke: (error: string) => string;
    done: string;
    /** The signal went out but the connection broke before it could be confirmed. */
    sent: string;
  };
}

export async function signalBackend<B>(
  access: ClusterAccess,
  connectionId: string,
  plan: SignalPlan<B>,
): Promise<ActionReport<NoExtra>> {
  const { words } = plan;
  const connection = access.connection(connectionId);
  let dbUser = configuredUser(connection);
  const report = (r: Omit<ActionReport<NoExtra>, 'extra' | 'actorDbUser'>): ActionReport<NoExtra> => ({
    ...r,
    ...(dbUser !== null ? { actorDbUser: dbUser } : {}),
    extra: NONE,
  });
  if (!connection) {
    return report({ outcome: 'refused', message: `There is no such connection. ${words.nothingDone}.` });
  }

  let signalled = false;
  try {
    return await access.withSession(connectionId, async (session) => {
      dbUser = (await actingUser(session)) ?? dbUser;
      const checked = await plan.check(session);
      if ('changed' in checked) {
        return report({ outcome: 'refused', message: `${words.nothingDone}: ${checked.changed}.` });
      }

      try {
        signalled = true;
        await session.query(plan.sendQuery, [plan.pid]);
      } catch (error) {
        if (isConnectionError(error)) {
          return report({ outcome: 'failed', message: words.broke(errorText(error)) });
        }
        const refusal = signalRefusal(error, plan.signal, dbUser, plan.pid);
        return report(
          refusal ?? {
            outcome: 'failed',
            message: `The cluster refused ${words.refusedWhat}: ${errorText(error)}. ${words.nothingDone}.`,
          },
        );
      }

      const confirmation = await plan
        .confirm(session, checked.before)
        .catch((error: unknown) => `could not read the cluster again to confirm: ${errorText(error)}`);
      return report({ outcome: 'done', message: words.done, confirmation });
    });
  } catch (error) {
    if (signalled) {
      return report({
        outcome: 'done',
        message: words.sent,
        confirmation: `could not read the cluster again to confirm: ${errorText(error)}`,
      });
    }
    return report({
      outcome: 'failed',
      message: `Could not re-check the ${words.target} on the cluster: ${errorText(error)}. ${words.nothingDone}.`,
    });
  }
}

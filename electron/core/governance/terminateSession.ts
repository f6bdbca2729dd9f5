// End a session (issue #6): re-read it (STV_SESSIONS / SYS_SESSION_HISTORY), act only if pid, user
// and start still match, end it with pg_terminate_backend (REFERENCE 2.2; queries/actions/
// terminate.sql), then read again until it is gone. Ending a session rolls back its open transaction
// and releases its locks: the words say so. Exactly-once and the audit record are runAction.ts's.
import type { SessionTarget, TerminateArgs } from '../../../shared/model/governance.ts';
import type { ClusterAccess } from '../redshift/ClusterAccess.ts';
import { isConnectionError } from '../redshift/isConnectionError.ts';
import type { RedshiftSession } from '../redshift/RedshiftSession.ts';
import { actingUser, configuredUser } from './actingUser.ts';
import type { NoExtra } from './cancelStatement.ts';
import { checkSession } from './checkSession.ts';
import { CONFIRM_WITHIN_MS, pollUntil } from './pollUntil.ts';
import type { ActionReport } from './runAction.ts';
import { clusterMicros } from './sameInstant.ts';
import { readSession, type SessionNow } from './sessionFacts.ts';
import { errorText, signalRefusal } from './signalRefusal.ts';

const ROLLED_BACK = 'Any open transaction in it was rolled back and its locks released.';

export async function terminateSession(
  access: ClusterAccess,
  args: TerminateArgs,
): Promise<ActionReport<NoExtra>> {
  const { target } = args;
  const connection = access.connection(args.connectionId);
  let dbUser = configuredUser(connection);
  const report = (r: Omit<ActionReport<NoExtra>, 'extra' | 'actorDbUser'>): ActionReport<NoExtra> => ({
    ...r,
    ...(dbUser !== null ? { actorDbUser: dbUser } : {}),
    extra: {},
  });
  if (!connection) {
    return report({ outcome: 'refused', message: 'There is no such connection. No session was ended.' });
  }

  let signalled = false;
  try {
    return await access.withSession(args.connectionId, async (session) => {
      dbUser = (await actingUser(session)) ?? dbUser;
      const before = await readSession(session, target.pid);
      const changed = checkSession(target, before);
      if (changed !== null || before === null) {
        return report({ outcome: 'refused', message: `No session was ended: ${changed ?? 'it is gone'}.` });
      }

      try {
        signalled = true;
        await session.query('actions/terminate_backend', [target.pid]);
      } catch (error) {
        if (isConnectionError(error)) {
          return report({
            outcome: 'failed',
            message:
              `The connection broke while ending session ${target.pid}: ${errorText(error)}. It may or ` +
              'may not have ended; check the live view (a retry re-checks the session first).',
          });
        }
        const refusal = signalRefusal(error, 'terminate', dbUser, target.pid);
        return report(
          refusal ?? {
            outcome: 'failed',
            message: `The cluster refused to end the session: ${errorText(error)}. No session was ended.`,
          },
        );
      }

      const confirmation = await confirmEnded(session, target, before).catch(
        (error: unknown) => `could not read the cluster again to confirm: ${errorText(error)}`,
      );
      return report({
        outcome: 'done',
        message: `Ended session ${target.pid} of ${target.userName}. ${ROLLED_BACK}`,
        confirmation,
      });
    });
  } catch (error) {
    if (signalled) {
      return report({
        outcome: 'done',
        message: `Asked the cluster to end session ${target.pid}. ${ROLLED_BACK}`,
        confirmation: `could not read the cluster again to confirm: ${errorText(error)}`,
      });
    }
    return report({
      outcome: 'failed',
      message: `Could not re-check the session on the cluster: ${errorText(error)}. No session was ended.`,
    });
  }
}

/** Reads again until no session with this pid and start time remains. */
async function confirmEnded(
  session: RedshiftSession,
  target: SessionTarget,
  before: SessionNow,
): Promise<string> {
  const startedAt = clusterMicros(before.start);
  const same = (now: SessionNow | null) =>
    now !== null && now.userName === before.userName && clusterMicros(now.start) === startedAt;
  const { done } = await pollUntil(
    () => readSession(session, target.pid),
    (now) => !same(now),
  );
  return done
    ? `session ${target.pid} is gone from the cluster's sessions; its open transaction was rolled back`
    : `session ${target.pid} still shows ${Math.round(CONFIRM_WITHIN_MS / 1000)} s later: it may still be rolling back; watch the live view`;
}

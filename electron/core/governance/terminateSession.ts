// End a session (issue #6): re-read it (STV_SESSIONS / SYS_SESSION_HISTORY), act only if pid, user
// and start still match, end it with pg_terminate_backend (REFERENCE 2.2; queries/actions/
// terminate.sql), then read again until it is gone. Ending a session rolls back its open transaction
// and releases its locks: the words say so. The flow and its failure words are signalBackend.ts's.
import type { SessionTarget, TerminateArgs } from '../../../shared/model/governance.ts';
import type { ClusterAccess } from '../redshift/ClusterAccess.ts';
import type { RedshiftSession } from '../redshift/RedshiftSession.ts';
import { checkSession } from './checkSession.ts';
import { CONFIRM_WITHIN_MS, pollUntil } from './pollUntil.ts';
import type { ActionReport } from './runAction.ts';
import { clusterMicros } from './sameInstant.ts';
import { readSession, type SessionNow } from './sessionFacts.ts';
import { signalBackend, type NoExtra } from './signalBackend.ts';

const ROLLED_BACK = 'Any open transaction in it was rolled back and its locks released.';

export function terminateSession(access: ClusterAccess, args: TerminateArgs): Promise<ActionReport<NoExtra>> {
  const { target } = args;
  return signalBackend<SessionNow>(access, args.connectionId, {
    signal: 'terminate',
    sendQuery: 'actions/terminate_backend',
    pid: target.pid,
    async check(session) {
      const before = await readSession(session, target.pid);
      const changed = checkSession(target, before);
      return changed !== null || before === null ? { changed: changed ?? 'it is gone' } : { before };
    },
    confirm: (session, before) => confirmEnded(session, target, before),
    words: {
      nothingDone: 'No session was ended',
      target: 'session',
      refusedWhat: 'to end the session',
      broke: (error) =>
        `The connection broke while ending session ${target.pid}: ${error}. It may or ` +
        'may not have ended; check the live view (a retry re-checks the session first).',
      done: `Ended session ${target.pid} of ${target.userName}. ${ROLLED_BACK}`,
      sent: `Asked the cluster to end session ${target.pid}. ${ROLLED_BACK}`,
    },
  });
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

// Is the session on the cluster still the one the user saw? Same pid, same user, and the same start
// time when the user's view had it: pids are reused (REFERENCE 2.1), and ending the wrong session
// rolls back someone else's transaction.
import type { SessionTarget } from '../../../shared/model/governance.ts';
import { apiMicros, clusterMicros, readable, START_TOLERANCE_US } from './sameInstant.ts';
import type { SessionNow } from './sessionFacts.ts';

/** null when the target still matches; otherwise what changed, as a sentence fragment. */
export function checkSession(target: SessionTarget, now: SessionNow | null): string | null {
  if (!now) return `session ${target.pid} no longer exists: it ended, or restarted under a new pid`;
  if (now.userName !== target.userName) {
    return (
      `pid ${target.pid} now belongs to a session of ${now.userName}, not ${target.userName}: ` +
      'the session restarted and its pid was reused'
    );
  }
  if (target.sessionStart !== undefined) {
    const started = clusterMicros(now.start);
    if (started !== null && Math.abs(started - apiMicros(target.sessionStart)) > START_TOLERANCE_US) {
      return (
        `session ${target.pid} started at ${readable(now.start)}, not ${target.sessionStart}: it is ` +
        `another session of ${now.userName} that reuses the pid`
      );
    }
  }
  return null;
}

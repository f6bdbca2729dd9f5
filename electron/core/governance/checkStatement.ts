// Is the statement on the cluster still the one the user saw? pid, query id and user must all match
// (and the xid / start time when the user's view had them); otherwise the answer says, in words, what
// changed, because cancelling by pid (REFERENCE 2.1: the only way) would hit whatever runs there now.
import type { StatementTarget } from '../../../shared/model/governance.ts';
import { apiMicros, clusterMicros, readable, START_TOLERANCE_US } from './sameInstant.ts';
import type { StatementFacts } from './statementFacts.ts';

/** null when the target still matches; otherwise what changed, as a sentence fragment. */
export function checkStatement(target: StatementTarget, facts: StatementFacts): string | null {
  const { session, tracked, finished } = facts;
  const other = facts.onPid.find((s) => s.query !== target.query);
  const nowRuns = other
    ? `pid ${target.pid} now runs query ${other.query}${other.userName ? ` for ${other.userName}` : ''}`
    : null;

  if (session && session.userName !== target.userName) {
    return (
      `pid ${target.pid} now belongs to a session of ${session.userName}, not ${target.userName}: ` +
      'the session restarted and its pid was reused'
    );
  }

  if (!tracked) {
    const ended = finished?.aborted
      ? `the statement already ended: query ${target.query} shows as ${finished.status ?? 'aborted'} in history`
      : `the statement finished: query ${target.query} is no longer running or queued`;
    if (nowRuns) return `${ended}; ${nowRuns}`;
    if (!session) return `${ended}, and session ${target.pid} has ended`;
    return ended;
  }

  if (tracked.pid !== null && tracked.pid !== target.pid) {
    return `the session restarted: query ${target.query} now runs under pid ${tracked.pid}, not ${target.pid}`;
  }
  if (!session) {
    return `the session restarted: session ${target.pid} no longer exists`;
  }
  if (tracked.userName !== null && tracked.userName !== target.userName) {
    return `query ${target.query} belongs to ${tracked.userName}, not ${target.userName}`;
  }
  if (target.xid !== undefined && tracked.xid !== null && tracked.xid !== target.xid) {
    return (
      `query ${target.query} is now in transaction ${tracked.xid}, not ${target.xid}: it is another ` +
      'statement (query ids start again after a cluster restart)'
    );
  }
  if (target.startTime !== undefined) {
    const seen = apiMicros(target.startTime);
    const now = clusterMicros(tracked.start);
    if (now !== null && Math.abs(now - seen) > START_TOLERANCE_US) {
      return (
        `query ${target.query} started at ${readable(tracked.start)}, not ${target.startTime}: it is ` +
        'another statement (query ids start again after a cluster restart)'
      );
    }
  }
  if (tracked.pid === null) {
    // Queued: STV_INFLIGHT does not list it, so the pid must at least still hold a waiting statement.
    if (nowRuns) return nowRuns;
    if (facts.kind === 'provisioned' && !facts.pidBusy) {
      return `the statement finished: pid ${target.pid} has nothing running or queued`;
    }
  }
  return null;
}

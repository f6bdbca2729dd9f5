// Who waits behind a live statement now (issue #14, the on-call path): the statements queued in its WLM
// queue that it keeps from a slot. A running statement holds a slot every queued one in its queue is
// waiting for; a queued one is ahead of those that entered the queue after it.
import type { LiveStatement } from '../../../../shared/model/live.ts';

export function waitingBehind(
  statement: LiveStatement,
  statements: readonly LiveStatement[],
): LiveStatement[] {
  const since = Date.parse(statement.wlmStartTime);
  return statements
    .filter(
      (s) =>
        s.query !== statement.query &&
        s.queued &&
        s.serviceClass === statement.serviceClass &&
        (!statement.queued || Date.parse(s.wlmStartTime) > since),
    )
    .sort((a, b) => b.queueMs - a.queueMs || a.query - b.query);
}

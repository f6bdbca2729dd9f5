// Why a view has nothing to show, in words (issue #5: "empty states that say why"). A pure function of
// the collector's status, the range and whether filters are set, so it is unit-tested; useWhyEmpty
// reads those from the page.
import type { CollectorStatus, JobName } from '../../../shared/model/collector.ts';

/** How far back the store keeps history (DESIGN.md §5: 400 days). */
export const HISTORY_KEPT_DAYS = 400;
const DAY_MS = 86_400_000;

export const EMPTY_MESSAGES = {
  notCollectedYet: 'no data yet: the collector has not finished its first read',
  olderThanKept: `this range is older than the history kept (${HISTORY_KEPT_DAYS} days)`,
  nothingMatched: 'nothing matched the filters',
  nothingInRange: 'nothing was recorded in this range',
  noConnection: 'no connection chosen: add one on the Connections page',
} as const;

export interface WhyEmptyInput {
  /** The collector's status; null when it has not answered (or the core runs without one). */
  status: CollectorStatus | null;
  /** Why the status could not be read, if it could not. */
  statusError?: string | null;
  connectionId: string | null;
  /** The range shown, epoch milliseconds. */
  from: number;
  to: number;
  now: number;
  /** True when the user narrowed the view (filters, search): nothing matched them. */
  filtered?: boolean;
  /** The collector job that feeds the view (default query_history). */
  job?: JobName;
}

export function whyEmpty(input: WhyEmptyInput): string {
  if (input.connectionId === null) return EMPTY_MESSAGES.noConnection;
  if (input.to < input.now - HISTORY_KEPT_DAYS * DAY_MS) return EMPTY_MESSAGES.olderThanKept;

  const connection = input.status?.connections.find((c) => c.connectionId === input.connectionId);
  const job = connection?.jobs.find((j) => j.job === (input.job ?? 'query_history'));
  // With filters set over data that was read before, the filters are the likelier reason.
  if (input.filtered && job?.lastSuccessAt) return EMPTY_MESSAGES.nothingMatched;
  if (connection?.state === 'failed') {
    return `the collector is failing: ${connection.lastError ?? 'no reason was given'}`;
  }
  if (job?.state.kind === 'failing') return `the collector is failing: ${job.state.error}`;
  // A connection the collector has not reached, or a job never successful yet, has read nothing.
  if (input.status !== null && (!connection || connection.state === 'connecting' || !job)) {
    return EMPTY_MESSAGES.notCollectedYet;
  }
  if (job && job.lastSuccessAt === null) return EMPTY_MESSAGES.notCollectedYet;

  if (input.filtered) return EMPTY_MESSAGES.nothingMatched;
  return EMPTY_MESSAGES.nothingInRange;
}

// Why an overview tile has nothing from one collector feed: the feed is not collected on this
// connection, it is failing, or it has not been read yet (a first start: the demo generating, the first
// read under way). Only the first is "no X for this connection"; the others must not read as if (issue
// #14: "No CloudWatch for this connection" on a first start that simply had not read CloudWatch yet).
import type { JobName, JobStatus, CollectorStatus } from '../../../../shared/model/collector.ts';

export type FeedState = 'skipped' | 'failing' | 'not-read-yet' | 'read';

export function feedState(status: CollectorStatus | null, connectionId: string, job: JobName): FeedState {
  const found = status?.connections
    .find((c) => c.connectionId === connectionId)
    ?.jobs.find((j: JobStatus) => j.job === job);
  if (found === undefined) return 'not-read-yet';
  if (found.state.kind === 'skipped') return 'skipped';
  if (found.state.kind === 'failing') return 'failing';
  return found.lastSuccessAt === null ? 'not-read-yet' : 'read';
}

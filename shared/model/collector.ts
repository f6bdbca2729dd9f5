// What the collector reports about itself (collector.status and the 'collector.status' event).

/** Every job, in the order collector.status lists them (the metrics job is wired in last). */
export const JOB_NAMES = [
  'live_activity',
  'query_history',
  'query_metrics',
  'wlm_state',
  'wlm_config',
  'loads',
  'table_access',
  'alerts',
  'cluster',
  'metrics',
] as const;

export type JobName = (typeof JOB_NAMES)[number];

/**
 * Where a job stands, as the core last saw it. Timestamps are ISO strings.
 *
 *   never-run ──▶ running ──success──▶ ok ──(next run)──▶ running ──▶ …
 *                    │                                      │
 *                    └──failure──▶ failing ◀──(retry fails)─┘   (retrying: a retry is in flight)
 *   skipped: the connection lacks what the job needs; it never runs here.   stopped: after stop().
 *
 * "Stale" (no success for 2 × intervalMs) is not a state: it comes from lastSuccessAt and the clock, and
 * the core pushes no event when data merely ages, so readers judge it with `isJobStale`.
 */
export type JobState =
  | { kind: 'never-run' }
  /** A run in flight that is not a retry after failures; `since` is when it started. */
  | { kind: 'running'; since: string }
  /** The last run succeeded at `since`. */
  | { kind: 'ok'; since: string }
  /** Failing since the first failure in a row; `error` is the latest failure in words (no stack). */
  | { kind: 'failing'; since: string; error: string; retrying: boolean }
  | { kind: 'skipped'; reason: string }
  | { kind: 'stopped' };

export type JobStateKind = JobState['kind'];

/** No success for more than two intervals while the job is meant to run (the core's rule). */
export function isJobStale(
  job: Pick<JobStatus, 'state' | 'lastSuccessAt' | 'intervalMs'>,
  now: Date,
): boolean {
  if (job.state.kind === 'skipped' || job.state.kind === 'stopped' || job.lastSuccessAt === null)
    return false;
  const last = Date.parse(job.lastSuccessAt);
  return !Number.isNaN(last) && now.getTime() - last > 2 * job.intervalMs;
}

export interface BackfillProgress {
  rowsRead: number;
  /** Rows the cluster still holds that are not read yet; null when unknown. */
  remaining: number | null;
  done: boolean;
}

export interface JobStatus {
  job: JobName;
  state: JobState;
  intervalMs: number;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  /** Failures in a row (0 after a success). */
  consecutiveFailures: number;
  /** Rows read by the last run. */
  rowsRead: number;
  durationMs: number | null;
  nextRunAt: string | null;
  backfill: BackfillProgress | null;
}

export type Capability = 'provisioned' | 'serverless';

export interface ConnectionCollectorStatus {
  connectionId: string;
  name: string;
  state: 'connecting' | 'connected' | 'failed' | 'stopped';
  capabilities: Capability[] | null;
  serverVersion: string | null;
  lastError: string | null;
  /** While state is 'failed': when the failing began (the first failure in a row). */
  failingSince: string | null;
  /**
   * While state is 'connecting': what the cluster is still doing before it can be reached, in words
   * ("Generating the demo cluster's history: 12 of 75 nights"); absent or null when nothing is known.
   */
  preparing?: string | null;
  jobs: JobStatus[];
}

export interface CollectorStatus {
  running: boolean;
  connections: ConnectionCollectorStatus[];
}

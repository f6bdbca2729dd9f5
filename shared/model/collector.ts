// What the collector reports about itself (collector.status and the 'collector.status' event).

export const JOB_NAMES = [
  'live_activity',
  'query_history',
  'wlm_state',
  'wlm_config',
  'loads',
  'alerts',
  'metrics',
  'cluster',
] as const;

export type JobName = (typeof JOB_NAMES)[number];

/**
 * A job's state machine:
 *
 *   idle ──run──▶ running ──▶ ok ─────┐
 *                   │                 │ (data older than 2 × interval)
 *                   └──▶ failed       ▼
 *                          │        stale
 *                          └─(backoff with jitter)──▶ running
 */
export type JobState = 'idle' | 'running' | 'ok' | 'failed' | 'stale';

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
  /** The last failure in words (no stack traces). */
  lastError: string | null;
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
  jobs: JobStatus[];
}

export interface CollectorStatus {
  running: boolean;
  connections: ConnectionCollectorStatus[];
}

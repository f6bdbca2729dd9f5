// How the collector runs: intervals per job, page sizes, overlap windows and retention horizons.
// Defaults here; the `collector` key of the settings table (and, for tests, CoreConfig) overrides them.
import type { JobName } from '../../../shared/model/collector.ts';

export interface RetentionDays {
  queries: number;
  wlmSamples: number;
  wlmConfig: number;
  sessions: number;
  loads: number;
  alerts: number;
  clusterSnapshots: number;
  gaps: number;
  /** Per-night batch rollups (issue #10: drift over up to 400 nights). */
  batches: number;
}

export interface CollectorSettings {
  intervalsMs: Record<JobName, number>;
  /** Statements per page of the query history (one transaction each). */
  historyPageSize: number;
  /** Pages a query_history run reads before it yields to the other jobs (it runs again at once). */
  historyPagesPerRun: number;
  /** Rows per page of the other incremental jobs (loads, alerts). */
  pageSize: number;
  /**
   * Each poll starts this far before the last row it read: rows can appear in the system tables a
   * little after the time they carry (log flushes), and re-reading is free thanks to the upserts.
   */
  overlapMs: number;
  /** COPY errors appear during the COPY but count by its end: re-read this far back. */
  loadsOverlapMs: number;
  statementTimeoutMs: number;
  /**
   * Cluster connections log in with temporary passwords that expire after 15 minutes (REFERENCE 4.6):
   * new connections ask for a fresh one after this long, and pooled connections retire at this age.
   */
  clusterCredentialTtlMs: number;
  /** Backoff cap after the server or network failed (the job must be back soon after the server is). */
  connectionBackoffCapMs: number;
  /** Backoff cap after a statement failed. */
  failureBackoffCapMs: number;
  /** How long a view's or an action's connection stays open after its last use, to be reused. */
  onDemandIdleMs: number;
  retentionDays: RetentionDays;
}

export const DEFAULT_COLLECTOR_SETTINGS: CollectorSettings = {
  intervalsMs: {
    live_activity: 5_000,
    query_history: 60_000,
    // Rows scanned and CPU for the batch views: behind the history, nobody reads them by the second.
    query_metrics: 120_000,
    wlm_state: 30_000,
    wlm_config: 300_000,
    loads: 60_000,
    table_access: 60_000,
    alerts: 60_000,
    metrics: 60_000,
    cluster: 300_000,
  },
  historyPageSize: 5_000,
  historyPagesPerRun: 4,
  pageSize: 10_000,
  overlapMs: 120_000,
  loadsOverlapMs: 600_000,
  statementTimeoutMs: 30_000,
  clusterCredentialTtlMs: 12 * 60_000,
  connectionBackoffCapMs: 10_000,
  failureBackoffCapMs: 300_000,
  onDemandIdleMs: 60_000,
  retentionDays: {
    queries: 400,
    wlmSamples: 90,
    wlmConfig: 400,
    sessions: 30,
    loads: 400,
    alerts: 400,
    clusterSnapshots: 400,
    gaps: 400,
    batches: 400,
  },
};

/** Partial settings as stored or passed in tests. */
export type CollectorSettingsOverride = Partial<Omit<CollectorSettings, 'intervalsMs' | 'retentionDays'>> & {
  intervalsMs?: Partial<Record<JobName, number>>;
  retentionDays?: Partial<RetentionDays>;
};

export function mergeSettings(
  base: CollectorSettings,
  ...overrides: (CollectorSettingsOverride | undefined)[]
): CollectorSettings {
  let out = base;
  for (const o of overrides) {
    if (!o) continue;
    out = {
      ...out,
      ...stripUndefined(o),
      intervalsMs: { ...out.intervalsMs, ...stripUndefined(o.intervalsMs ?? {}) },
      retentionDays: { ...out.retentionDays, ...stripUndefined(o.retentionDays ?? {}) },
    };
  }
  return out;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

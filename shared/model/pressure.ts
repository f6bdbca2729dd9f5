// WLM queue pressure over time (wlm.pressure): per queue running vs configured slots, queued count and
// queue wait percentiles, downsampled server-side; hourly slot high-water marks; the current WLM
// configuration as a table and where it changed. Gaps are null values, never zeros. Running and queued
// come from the WLM samples where the collector took any, else they are derived from the stored query
// history (each point says which: `source`), so the chart reaches back before sampling began.
import type { TimeGap } from './wlm.ts';

export interface WlmPressureArgs {
  connectionId: string;
  from: string;
  to: string;
  /** No queue's series carries more points than this. */
  maxPoints: number;
}

export interface PressurePoint {
  /** Bucket start, epoch milliseconds. */
  t: number;
  /**
   * Peak running statements in the bucket: the samples' highest, or, in a bucket without samples, the
   * most statements executing at any instant per the query history (STL_WLM_QUERY exec windows;
   * statements, not slots). Null when neither speaks for the bucket (a gap).
   */
  running: number | null;
  /** Peak queued statements, likewise (history: queue windows of statements with queue_us > 0). */
  queued: number | null;
  /** Configured slots per the samples; null in buckets without samples (history does not know them). */
  slots: number | null;
  /**
   * Where running and queued come from: 'samples' (WLM state polls), 'history' (derived from the
   * stored query history: only where the history is complete and its job had no collection gap), or
   * null (a gap: both are null).
   */
  source: 'samples' | 'history' | null;
  /** Queue wait of the queries that started in the bucket (from the stored history). */
  waitP50Ms: number | null;
  waitP95Ms: number | null;
}

export interface HighWaterMark {
  /** Hour start, epoch milliseconds. */
  t: number;
  running: number;
  queued: number;
}

export interface QueuePressure {
  serviceClass: number;
  queueName: string;
  /** Configured slots at the end of the range; -1 under automatic WLM; null when unknown. */
  configuredSlots: number | null;
  points: PressurePoint[];
  /** At most one per hour in range (fewer when the range is long: then per day). */
  highWater: HighWaterMark[];
  highWaterBucketSeconds: number;
  /** Dimensions for metrics.series (WLMQueueLength, WLMQueueWaitTime); null without CloudWatch. */
  cloudWatchDimensions: Record<string, string> | null;
}

export interface QmrRuleRow {
  name: string;
  /** e.g. "query_execution_time > 7200 AND scan_row_count > 1000000000". */
  predicates: string;
  action: string;
}

export interface WlmQueueConfigRow {
  serviceClass: number;
  name: string;
  /** Slots, or 'auto' under automatic WLM. */
  concurrency: number | 'auto';
  memoryPercent: number | 'auto' | null;
  timeoutMs: number | null;
  userGroups: string[];
  userGroupWildcard: boolean;
  queryGroups: string[];
  queryGroupWildcard: boolean;
  priority: string | null;
  concurrencyScaling: string | null;
  rules: QmrRuleRow[];
}

export interface WlmConfigMark {
  at: string;
  /** What changed, in words (one line per change). */
  summary: string[];
}

export interface WlmPressure {
  resolutionSeconds: number;
  queues: QueuePressure[];
  configChanges: WlmConfigMark[];
  gaps: TimeGap[];
  /** The configuration in force at the end of the range; null when never collected. */
  currentConfig: WlmQueueConfigRow[] | null;
  configAt: string | null;
  /** Short query acceleration on/off in that configuration; null when unknown. */
  shortQueryAcceleration: boolean | null;
}

// Slow queries grouped by fingerprint (the text with literals normalised), with the "newly slow" flag:
// a fingerprint whose recent runs take at least k times its own median of the 14 nights before.
import type { QueryHistoryFilter, QueryRow } from './query.ts';

export type FingerprintSortKey = 'newlySlow' | 'totalMs' | 'count' | 'p95Ms' | 'maxMs';

export interface FingerprintArgs extends QueryHistoryFilter {
  /** Newly slow threshold (default 3). */
  k?: number;
  /** Default 'newlySlow': newly slow first (by ratio), then by total time. */
  sort?: FingerprintSortKey;
  limit?: number;
  offset?: number;
  /** List the fingerprints the connection's hidden patterns match too (issue #14). */
  showHidden?: boolean;
}

export interface TrendPoint {
  /** Bucket start, epoch milliseconds. */
  t: number;
  /** Median elapsed time of the runs in the bucket; null when none ran (a gap). */
  v: number | null;
}

export interface FingerprintGroup {
  fingerprint: string;
  textPreview: string;
  /** The latest run: open it for the detail. */
  latestQuery: number;
  latestStartTime: string;
  users: string[];
  labels: string[];
  count: number;
  totalMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  abortedCount: number;
  /** At most 30 buckets over the range. */
  trend: TrendPoint[];
  /** Median of the runs in the 24 hours before `to`; null when none ran. */
  recentMedianMs: number | null;
  /** Median of the runs in the 14 days before that; null when none ran. */
  baselineMedianMs: number | null;
  /** recent / baseline; null when either is missing. */
  ratio: number | null;
  newlySlow: boolean;
}

export interface FingerprintPage {
  groups: FingerprintGroup[];
  total: number;
  /** Fingerprints left out because the connection's hidden patterns match them (0 with showHidden). */
  hidden: number;
  k: number;
  /** Start of the "recent" window and of the baseline window (ISO-8601 UTC). */
  recentFrom: string;
  baselineFrom: string;
}

export interface QueryRunsArgs {
  connectionId: string;
  fingerprint: string;
  from: string;
  to: string;
  maxPoints: number;
}

export interface QueryRunPoint {
  /** Run start (or bucket start when bucketed), epoch milliseconds. */
  t: number;
  elapsedMs: number;
  queueMs: number;
  execMs: number;
  /** The run's query id; the slowest run's when bucketed. */
  query: number;
  aborted: boolean;
}

export interface QueryRuns {
  fingerprint: string;
  /** True when runs were grouped into buckets (maximum per bucket) to stay under maxPoints. */
  bucketed: boolean;
  points: QueryRunPoint[];
}

export interface BlastRadiusArgs {
  connectionId: string;
  query: number;
  startTime: string;
}

export interface BlastVictim extends QueryRow {
  /** The part of this statement's queue wait that fell inside the culprit's execution. */
  waitedMs: number;
}

export interface BlastRadius {
  query: number;
  serviceClass: number | null;
  queueName: string | null;
  slotCount: number | null;
  /** When the culprit held its slots (its execution window); null when the history lacks it. */
  heldFrom: string | null;
  heldTo: string | null;
  victims: BlastVictim[];
  totalWaitMs: number;
}

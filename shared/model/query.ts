// Query history as the store keeps it (times are ISO-8601 UTC strings, durations milliseconds).

export interface QueryRow {
  connectionId: string;
  query: number;
  startTime: string;
  endTime: string;
  userId: number;
  userName: string | null;
  pid: number;
  xid: number;
  label: string;
  database: string;
  serviceClass: number | null;
  queueName: string | null;
  slotCount: number | null;
  queueMs: number;
  execMs: number;
  elapsedMs: number;
  aborted: boolean;
  /** Hash of the text with literals normalised: runs of "the same query" share it. */
  fingerprint: string;
  /** The first 200 characters of the text. */
  textPreview: string;
}

export interface QueryDetail extends QueryRow {
  text: string;
  /** False when the cluster no longer held all text pieces (only STL_QUERY's first 4,000 chars). */
  textComplete: boolean;
  wlm: {
    queueStartTime: string | null;
    queueEndTime: string | null;
    execStartTime: string | null;
    execEndTime: string | null;
    finalState: string | null;
  } | null;
  /** Optimizer alerts for this query (STL_ALERT_EVENT_LOG), each with a suggested fix in words. */
  alerts: QueryAlert[];
  /** Query monitoring rule actions taken on it (STL_WLM_RULE_ACTION). */
  ruleActions: QueryRuleAction[];
}

export interface QueryAlert {
  eventTime: string;
  segment: number;
  step: number;
  event: string;
  /** Redshift's own solution text. */
  solution: string;
  /** What to do about it, in plain words (electron/core/views/suggestFix.ts). */
  suggestion: string;
}

export interface QueryRuleAction {
  rule: string;
  action: string;
  recordTime: string;
  queueName: string;
}

export interface QueryStepsArgs {
  connectionId: string;
  query: number;
  startTime: string;
}

/** One step of the plan as executed (SVL_QUERY_SUMMARY, REFERENCE 1.18). */
export interface QueryStep {
  stm: number;
  segment: number;
  step: number;
  label: string;
  rows: number;
  bytes: number;
  maxTimeMs: number;
  avgTimeMs: number;
  isDiskBased: boolean;
}

export interface QuerySteps {
  /** False when neither the store nor the cluster holds the steps (the cluster keeps them ~7 days). */
  available: boolean;
  /** Why the steps are missing, in words; null when available. */
  reason: string | null;
  steps: QueryStep[];
}

export type QuerySortKey = 'startTime' | 'elapsedMs' | 'queueMs' | 'execMs';

export interface QueryHistoryFilter {
  connectionId: string;
  from: string;
  to: string;
  user?: string;
  label?: string;
  serviceClass?: number;
  minDurationMs?: number;
  aborted?: boolean;
  /** Substring of the query text, case-insensitive. */
  text?: string;
}

export interface QueryHistoryArgs extends QueryHistoryFilter {
  sort?: { by: QuerySortKey; dir: 'asc' | 'desc' };
  limit?: number;
  /** Rows to skip (after `after` when given). */
  offset?: number;
  /**
   * Keyset paging: the page starts after the row this cursor names (a page's `next`, same filter and
   * sort). One index seek whatever the depth; an offset alone walks every row it skips.
   */
  after?: string;
  /** False: skip counting the matching rows (`total` null), e.g. for every page after the first. */
  withTotal?: boolean;
  /** True: include the runs the connection's hidden patterns leave out (issue #14). */
  showHidden?: boolean;
}

export interface QueryHistoryPage {
  rows: QueryRow[];
  /** Rows matching the filter; null when not asked for (withTotal: false). */
  total: number | null;
  /** Runs matching the filter that the hidden patterns left out; counted along with `total`. */
  hidden?: number;
  /** Cursor for the page after this one (`after`); null when this page is the last. */
  next: string | null;
}

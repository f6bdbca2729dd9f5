// Nightly batches (issue #10): jobs (recurring query_group labels), nights in the business time zone,
// a night's timeline and what determined its finish, the SLA, and the finish time's drift.

/** Local times of day are 'HH:MM' in the batch's business time zone. */
export interface BatchSettings {
  /** IANA zone, e.g. 'Europe/Stockholm'. */
  timeZone: string;
  /** The night window opens (default '18:00') and closes (default '12:00', the next morning). */
  nightStart: string;
  nightEnd: string;
  /** The batch should be done by this local time; null: no SLA. */
  sla: string | null;
}

export interface BatchSettingsArgs extends BatchSettings {
  connectionId: string;
}

export interface BatchJobNight {
  label: string;
  firstStart: string;
  lastEnd: string;
  durationMs: number;
  statements: number;
  queuedStatements: number;
  queueMs: number;
  execMs: number;
  aborted: number;
  /** The WLM queue its statements waited in. */
  waitQueue: string | null;
  /** Over the 28 nights before (null: it ran on fewer than 3 of them). */
  medianDurationMs: number | null;
  medianExecMs: number | null;
  /** execMs / medianExecMs. */
  execFactor: number | null;
  /**
   * Rows scanned and CPU of its statements (SVL_QUERY_METRICS_SUMMARY / SYS_QUERY_DETAIL); null when
   * no statement's metrics are known. Counts of statements without metrics are estimated from the others.
   */
  rowsScanned?: number | null;
  cpuMs?: number | null;
  medianRowsScanned?: number | null;
  /** rowsScanned / medianRowsScanned. */
  rowsFactor?: number | null;
  /** Why it ran longer than its median, when it did: 'more data', 'slower plan' or 'more waiting'. */
  cause?: BatchGrowthCause | null;
  /** The rollup groups it is made of (label, user, queue), as the job rules assigned them. */
  labels?: string[];
}

export type BatchGrowthCause = 'more data' | 'slower plan' | 'more waiting';

/** A stepwise rebuild of the nights in progress (after the night window changed): views show what is done. */
export interface BatchRebuildProgress {
  done: number;
  total: number;
}

export interface BatchRebuildEvent extends BatchRebuildProgress {
  connectionId: string;
  finished: boolean;
}

export interface BatchFinish {
  at: string;
  /** Local clock, e.g. '06:42'. */
  clock: string;
  medianClock: string | null;
  /** Minutes later (+) or earlier (-) than the 28-night median. */
  deltaMinutes: number | null;
  sla: string | null;
  /** Minutes past the SLA (negative: that much before it); null without an SLA. */
  slaMarginMinutes: number | null;
}

export interface BatchNightArgs {
  connectionId: string;
  /** 'YYYY-MM-DD' (the local date the night's window ends); default: the last night with data. */
  night?: string;
}

export interface BatchNight {
  connectionId: string;
  /** null when no night holds a batch job yet. */
  night: string | null;
  timeZone: string;
  window: { from: string; to: string } | null;
  /** Nights with batch jobs, newest first (at most 60): what a night picker offers. */
  nights: string[];
  monthStart: boolean;
  /** Jobs by first start. */
  jobs: BatchJobNight[];
  finish: BatchFinish | null;
  /** The job(s) that moved the finish most, most first. */
  movers: string[];
  /** What determined the finish, in words. */
  story: string;
  /** Labels of the night that are not batch jobs (dashboards, ad hoc groups), busiest first. */
  otherLabels: { label: string; statements: number }[];
  /** Set while the nights are being recut (the story says so). */
  rebuilding?: BatchRebuildProgress | null;
}

export interface BatchStatementsArgs {
  connectionId: string;
  night: string;
  label: string;
}

export interface BatchStatement {
  query: number;
  startTime: string;
  endTime: string;
  queueMs: number;
  execMs: number;
  aborted: boolean;
  /** A query monitoring rule's action on it (STL_WLM_RULE_ACTION), e.g. 'abort'. */
  qmrAction: string | null;
  queueName: string | null;
  userName: string | null;
  textPreview: string;
}

export interface BatchStatements {
  night: string;
  label: string;
  statements: BatchStatement[];
}

export interface BatchDriftArgs {
  connectionId: string;
  /** How many nights back from `to` (at most 400). */
  nights: number;
  /** The last night; default: the last night with data. */
  to?: string;
  /** Also return every job's nights (duration, queue, execution, rows scanned, CPU). */
  jobs?: boolean;
}

export interface BatchDriftPoint {
  night: string;
  finish: string;
  /** Local clock minutes from midnight of the night's date (negative: the evening before). */
  minutes: number;
  clock: string;
  monthStart: boolean;
  inFit: boolean;
  /** The trend line's value on this night. */
  trend: number | null;
}

export interface BatchDrift {
  connectionId: string;
  timeZone: string;
  from: string | null;
  to: string | null;
  points: BatchDriftPoint[];
  sla: { minutes: number; clock: string } | null;
  /** Theil-Sen over the nights in the fit; null with fewer than 3 of them. */
  trend: { minutesPerNight: number; nightsInFit: number; excluded: string[] } | null;
  /** The trend and forecast in words. */
  summary: string;
  /** Set while the nights are being recut (the summary says so). */
  rebuilding?: BatchRebuildProgress | null;
  /** Per job and night (with args.jobs): duration, queue, execution, rows scanned and CPU. */
  jobs?: BatchJobSeries[];
  /** Where the growth over the range came from, in words ("mostly more data: rows scanned ×2.1 ..."). */
  growth?: string | null;
}

export interface BatchJobSeries {
  job: string;
  nights: {
    night: string;
    durationMs: number;
    queueMs: number;
    execMs: number;
    statements: number;
    rowsScanned: number | null;
    cpuMs: number | null;
  }[];
}

/**
 * A job rule: the statement groups (a night's statements of one label, user and queue) it matches
 * form the job `name` ('job': rename, merge, add, split) or are not shown as a job ('hide'). Patterns
 * are globs ('*' matches any run of characters); null matches anything. The first matching rule wins;
 * groups no rule matches are jobs when their label recurs (proposed).
 */
export interface BatchJobRule {
  action: 'job' | 'hide';
  labelPattern: string | null;
  user: string | null;
  queue: string | null;
  /** '' keeps the label as the name. */
  name: string;
  /** One job per user or per queue (the name gets ' · <user>' / ' · <queue>'). */
  splitBy: 'none' | 'user' | 'queue';
}

export interface BatchJobRulesArgs {
  connectionId: string;
  rules: BatchJobRule[];
}

/** A job as the rules make it, over the stored history (batches.jobs, batches.previewJobRules). */
export interface BatchJobSummary {
  name: string;
  /** Proposed from a recurring label (no rule made it). */
  proposed: boolean;
  /** The labels (and users, queues) it takes statements from. */
  sources: { label: string; user: string; queue: string }[];
  nights: number;
  statements: number;
  firstNight: string;
  lastNight: string;
}

export interface BatchJobs {
  connectionId: string;
  rules: BatchJobRule[];
  jobs: BatchJobSummary[];
  hidden: BatchJobSummary[];
  /** Recurring-looking labels that are not jobs (ad hoc groups, dashboards): candidates for a rule. */
  others: { label: string; nights: number; statements: number }[];
  /** Nights the preview looked at. */
  from: string | null;
  to: string | null;
}

/** What saving the rules would change: the jobs before and after, over the same stored nights. */
export interface BatchJobRulesPreview {
  before: BatchJobs;
  after: BatchJobs;
  /** In words: "3 jobs become 2: nightly_a and nightly_b merge into loads; ..." */
  changes: string[];
}

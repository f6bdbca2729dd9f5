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
}

// The batch views beyond one night (issue #10): two nights side by side, per-job SLAs and drift, the
// month-start view, and the marks on a night's timeline. All read the per-night per-label rollups
// (batch_label_nights) except the marks, which read one night's aborted statements, QMR actions and
// COPY loads.

/** One job on one night, as the comparison shows it. */
export interface BatchCompareSide {
  firstStart: string;
  lastEnd: string;
  /** Local clocks in the business time zone, e.g. '01:12'. */
  startClock: string;
  endClock: string;
  durationMs: number;
  queueMs: number;
  execMs: number;
  statements: number;
}

export interface BatchCompareJob {
  label: string;
  /** 'both': ran on both nights; 'appeared': only on `night`; 'disappeared': only on `other`. */
  presence: 'both' | 'appeared' | 'disappeared';
  /** First seen in the stored history within the last 30 nights before `night` ("batches multiply"). */
  isNew: boolean;
  night: BatchCompareSide | null;
  other: BatchCompareSide | null;
  /** How much later (+) its end is on `night` than on `other`, in minutes of the local clock. */
  endShiftMinutes: number | null;
  durationDeltaMs: number | null;
  queueDeltaMs: number | null;
}

export interface BatchCompareArgs {
  connectionId: string;
  /** Default: the last night with data. */
  night?: string;
  /** Default: the same weekday a week before `night`. */
  other?: string;
}

export interface BatchCompare {
  connectionId: string;
  timeZone: string;
  night: string | null;
  other: string | null;
  /** Nights with data, newest first (what the pickers offer). */
  nights: string[];
  finish: { night: string | null; other: string | null; deltaMinutes: number | null };
  /** Jobs on both nights by how much longer they ran (most first), then appeared, disappeared. */
  jobs: BatchCompareJob[];
  /** Jobs first seen within the 30 nights before `night`, with that first night. */
  newJobs: { label: string; firstNight: string }[];
  summary: string;
}

export interface BatchJobSlaArgs {
  connectionId: string;
  label: string;
  /** 'HH:MM' local: the job should be done by then; null removes it. */
  sla: string | null;
}

export interface BatchJobSla {
  label: string;
  sla: string | null;
}

export interface BatchJobDriftArgs {
  connectionId: string;
  /** Nights back from `to` (at most 400). */
  nights: number;
  to?: string;
  /** When given, the answer carries this job's per-night detail. */
  label?: string;
}

/** A trend in minutes a night (Theil-Sen over the nights that are not month starts). */
export interface JobTrends {
  durationPerNight: number | null;
  queuePerNight: number | null;
  execPerNight: number | null;
}

export interface BatchJobDriftRow extends JobTrends {
  label: string;
  nights: number;
  lastDurationMs: number;
  sla: string | null;
  /** Nights its end was past its SLA (null without one). */
  slaMissed: number | null;
  /** Its share (0..1) of the growing jobs' summed duration growth; null when it does not grow. */
  shareOfGrowth: number | null;
  /** What the growth is mostly made of. */
  growth: 'more waiting' | 'longer execution' | 'steady';
}

export interface BatchJobDriftPoint {
  night: string;
  durationMin: number;
  queueMin: number;
  execMin: number;
  /** The job's end on the local clock, minutes from midnight of the night's date. */
  endMinutes: number;
  monthStart: boolean;
  durationTrend: number | null;
}

export interface BatchJobDetail extends BatchJobDriftRow {
  points: BatchJobDriftPoint[];
  summary: string;
}

export interface BatchJobDrift {
  connectionId: string;
  timeZone: string;
  from: string | null;
  to: string | null;
  /** The batch's finish trend, minutes a night (as batches.drift). */
  batchPerNight: number | null;
  /** By share of growth, most first. */
  jobs: BatchJobDriftRow[];
  detail: BatchJobDetail | null;
  summary: string;
}

export interface BatchMonthStartArgs {
  connectionId: string;
  /** This month and the previous months-1 (1..12, default 4). */
  months?: number;
  /** The last night; default: the last night with data. */
  to?: string;
}

/** One day of one month; null fields: nothing stored that day. */
export interface MonthStartDay {
  day: number;
  night: string;
  /** Batch finish on the local clock, minutes from midnight of the night's date. */
  finishMinutes: number | null;
  /** Statements started on this local calendar day (every statement, ad hoc ones included). */
  statements: number;
  execHours: number;
  /** Per WLM queue: the 95th percentile over the night's labels of their mean wait per queued statement. */
  queueP95Minutes: Record<string, number>;
  /** CloudWatch CPUUtilization, daily average (%), when collected. */
  cpu: number | null;
}

export interface MonthStartRatios {
  statements: number | null;
  execHours: number | null;
  queueWait: number | null;
}

export interface MonthStartMonth {
  /** 'YYYY-MM'. */
  month: string;
  days: MonthStartDay[];
  /** Mean of days 1-3 against the rest of the month's days (null: one side has no day). */
  ratios: MonthStartRatios;
  /** Jobs that ran on days 1-3 only. */
  onlyAtMonthStart: string[];
  /** Latest finish over days 1-3, minutes (null: none stored). */
  monthStartFinish: number | null;
}

export interface MonthStartForecast {
  /** The next month-start night, 'YYYY-MM-DD'. */
  night: string;
  finishMinutes: number | null;
  finishClock: string | null;
  /** The queue waited on most at month start, and how many times its usual wait it is forecast at. */
  queue: { name: string; factor: number } | null;
  /** How many earlier month-starts the forecast rests on. */
  basis: number;
  verdict: string;
}

export interface BatchMonthStart {
  connectionId: string;
  timeZone: string;
  sla: string | null;
  /** Newest first. */
  months: MonthStartMonth[];
  /** Queues seen waiting in the range (the p95 lines). */
  queues: string[];
  hasCpu: boolean;
  forecast: MonthStartForecast | null;
}

export type NightMarkKind = 'aborted' | 'qmr' | 'copy' | 'feed';

/** Something that happened in a night, drawn on its timeline. */
export interface NightMark {
  kind: NightMarkKind;
  at: string;
  /** The job it belongs to (aborted/QMR statements), or null (COPY loads, feeds). */
  label: string | null;
  query: number | null;
  /** What to show, as text: 'abort (etl_kill_after_2h)', 'COPY royalty.raw_daily: 1,204 rejected'. */
  text: string;
  /** COPY loads: rows rejected. */
  rejected: number | null;
  /** Feed arrivals: the jobs that started right after it, later than they usually do. */
  waitedBy: string[];
}

export interface BatchMarks {
  night: string;
  marks: NightMark[];
}

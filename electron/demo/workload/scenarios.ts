// THE manifest of what the generated history contains, and on which night. Tests, the demo and people
// exploring the double find every planted story here.
//
// Night numbering: the history covers `nights` nights ending at `now`. Night k "days before now" is the
// calendar day date(now) - k (UTC); its batch starts after 01:00 that day and processes the day before.
// As a 0-based night index: index = nights - 1 - daysBeforeNow (the last night, today, is nights - 1;
// "night N-3" in the issue text is daysBeforeNow = 2). Scenarios are anchored to `now`, not to the
// start of the history, so the same seed + now puts them on the same dates whatever `nights` is, and
// appendWorkload (windows after `now`) keeps them where they were. With the default 7-day retention
// (REFERENCE 1.1) every dated scenario but lateFeed is still inside STL.
import type { FeedName } from './feeds.ts';
import { ETL_JOBS } from './jobs.ts';
import { calendarOf, dayNumberOf, isoDate, microsFromDate, truncateToMinute } from './time.ts';

export const DEFAULT_NIGHTS = 75;

export const SCENARIOS = {
  /**
   * Every nightly job (query_group nightly_*, user etl_user, service class 6) scans more data every
   * night: statement runtimes grow by growthPerNight (3 %) of their base per night, reaching
   * 1 + 0.03 x 74 ~ 3.2x on the last night of a default history. The batch's finish time (max
   * STL_QUERY.endtime of label 'nightly_%' per night) therefore creeps ~2-4 minutes later per night,
   * with noise. Find: `SELECT trunc(starttime), max(endtime) FROM stl_query WHERE label LIKE 'nightly_%'
   * GROUP BY 1 ORDER BY 1`.
   */
  batchCreep: {
    labelPattern: 'nightly_%',
    growthPerNight: 0.03,
    /** Growth is 1 on the night this many days before now. */
    baseDaysBeforeNow: 74,
    minGrowth: 0.6,
    maxGrowth: 4,
  },
  /**
   * Days 1 and 2 of every month: month-end closing. Dashboards refresh ~2.8x as often, analysts run
   * ~2.8x the ad hoc queries, two extra batch jobs run (nightly_royalty_monthly,
   * nightly_finance_close), and runtimes are 1.3x longer (contention). At least 2x the queries of an
   * ordinary day (user queries, userid > 1).
   */
  monthStart: {
    daysOfMonth: [1, 2] as readonly number[],
    queryFactor: 2.8,
    runtimeFactor: 1.3,
    jobs: ['nightly_royalty_monthly', 'nightly_finance_close'] as readonly string[],
  },
  /**
   * One recurring statement of nightly_royalty_calc (same text every night but the date literal;
   * SYS_QUERY_HISTORY.generic_query_hash is the same) runs `slowdown` x slower from this night on and
   * stays slow: its plan flips to a nested loop on stale statistics (alerts 'Missing query planner
   * statistics' and 'Nested Loop Join in the query'). It keeps its etl_nightly slot for over an hour,
   * so later batch statements queue behind it (its blast radius).
   */
  regression: {
    daysBeforeNow: 2,
    label: 'nightly_royalty_calc',
    textPrefix: 'INSERT INTO royalty.track_royalties_daily',
    slowdown: 8,
    /** The slow run stays below etl_nightly's 2-hour QMR abort rule. */
    maxExecSeconds: 6600,
  },
  /**
   * etl_nightly (service class 6) has 3 slots; the batch starts ~6 jobs at once, so every night later
   * statements wait in the queue (STL_WLM_QUERY.total_queue_time > 0) while at no instant more than 3
   * execute. Busiest on month-start nights and from the regression night on.
   */
  queueWaits: { serviceClass: 6, queueName: 'etl_nightly', slots: 3 },
  /** A feed that delivers nothing: no COPY, no STL_LOAD_COMMITS / SYS_LOAD_HISTORY row that night. */
  silentFeed: { feed: 'ad_impressions' as FeedName, daysBeforeNow: 4 },
  /** A feed that delivers ~factor x its usual rows (the supplier resent a full backfill). */
  oversizedFeed: { feed: 'royalties_daily' as FeedName, daysBeforeNow: 3, factor: 10 },
  /**
   * From this night on the catalog supplier adds a column (isrc_country) to part of its lines:
   * STL_LOAD_ERRORS err_code 1202 'Extra column(s) found' and some 1214 'Delimiter not found' every
   * night from then; MAXERROR 100000 lets the COPY succeed partially (loaded rows drop).
   */
  columnCountChange: {
    feed: 'catalog_tracks' as FeedName,
    fromDaysBeforeNow: 5,
    column: 'isrc_country',
    badLineShare: 0.35,
  },
  /** A feed delivered hours late: its COPY starts at arrivesAtMinute, so the jobs after it wait. */
  lateFeed: { feed: 'royalties_daily' as FeedName, daysBeforeNow: 8, arrivesAtMinute: 262 },
  /** A COPY with more rejected rows than MAXERROR: aborted, nothing loaded, status 'aborted'. */
  failedLoad: { feed: 'user_profiles' as FeedName, daysBeforeNow: 1, rejectedRows: 240 },
  /**
   * A runaway CTAS of nightly_recommendation_features runs into etl_nightly's QMR rule
   * `etl_kill_after_2h` (query_execution_time > 7200 s, action abort): STL_WLM_RULE_ACTION action
   * 'abort', STL_QUERY.aborted = 1, the job rolls back.
   */
  qmrAbort: {
    daysBeforeNow: 6,
    label: 'nightly_recommendation_features',
    serviceClass: 6,
    action: 'abort',
    limitSeconds: 7200,
  },
  /**
   * Analysts' queries with a forgotten join predicate (one most weekdays, two on month-start days):
   * 'Nested Loop Join in the query' alerts and, in bi_dashboards, the QMR rule with action `log`
   * (bi_log_nested_loop in the default configuration).
   */
  qmrLog: { serviceClass: 7, action: 'log' },
  /**
   * Hostile strings (hostileStrings.ts) planted every day: `queries` analyst_ben moderation queries
   * with `perQuery` hostile literals each, `labels` analyst_anna queries under a hostile query_group
   * label, and `loadErrors` rejected user_profiles rows carrying one each (raw_line and
   * raw_field_value). Consecutive days continue through the corpus, so any 3 consecutive days use
   * every string; the draws stride across its categories, so every day's rejected rows hold control
   * characters and bidi overrides among the rest.
   */
  hostile: { queries: 24, perQuery: 4, labels: 8, loadErrors: 40 },
} as const;

export type ScenarioName = keyof typeof SCENARIOS;

/** A scenario's night as a date and a 0-based index into the history (null when outside it). */
export interface ScenarioNight {
  date: string;
  daysBeforeNow: number;
  nightIndex: number | null;
}

export interface ScenarioCalendar {
  now: Date;
  nights: number;
  firstNight: string;
  lastNight: string;
  /**
   * The nights the batch views may open on by default: the last night whose batch had begun by `now`
   * (the night in progress holds only the evening's dashboards until its first job starts). Both of
   * the last two from shortly before that start until its first transaction has surely committed.
   */
  lastBatchNights: string[];
  regression: ScenarioNight;
  silentFeed: ScenarioNight;
  oversizedFeed: ScenarioNight;
  columnCountChange: ScenarioNight;
  lateFeed: ScenarioNight;
  failedLoad: ScenarioNight;
  qmrAbort: ScenarioNight;
  /** Month-start nights inside the history. */
  monthStarts: string[];
  /** Nights whose batch end is moved by a scenario other than the creep (for creep comparisons). */
  batchDisrupted: string[];
}

export function isMonthStartDay(dayNumber: number): boolean {
  return SCENARIOS.monthStart.daysOfMonth.includes(calendarOf(dayNumber).dayOfMonth);
}

/** Runtime growth of the batch on a night (scenario batchCreep). */
export function batchGrowth(dayNumber: number, anchorDay: number): number {
  const c = SCENARIOS.batchCreep;
  const growth = 1 + c.growthPerNight * (dayNumber - (anchorDay - c.baseDaysBeforeNow));
  return Math.min(c.maxGrowth, Math.max(c.minGrowth, growth));
}

/** Minutes before the first job's start when either night may be the last with a batch. */
const BATCH_START_MARGIN_MINUTES = 5;
/**
 * A statement reaches the system tables with its transaction (generateWorkload's windows), and the
 * first batch transaction of a night commits 90 to 150 minutes after midnight UTC (later on month
 * starts): until this minute the history may or may not hold tonight's batch yet.
 */
const BATCH_SEEN_BY_MINUTE = 180;

/** The last night(s) whose batch had begun at `now` (ScenarioCalendar.lastBatchNights). */
function lastBatchNightsAt(now: Date, anchorDay: number): string[] {
  const firstStart = Math.min(...ETL_JOBS.map((j) => j.notBefore));
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  const today = isoDate(anchorDay);
  const yesterday = isoDate(anchorDay - 1);
  if (minute < firstStart - BATCH_START_MARGIN_MINUTES) return [yesterday];
  return minute < BATCH_SEEN_BY_MINUTE ? [yesterday, today] : [today];
}

/** The dates of every scenario for a history of `nights` nights ending at `now`. */
export function scenarioCalendar(now: Date, nights: number = DEFAULT_NIGHTS): ScenarioCalendar {
  const anchorDay = dayNumberOf(microsFromDate(truncateToMinute(now)));
  const night = (daysBeforeNow: number): ScenarioNight => ({
    date: isoDate(anchorDay - daysBeforeNow),
    daysBeforeNow,
    nightIndex: daysBeforeNow < nights ? nights - 1 - daysBeforeNow : null,
  });
  const monthStarts: string[] = [];
  for (let k = nights - 1; k >= 0; k--)
    if (isMonthStartDay(anchorDay - k)) monthStarts.push(isoDate(anchorDay - k));
  const regression = night(SCENARIOS.regression.daysBeforeNow);
  const disrupted = new Set<string>(monthStarts);
  for (let k = SCENARIOS.regression.daysBeforeNow; k >= 0; k--) disrupted.add(isoDate(anchorDay - k));
  disrupted.add(night(SCENARIOS.lateFeed.daysBeforeNow).date);
  disrupted.add(night(SCENARIOS.qmrAbort.daysBeforeNow).date);
  return {
    now: truncateToMinute(now),
    nights,
    firstNight: isoDate(anchorDay - nights + 1),
    lastNight: isoDate(anchorDay),
    lastBatchNights: lastBatchNightsAt(now, anchorDay),
    regression,
    silentFeed: night(SCENARIOS.silentFeed.daysBeforeNow),
    oversizedFeed: night(SCENARIOS.oversizedFeed.daysBeforeNow),
    columnCountChange: night(SCENARIOS.columnCountChange.fromDaysBeforeNow),
    lateFeed: night(SCENARIOS.lateFeed.daysBeforeNow),
    failedLoad: night(SCENARIOS.failedLoad.daysBeforeNow),
    qmrAbort: night(SCENARIOS.qmrAbort.daysBeforeNow),
    monthStarts,
    batchDisrupted: [...disrupted].sort(),
  };
}

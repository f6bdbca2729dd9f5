// Who runs what on the demo warehouse: users, WLM queues, the nightly ETL jobs (query_group
// nightly_*), the BI dashboards (query_group dashboard_*) and the analysts' ad hoc SQL. The SQL is what
// a music-streaming data platform would run; literals (dates, markets) change per night, so recurring
// statements share a normalised text (SYS_QUERY_HISTORY.generic_query_hash, REFERENCE 1.24).
// Long because it is data: every job's SQL as a platform would write it, kept together so the
// statement texts and their labels are read in one place.
import { parseWlmConfiguration } from '../../../shared/wlm/parseWlmConfiguration.ts';
import { listServiceClasses, SQA_SERVICE_CLASS } from '../../../shared/wlm/serviceClassOf.ts';
import { formatWlmProblems } from '../../../shared/wlm/validateWlmConfiguration.ts';
import { DEMO_WLM_CONFIGURATION } from '../defaultWlmConfiguration.ts';
import type { FeedName } from './feeds.ts';
import { qualified as q } from './tables.ts';
import type { TableKey } from './tables.ts';

// ---------------------------------------------------------------------------------------------------
// Users (double-contract "Roles"): userid columns hold pg_user.usesysid of these roles; the writer
// looks them up. System rows use userid 1 (REFERENCE 1.1), which joins to no role.

export const WORKLOAD_USERS = ['etl_user', 'bi_user', 'analyst_anna', 'analyst_ben', 'loader'] as const;
export type WorkloadUser = (typeof WORKLOAD_USERS)[number];
export type StatementUser = WorkloadUser | 'rdsdb';
export type UserIds = Record<WorkloadUser, number>;

/** Stand-in ids for pure generation (tests, benchmarks without a database). */
export const PLACEHOLDER_USER_IDS: UserIds = {
  etl_user: 101,
  bi_user: 102,
  analyst_anna: 103,
  analyst_ben: 104,
  loader: 105,
};

export const SYSTEM_USERID = 1;

// ---------------------------------------------------------------------------------------------------
// WLM queues (REFERENCE 1.2, 3.6): service classes in the order of the configuration array.

export interface QueueInfo {
  serviceClass: number;
  name: string;
  slots: number;
}

export const ETL_SERVICE_CLASS = 6;
export const BI_SERVICE_CLASS = 7;
export const DEFAULT_SERVICE_CLASS = 8;
export { SQA_SERVICE_CLASS };
/** SQA's concurrency is Redshift's own; the WLM stand-in reports 6 slots, so the simulation uses 6. */
const SQA_SLOTS = 6;
/** SQA runs read-only queries predicted short; ours: planned execution under this many seconds. */
export const SQA_MAX_SECONDS = 1.5;

export interface QmrRule {
  serviceClass: number;
  name: string;
  action: string;
}

/** Queues and QMR rules of a WLM configuration (array form, REFERENCE 3.2 / 3.4), read by the shared parser. */
export function readWlm(configuration: readonly unknown[] = DEMO_WLM_CONFIGURATION): {
  queues: Map<number, QueueInfo>;
  rules: QmrRule[];
} {
  const parsed = parseWlmConfiguration(JSON.stringify(configuration));
  if (!parsed.ok) throw new Error(`the demo's WLM configuration: ${formatWlmProblems(parsed.problems)}`);
  const queues = new Map<number, QueueInfo>();
  const rules: QmrRule[] = [];
  for (const sc of listServiceClasses(parsed.config)) {
    const queue = sc.queueIndex === null ? null : parsed.config.queues[sc.queueIndex]!;
    queues.set(sc.serviceClass, {
      serviceClass: sc.serviceClass,
      name: sc.name,
      slots: queue === null ? SQA_SLOTS : (queue.query_concurrency ?? 5),
    });
    for (const rule of queue?.rules ?? [])
      rules.push({ serviceClass: sc.serviceClass, name: rule.rule_name, action: rule.action });
  }
  return { queues, rules };
}

// ---------------------------------------------------------------------------------------------------
// Literals that change per night.

export interface NightLiterals {
  /** The night's calendar date (the batch processes the day before it). */
  date: string;
  /** The day the batch processes. */
  prevDate: string;
  weekAgo: string;
  monthAgo: string;
  monthStart: string;
  prevMonthStart: string;
  prevMonthEnd: string;
  /** Month-start nights close the previous month (scenarios.ts monthStart). */
  isMonthStart: boolean;
}

/** How a statement's plan looks, for SVL_QUERY_SUMMARY / SYS_QUERY_DETAIL steps and alerts. */
export type PlanShape =
  'scan-agg' | 'join-agg' | 'insert-select' | 'delete' | 'unload' | 'copy' | 'nested-loop' | 'lookup';

export interface StatementTemplate {
  sql: (n: NightLiterals, i: number) => string;
  /** Median execution seconds for one night at the start of the history (growth 1, no scenario). */
  seconds: number;
  plan: PlanShape;
  /** Tables scanned (first) and written (last) for step labels. */
  tables: readonly TableKey[];
  /** Repeat with i = 0 .. repeat-1 (partitions: hours, markets, territories). */
  repeat?: number;
  /** Rows the statement writes or returns, order of magnitude. */
  rows: number;
  /** The recurring statement that regresses (scenarios.ts regression). */
  regresses?: true;
  /** The statement that runs away on the QMR abort night (scenarios.ts qmrAbort). */
  runsAway?: true;
}

export interface EtlTransaction {
  /** Temporary staging table created at the start and dropped before COMMIT (STL_DDLTEXT). */
  temp?: { name: string; like: TableKey };
  /** DDL run inside the transaction after its statements (e.g. swapping in a rebuilt table). */
  ddlAfter?: readonly string[];
  /**
   * Run by this many parallel worker sessions (statements dealt round-robin, each worker its own
   * transaction); the job continues when all have finished. Default 1: the job's own session.
   */
  workers?: number;
  statements: readonly StatementTemplate[];
}

export interface EtlJob {
  label: string;
  description: string;
  /** Earliest start, minutes after midnight UTC of the night. */
  notBefore: number;
  /** Jobs (by label) and feeds whose nightly COPY must have finished first. */
  after: readonly (string | `feed:${FeedName}`)[];
  monthStartOnly?: true;
  transactions: readonly EtlTransaction[];
  analyze: readonly TableKey[];
}

const HOURS = 24;
const MARKETS = ['SE', 'NO', 'DK', 'FI', 'DE', 'GB', 'FR', 'ES', 'IT', 'NL', 'PL', 'US', 'BR', 'MX', 'JP'];
const TERRITORY_GROUPS = ['NORDICS', 'DACH', 'UK_IE', 'SOUTH_EU', 'BENELUX', 'CEE', 'NORTH_AM', 'LATAM'];
const hh = (i: number): string => String(i).padStart(2, '0');

/** The nightly batch. Durations are tuned so the batch ends ~02:30 at the start of a default history. */
export const ETL_JOBS: readonly EtlJob[] = [
  {
    label: 'nightly_catalog_sync',
    description: 'Merge the catalog supplier feed into catalog.tracks and catalog.track_rights',
    notBefore: 62,
    after: ['feed:catalog_tracks'],
    transactions: [
      {
        temp: { name: 'stage_tracks', like: 'tracks' },
        statements: [
          {
            sql: (n) =>
              `INSERT INTO stage_tracks\nSELECT track_id, isrc, title, artist_name, album, duration_ms, release_date, explicit\nFROM ${q('catalog_tracks')}\nWHERE load_date = '${n.date}'`,
            seconds: 176,
            plan: 'insert-select',
            tables: ['catalog_tracks'],
            rows: 48_000,
          },
          {
            sql: () =>
              `UPDATE ${q('tracks')} t\nSET title = s.title, artist_name = s.artist_name, album = s.album, duration_ms = s.duration_ms\nFROM stage_tracks s\nWHERE t.track_id = s.track_id AND (t.title <> s.title OR t.duration_ms <> s.duration_ms)`,
            seconds: 384,
            plan: 'join-agg',
            tables: ['tracks'],
            rows: 9_000,
          },
          {
            sql: () =>
              `INSERT INTO ${q('tracks')}\nSELECT s.* FROM stage_tracks s\nLEFT JOIN ${q('tracks')} t ON t.track_id = s.track_id\nWHERE t.track_id IS NULL`,
            seconds: 256,
            plan: 'insert-select',
            tables: ['tracks'],
            rows: 31_000,
          },
          {
            sql: (n) => `DELETE FROM ${q('track_rights')} WHERE valid_to < '${n.monthAgo}'`,
            seconds: 120,
            plan: 'delete',
            tables: ['track_rights'],
            rows: 4_000,
          },
          {
            sql: (n) =>
              `INSERT INTO ${q('track_rights')} (track_id, rightsholder_id, territory, rate_per_stream_eur, valid_from, valid_to)\nSELECT track_id, rightsholder_id, territory, rate_per_stream_eur, '${n.date}', '9999-12-31'\nFROM stage_tracks JOIN ${q('royalties_daily')} USING (track_id)\nWHERE statement_date = '${n.prevDate}'`,
            seconds: 304,
            plan: 'insert-select',
            tables: ['royalties_daily', 'track_rights'],
            rows: 20_000,
          },
        ],
      },
    ],
    analyze: ['tracks', 'track_rights'],
  },
  {
    label: 'nightly_user_profiles_merge',
    description: 'Upsert yesterday’s profile changes into analytics.user_profiles',
    notBefore: 66,
    after: ['feed:user_profiles'],
    transactions: [
      {
        statements: [
          {
            sql: (n) =>
              `DELETE FROM ${q('profiles')}\nUSING ${q('user_profiles')} s\nWHERE ${q('profiles')}.user_id = s.user_id AND s.load_date = '${n.date}'`,
            seconds: 192,
            plan: 'delete',
            tables: ['user_profiles', 'profiles'],
            rows: 90_000,
          },
          {
            sql: (n) =>
              `INSERT INTO ${q('profiles')}\nSELECT user_id, display_name, country_code, birth_date, signup_at, plan, marketing_opt_in, bio\nFROM ${q('user_profiles')}\nWHERE load_date = '${n.date}'`,
            seconds: 240,
            plan: 'insert-select',
            tables: ['user_profiles', 'profiles'],
            rows: 95_000,
          },
          {
            sql: (n) =>
              `UPDATE ${q('profiles')} SET plan = 'free'\nWHERE plan = 'premium' AND user_id IN (SELECT user_id FROM billing.lapsed WHERE lapsed_on = '${n.prevDate}')`,
            seconds: 96,
            plan: 'join-agg',
            tables: ['profiles'],
            rows: 1_200,
          },
        ],
      },
    ],
    analyze: ['profiles'],
  },
  {
    label: 'nightly_streams_agg',
    description: 'Aggregate yesterday’s plays into analytics.daily_streams, hour by hour',
    notBefore: 66,
    after: ['feed:plays_events'],
    transactions: [
      {
        workers: 3,
        statements: [
          {
            sql: (n, i) =>
              `INSERT INTO staging.streams_hourly\nSELECT track_id, country_code, device_type, COUNT(*) AS stream_count, SUM(ms_played) AS ms_played\nFROM ${q('plays_events')}\nWHERE played_at >= '${n.prevDate} ${hh(i)}:00:00' AND played_at < '${n.prevDate} ${hh(i)}:59:59.999999'\n  AND ms_played >= 30000\nGROUP BY track_id, country_code, device_type`,
            seconds: 93,
            repeat: HOURS,
            plan: 'scan-agg',
            tables: ['plays_events'],
            rows: 1_100_000,
          },
        ],
      },
      {
        statements: [
          {
            sql: (n) => `DELETE FROM ${q('daily_streams')} WHERE play_date = '${n.prevDate}'`,
            seconds: 72,
            plan: 'delete',
            tables: ['daily_streams'],
            rows: 0,
          },
          {
            sql: (n) =>
              `INSERT INTO ${q('daily_streams')} (play_date, track_id, country_code, device_type, stream_count, ms_played)\nSELECT '${n.prevDate}', track_id, country_code, device_type, SUM(stream_count), SUM(ms_played)\nFROM staging.streams_hourly\nWHERE play_date = '${n.prevDate}'\nGROUP BY track_id, country_code, device_type`,
            seconds: 832,
            plan: 'insert-select',
            tables: ['daily_streams'],
            rows: 11_000_000,
          },
        ],
      },
    ],
    analyze: ['daily_streams'],
  },
  {
    label: 'nightly_user_sessions',
    description: 'Sessionise yesterday’s plays per user (30-minute inactivity gap)',
    notBefore: 70,
    after: ['feed:plays_events'],
    transactions: [
      {
        workers: 2,
        statements: [
          {
            sql: (n, i) =>
              `INSERT INTO ${q('user_sessions')}\nSELECT user_id, MIN(played_at) AS session_start, MAX(played_at) AS session_end, COUNT(*) AS plays\nFROM (\n  SELECT user_id, played_at,\n         SUM(CASE WHEN played_at - LAG(played_at) OVER (PARTITION BY user_id ORDER BY played_at) > INTERVAL '30 minutes' THEN 1 ELSE 0 END)\n           OVER (PARTITION BY user_id ORDER BY played_at ROWS UNBOUNDED PRECEDING) AS session_no\n  FROM ${q('plays_events')}\n  WHERE played_at >= '${n.prevDate} ${hh(i)}:00:00' AND played_at < '${n.prevDate} ${hh(i)}:59:59.999999'\n) s\nGROUP BY user_id, session_no`,
            seconds: 70,
            repeat: HOURS,
            plan: 'scan-agg',
            tables: ['plays_events', 'user_sessions'],
            rows: 800_000,
          },
        ],
      },
      {
        statements: [
          {
            sql: (n) =>
              `UPDATE ${q('user_sessions')} SET is_complete = true\nWHERE session_start::date = '${n.prevDate}' AND session_end < '${n.date} 00:00:00'`,
            seconds: 272,
            plan: 'scan-agg',
            tables: ['user_sessions'],
            rows: 14_000_000,
          },
        ],
      },
    ],
    analyze: ['user_sessions'],
  },
  {
    label: 'nightly_ad_revenue',
    description: 'Impressions to revenue per campaign and placement',
    notBefore: 80,
    after: ['feed:ad_impressions'],
    transactions: [
      {
        statements: [
          {
            sql: (n, i) =>
              `INSERT INTO ${q('ad_revenue_daily')}\nSELECT '${n.prevDate}', campaign_id, placement, COUNT(*) AS impressions, SUM(cpm_eur) / 1000 AS revenue_eur, SUM(CASE WHEN clicked THEN 1 ELSE 0 END) AS clicks\nFROM ${q('ad_impressions')}\nWHERE served_at::date = '${n.prevDate}' AND MOD(campaign_id, 6) = ${i}\nGROUP BY campaign_id, placement`,
            seconds: 128,
            repeat: 6,
            plan: 'scan-agg',
            tables: ['ad_impressions', 'ad_revenue_daily'],
            rows: 40_000,
          },
          {
            sql: (n) =>
              `SELECT placement, SUM(revenue_eur) FROM ${q('ad_revenue_daily')} WHERE revenue_date = '${n.prevDate}' GROUP BY placement`,
            seconds: 19,
            plan: 'scan-agg',
            tables: ['ad_revenue_daily'],
            rows: 4,
          },
        ],
      },
    ],
    analyze: ['ad_revenue_daily'],
  },
  {
    label: 'nightly_royalty_calc',
    description: 'Per-track royalties owed to rightsholders for yesterday’s streams',
    notBefore: 90,
    after: ['nightly_streams_agg', 'nightly_catalog_sync', 'feed:royalties_daily'],
    transactions: [
      {
        statements: [
          {
            sql: (n) => `DELETE FROM ${q('track_royalties_daily')} WHERE play_date = '${n.prevDate}'`,
            seconds: 70,
            plan: 'delete',
            tables: ['track_royalties_daily'],
            rows: 700_000,
          },
          {
            // The recurring statement of scenarios.ts `regression`: same text every night but the date.
            sql: (n) =>
              `INSERT INTO ${q('track_royalties_daily')} (play_date, track_id, rightsholder_id, territory, streams, payable_eur)\nSELECT p.play_date, p.track_id, r.rightsholder_id, p.country_code, SUM(p.stream_count), SUM(p.stream_count) * MAX(r.rate_per_stream_eur)\nFROM ${q('daily_streams')} p\nJOIN ${q('track_rights')} r ON r.track_id = p.track_id AND r.territory = p.country_code\n  AND p.play_date BETWEEN r.valid_from AND r.valid_to\nWHERE p.play_date = '${n.prevDate}' AND p.stream_count >= 1\nGROUP BY p.play_date, p.track_id, r.rightsholder_id, p.country_code`,
            seconds: 240,
            plan: 'join-agg',
            tables: ['daily_streams', 'track_rights', 'track_royalties_daily'],
            rows: 6_400_000,
            regresses: true,
          },
          {
            sql: (n) =>
              `SELECT COUNT(*), SUM(payable_eur)\nFROM ${q('track_royalties_daily')} t\nJOIN ${q('royalties_daily')} d ON d.track_id = t.track_id AND d.statement_date = t.play_date\nWHERE t.play_date = '${n.prevDate}' AND ABS(t.payable_eur - d.amount_eur) > 0.01`,
            seconds: 152,
            plan: 'join-agg',
            tables: ['track_royalties_daily', 'royalties_daily'],
            rows: 1,
          },
          {
            sql: (n, i) =>
              `UPDATE ${q('track_royalties_daily')} SET payable_eur = ROUND(payable_eur, 6)\nWHERE play_date = '${n.prevDate}' AND territory IN (SELECT territory FROM royalty.territory_groups WHERE group_code = '${TERRITORY_GROUPS[i] ?? ''}')`,
            seconds: 58,
            repeat: TERRITORY_GROUPS.length,
            plan: 'scan-agg',
            tables: ['track_royalties_daily'],
            rows: 800_000,
          },
        ],
      },
    ],
    analyze: ['track_royalties_daily'],
  },
  {
    label: 'nightly_chart_rankings',
    description: 'Daily top-200 charts per market',
    notBefore: 90,
    after: ['nightly_streams_agg'],
    transactions: [
      {
        workers: 3,
        statements: [
          {
            sql: (n, i) =>
              `INSERT INTO ${q('chart_rankings')}\nSELECT '${n.prevDate}', '${MARKETS[i] ?? ''}', track_id, RANK() OVER (ORDER BY SUM(stream_count) DESC) AS position\nFROM ${q('daily_streams')}\nWHERE play_date = '${n.prevDate}' AND country_code = '${MARKETS[i] ?? ''}'\nGROUP BY track_id\nORDER BY position\nLIMIT 200`,
            seconds: 67,
            repeat: MARKETS.length,
            plan: 'scan-agg',
            tables: ['daily_streams', 'chart_rankings'],
            rows: 200,
          },
        ],
      },
    ],
    analyze: ['chart_rankings'],
  },
  {
    label: 'nightly_recommendation_features',
    description: 'Rebuild per-user listening features for the recommender',
    notBefore: 95,
    after: ['nightly_user_sessions'],
    transactions: [
      {
        statements: [
          {
            sql: (n) =>
              `CREATE TABLE reco.user_features_next AS\nSELECT s.user_id, COUNT(DISTINCT s.session_start::date) AS active_days, AVG(s.plays) AS plays_per_session,\n       LISTAGG(DISTINCT t.artist_name, ',') WITHIN GROUP (ORDER BY t.artist_name) AS artists\nFROM ${q('user_sessions')} s\nJOIN ${q('plays_events')} p ON p.user_id = s.user_id AND p.played_at BETWEEN s.session_start AND s.session_end\nJOIN ${q('tracks')} t ON t.track_id = p.track_id\nWHERE s.session_start >= '${n.monthAgo}'\nGROUP BY s.user_id`,
            seconds: 900,
            plan: 'join-agg',
            tables: ['user_sessions', 'plays_events', 'tracks', 'user_features'],
            rows: 48_000_000,
            runsAway: true,
          },
          {
            sql: (_n, i) =>
              `UPDATE reco.user_features_next SET segment = 'segment_${i}' WHERE MOD(user_id, 8) = ${i} AND plays_per_session > ${i * 3}`,
            seconds: 112,
            repeat: 8,
            plan: 'scan-agg',
            tables: ['user_features'],
            rows: 7_000_000,
          },
        ],
        ddlAfter: [
          'DROP TABLE reco.user_features;',
          'ALTER TABLE reco.user_features_next RENAME TO user_features;',
        ],
      },
    ],
    analyze: ['user_features'],
  },
  {
    label: 'nightly_finance_export',
    description: 'UNLOAD royalties and ad revenue for the finance system',
    notBefore: 100,
    after: ['nightly_royalty_calc', 'nightly_ad_revenue'],
    transactions: [
      {
        statements: [
          {
            sql: (n, i) =>
              `UNLOAD ('SELECT * FROM ${i % 2 === 0 ? q('track_royalties_daily') : q('ad_revenue_daily')} WHERE ${i % 2 === 0 ? 'play_date' : 'revenue_date'} = ''${n.prevDate}''')\nTO 's3://nightshift-demo-finance/exports/${n.prevDate}/part_${i}_'\nIAM_ROLE 'arn:aws:iam::123456789012:role/nightshift-unload'\nFORMAT AS PARQUET ALLOWOVERWRITE`,
            seconds: 240,
            repeat: 4,
            plan: 'unload',
            tables: ['track_royalties_daily'],
            rows: 3_000_000,
          },
        ],
      },
    ],
    analyze: [],
  },
  {
    label: 'nightly_dq_checks',
    description: 'Row-count and freshness checks over everything the batch wrote',
    notBefore: 110,
    after: [
      'nightly_finance_export',
      'nightly_chart_rankings',
      'nightly_recommendation_features',
      'nightly_user_profiles_merge',
    ],
    transactions: [
      {
        statements: [
          {
            sql: (n, i) => {
              const tables: TableKey[] = [
                'daily_streams',
                'user_sessions',
                'track_royalties_daily',
                'ad_revenue_daily',
                'chart_rankings',
              ];
              const table = tables[i % tables.length] ?? 'daily_streams';
              return `SELECT COUNT(*) AS row_count, COUNT(DISTINCT ${i % 2 === 0 ? 'track_id' : 'country_code'}) AS keys\nFROM ${q(table)}\nWHERE ${table === 'ad_revenue_daily' ? 'revenue_date' : table === 'user_sessions' ? 'session_start::date' : table === 'chart_rankings' ? 'chart_date' : 'play_date'} = '${n.prevDate}' /* check ${i} */`;
            },
            seconds: 22,
            repeat: 30,
            plan: 'scan-agg',
            tables: ['daily_streams'],
            rows: 1,
          },
        ],
      },
    ],
    analyze: [],
  },
  {
    label: 'nightly_royalty_monthly',
    description: 'Month-start only: monthly rightsholder statements for the month just closed',
    notBefore: 110,
    after: ['nightly_royalty_calc'],
    monthStartOnly: true,
    transactions: [
      {
        workers: 2,
        statements: [
          {
            sql: (n, i) =>
              `INSERT INTO ${q('rightsholder_statements')} (statement_month, rightsholder_id, territory_group, streams, payable_eur)\nSELECT '${n.prevMonthStart}', r.rightsholder_id, g.group_code, SUM(r.streams), SUM(r.payable_eur)\nFROM ${q('track_royalties_daily')} r\nJOIN royalty.territory_groups g ON g.territory = r.territory\nWHERE r.play_date BETWEEN '${n.prevMonthStart}' AND '${n.prevMonthEnd}' AND g.group_code = '${TERRITORY_GROUPS[i % TERRITORY_GROUPS.length] ?? ''}' AND MOD(r.rightsholder_id, 4) = ${i % 4}\nGROUP BY r.rightsholder_id, g.group_code`,
            seconds: 224,
            repeat: 16,
            plan: 'join-agg',
            tables: ['track_royalties_daily', 'rightsholder_statements'],
            rows: 60_000,
          },
        ],
      },
    ],
    analyze: ['rightsholder_statements'],
  },
  {
    label: 'nightly_finance_close',
    description: 'Month-start only: revenue and royalty totals for the finance close',
    notBefore: 120,
    after: ['nightly_royalty_monthly', 'nightly_finance_export'],
    monthStartOnly: true,
    transactions: [
      {
        statements: [
          {
            sql: (n, i) =>
              `SELECT territory_group, SUM(payable_eur), COUNT(DISTINCT rightsholder_id)\nFROM ${q('rightsholder_statements')}\nWHERE statement_month = '${n.prevMonthStart}' AND territory_group = '${TERRITORY_GROUPS[i % TERRITORY_GROUPS.length] ?? ''}'\nGROUP BY territory_group`,
            seconds: 96,
            repeat: 24,
            plan: 'scan-agg',
            tables: ['rightsholder_statements'],
            rows: 8,
          },
        ],
      },
    ],
    analyze: [],
  },
];

// ---------------------------------------------------------------------------------------------------
// Dashboards: bi_user refreshes every dashboard's tiles on a schedule (label = dashboard name).

export interface Dashboard {
  label: string;
  tiles: readonly StatementTemplate[];
}

const tile = (
  sql: StatementTemplate['sql'],
  seconds: number,
  tables: TableKey[],
  plan: PlanShape = 'scan-agg',
): StatementTemplate => ({
  sql,
  seconds,
  plan,
  tables,
  rows: 50,
});

export const DASHBOARDS: readonly Dashboard[] = [
  {
    label: 'dashboard_streams_overview',
    tiles: [
      tile(
        (n) => `SELECT SUM(stream_count) FROM ${q('daily_streams')} WHERE play_date = '${n.prevDate}'`,
        0.6,
        ['daily_streams'],
      ),
      tile(
        (n, i) =>
          `SELECT country_code, SUM(stream_count) AS streams FROM ${q('daily_streams')} WHERE play_date BETWEEN '${n.weekAgo}' AND '${n.prevDate}' AND device_type <> '${i % 2 === 0 ? 'tv' : 'car'}' GROUP BY 1 ORDER BY 2 DESC LIMIT 20`,
        2.2,
        ['daily_streams'],
      ),
      tile(
        (n) =>
          `SELECT t.title, t.artist_name, SUM(s.stream_count) FROM ${q('daily_streams')} s JOIN ${q('tracks')} t USING (track_id) WHERE s.play_date = '${n.prevDate}' GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 50`,
        4.5,
        ['daily_streams', 'tracks'],
        'join-agg',
      ),
      tile(
        (n) =>
          `SELECT COUNT(DISTINCT user_id) FROM ${q('user_sessions')} WHERE session_start::date = '${n.prevDate}'`,
        3.1,
        ['user_sessions'],
      ),
      tile(
        (n) =>
          `SELECT play_date, SUM(stream_count) FROM ${q('daily_streams')} WHERE play_date >= '${n.monthAgo}' GROUP BY 1 ORDER BY 1`,
        1.2,
        ['daily_streams'],
      ),
      tile(
        (n) =>
          `SELECT device_type, SUM(stream_count) FROM ${q('daily_streams')} WHERE play_date = '${n.prevDate}' GROUP BY 1`,
        0.5,
        ['daily_streams'],
      ),
      tile(
        (n) =>
          `SELECT AVG(CASE WHEN offline THEN 1.0 ELSE 0 END) FROM ${q('plays_events')} WHERE played_at >= '${n.prevDate}' AND played_at < '${n.date}'`,
        6.0,
        ['plays_events'],
      ),
      tile((n) => `SELECT COUNT(*) FROM ${q('profiles')} WHERE signup_at::date = '${n.prevDate}'`, 0.8, [
        'profiles',
      ]),
    ],
  },
  {
    label: 'dashboard_royalties',
    tiles: [
      tile(
        (n) =>
          `SELECT rightsholder_id, SUM(payable_eur) FROM ${q('track_royalties_daily')} WHERE play_date >= '${n.monthStart}' GROUP BY 1 ORDER BY 2 DESC LIMIT 25`,
        3.4,
        ['track_royalties_daily'],
      ),
      tile(
        (n) =>
          `SELECT territory, SUM(payable_eur) FROM ${q('track_royalties_daily')} WHERE play_date = '${n.prevDate}' GROUP BY 1`,
        0.9,
        ['track_royalties_daily'],
      ),
      tile(
        (n) =>
          `SELECT SUM(payable_eur) FROM ${q('track_royalties_daily')} WHERE play_date BETWEEN '${n.monthStart}' AND '${n.prevDate}'`,
        1.1,
        ['track_royalties_daily'],
      ),
      tile(
        (n) =>
          `SELECT t.title, SUM(r.payable_eur) FROM ${q('track_royalties_daily')} r JOIN ${q('tracks')} t USING (track_id) WHERE r.play_date = '${n.prevDate}' GROUP BY 1 ORDER BY 2 DESC LIMIT 20`,
        4.0,
        ['track_royalties_daily', 'tracks'],
        'join-agg',
      ),
      tile(
        (n) =>
          `SELECT COUNT(*) FROM ${q('rightsholder_statements')} WHERE statement_month = '${n.prevMonthStart}' AND payable_eur > 0`,
        0.4,
        ['rightsholder_statements'],
      ),
      tile(
        (n) =>
          `SELECT currency, COUNT(*) FROM ${q('royalties_daily')} WHERE statement_date = '${n.prevDate}' GROUP BY 1`,
        0.7,
        ['royalties_daily'],
      ),
    ],
  },
  {
    label: 'dashboard_ads',
    tiles: [
      tile(
        (n) => `SELECT SUM(revenue_eur) FROM ${q('ad_revenue_daily')} WHERE revenue_date = '${n.prevDate}'`,
        0.4,
        ['ad_revenue_daily'],
      ),
      tile(
        (n) =>
          `SELECT placement, SUM(revenue_eur) * 1000.0 / NULLIF(SUM(impressions), 0) AS cpm FROM ${q('ad_revenue_daily')} WHERE revenue_date >= '${n.weekAgo}' GROUP BY 1`,
        1.0,
        ['ad_revenue_daily'],
      ),
      tile(
        (n) =>
          `SELECT revenue_date, SUM(clicks)::float / NULLIF(SUM(impressions), 0) FROM ${q('ad_revenue_daily')} WHERE revenue_date >= '${n.monthAgo}' GROUP BY 1 ORDER BY 1`,
        1.3,
        ['ad_revenue_daily'],
      ),
      tile(
        (n) =>
          `SELECT campaign_id, SUM(revenue_eur) FROM ${q('ad_revenue_daily')} WHERE revenue_date = '${n.prevDate}' GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
        0.6,
        ['ad_revenue_daily'],
      ),
      tile(
        (n) =>
          `SELECT COUNT(*) FROM ${q('ad_impressions')} WHERE served_at >= '${n.prevDate}' AND served_at < '${n.date}'`,
        5.2,
        ['ad_impressions'],
      ),
      tile(
        (n) =>
          `SELECT SUM(revenue_eur) FROM ${q('ad_revenue_daily')} WHERE revenue_date BETWEEN '${n.monthStart}' AND '${n.prevDate}'`,
        0.5,
        ['ad_revenue_daily'],
      ),
    ],
  },
  {
    label: 'dashboard_catalog_health',
    tiles: [
      tile((n) => `SELECT COUNT(*) FROM ${q('tracks')} WHERE release_date = '${n.prevDate}'`, 0.5, [
        'tracks',
      ]),
      tile(() => `SELECT COUNT(*) FROM ${q('tracks')} WHERE isrc IS NULL OR isrc = ''`, 1.9, ['tracks']),
      tile(() => `SELECT isrc, COUNT(*) FROM ${q('tracks')} GROUP BY 1 HAVING COUNT(*) > 1 LIMIT 100`, 3.8, [
        'tracks',
      ]),
      tile(
        (n) =>
          `SELECT COUNT(*) FROM ${q('track_rights')} WHERE valid_to BETWEEN '${n.date}' AND DATEADD(day, 30, '${n.date}')`,
        0.7,
        ['track_rights'],
      ),
      tile(
        (n) =>
          `SELECT TRIM(filename), err_code, COUNT(*) FROM stl_load_errors WHERE starttime >= '${n.prevDate}' GROUP BY 1, 2 ORDER BY 3 DESC`,
        0.3,
        ['catalog_tracks'],
        'lookup',
      ),
      tile(
        () =>
          `SELECT "table", stats_off, unsorted FROM svv_table_info WHERE stats_off > 10 ORDER BY stats_off DESC`,
        0.3,
        ['catalog_tracks'],
        'lookup',
      ),
    ],
  },
  {
    label: 'dashboard_growth',
    tiles: [
      tile(
        (n) =>
          `SELECT signup_at::date, COUNT(*) FROM ${q('profiles')} WHERE signup_at >= '${n.monthAgo}' GROUP BY 1 ORDER BY 1`,
        1.4,
        ['profiles'],
      ),
      tile(() => `SELECT plan, COUNT(*) FROM ${q('profiles')} GROUP BY 1`, 2.6, ['profiles']),
      tile(
        (n) =>
          `SELECT country_code, SUM(CASE WHEN plan <> 'free' THEN 1 ELSE 0 END) FROM ${q('profiles')} WHERE signup_at < '${n.date}' GROUP BY 1`,
        2.9,
        ['profiles'],
      ),
      tile(
        (n) =>
          `SELECT DATE_TRUNC('week', signup_at), COUNT(*) FROM ${q('profiles')} WHERE signup_at >= '${n.prevMonthStart}' GROUP BY 1`,
        1.6,
        ['profiles'],
      ),
      tile(
        (n) =>
          `SELECT COUNT(DISTINCT user_id) FROM ${q('user_sessions')} WHERE session_start >= '${n.weekAgo}'`,
        5.5,
        ['user_sessions'],
      ),
      tile(() => `SELECT COUNT(*) FROM ${q('profiles')} WHERE plan = 'family'`, 0.6, ['profiles']),
    ],
  },
  {
    label: 'dashboard_artist_insights',
    tiles: [
      tile(
        (n) =>
          `SELECT t.artist_name, SUM(s.stream_count) FROM ${q('daily_streams')} s JOIN ${q('tracks')} t USING (track_id) WHERE s.play_date >= '${n.weekAgo}' GROUP BY 1 ORDER BY 2 DESC LIMIT 100`,
        5.8,
        ['daily_streams', 'tracks'],
        'join-agg',
      ),
      tile(
        (n) =>
          `SELECT country_code, SUM(stream_count) FROM ${q('daily_streams')} WHERE play_date = '${n.prevDate}' AND track_id IN (SELECT track_id FROM ${q('tracks')} WHERE artist_name = 'The Night Shift') GROUP BY 1`,
        1.2,
        ['daily_streams', 'tracks'],
        'join-agg',
      ),
      tile(
        (n) =>
          `SELECT AVG(ms_played) FROM ${q('plays_events')} WHERE played_at >= '${n.prevDate}' AND played_at < '${n.date}' AND ms_played < 30000`,
        4.9,
        ['plays_events'],
      ),
      tile(
        (n) =>
          `SELECT release_date, COUNT(*) FROM ${q('tracks')} WHERE release_date >= '${n.monthAgo}' GROUP BY 1`,
        0.5,
        ['tracks'],
      ),
      tile(
        (n) =>
          `SELECT chart_date, position, track_id FROM ${q('chart_rankings')} WHERE chart_date = '${n.prevDate}' AND market = 'SE' ORDER BY position LIMIT 50`,
        0.3,
        ['chart_rankings'],
      ),
      tile(
        (n) =>
          `SELECT market, COUNT(*) FROM ${q('chart_rankings')} WHERE chart_date = '${n.prevDate}' GROUP BY 1`,
        0.4,
        ['chart_rankings'],
      ),
    ],
  },
];

// ---------------------------------------------------------------------------------------------------
// Analysts' ad hoc SQL (queue bi_dashboards by user group `analysts`).

export const ADHOC_QUERIES: readonly StatementTemplate[] = [
  {
    sql: (n) => `select * from ${q('daily_streams')} where play_date = '${n.prevDate}' limit 100`,
    seconds: 2,
    plan: 'scan-agg',
    tables: ['daily_streams'],
    rows: 100,
  },
  {
    sql: (n, i) =>
      `SELECT track_id, SUM(stream_count)\nFROM ${q('daily_streams')}\nWHERE play_date BETWEEN '${n.monthAgo}' AND '${n.prevDate}'\n  AND country_code = '${MARKETS[i % MARKETS.length] ?? 'SE'}'\nGROUP BY 1\nORDER BY 2 DESC\nLIMIT 500;`,
    seconds: 14,
    plan: 'scan-agg',
    tables: ['daily_streams'],
    rows: 500,
  },
  {
    sql: (n) =>
      `-- churn deep dive\nWITH last_seen AS (\n  SELECT user_id, MAX(session_start) AS last_session FROM ${q('user_sessions')} GROUP BY 1\n)\nSELECT p.plan, COUNT(*)\nFROM last_seen l JOIN ${q('profiles')} p USING (user_id)\nWHERE l.last_session < '${n.monthAgo}'\nGROUP BY 1`,
    seconds: 95,
    plan: 'join-agg',
    tables: ['user_sessions', 'profiles'],
    rows: 5,
  },
  {
    sql: (n) => `select count(*) from ${q('plays_events')} where played_at >= '${n.weekAgo}'`,
    seconds: 38,
    plan: 'scan-agg',
    tables: ['plays_events'],
    rows: 1,
  },
  {
    sql: (n, i) =>
      `SELECT p.user_id, p.track_id, p.played_at FROM ${q('plays_events')} p WHERE p.user_id = ${1000 + i * 7919} AND p.played_at >= '${n.weekAgo}' ORDER BY p.played_at`,
    seconds: 6,
    plan: 'scan-agg',
    tables: ['plays_events'],
    rows: 300,
  },
  {
    sql: (n) =>
      `SELECT r.rightsholder_id, SUM(r.payable_eur) AS payable, SUM(d.amount_eur) AS reported\nFROM ${q('track_royalties_daily')} r\nLEFT JOIN ${q('royalties_daily')} d ON d.track_id = r.track_id AND d.statement_date = r.play_date\nWHERE r.play_date >= '${n.monthStart}'\nGROUP BY 1\nHAVING ABS(SUM(r.payable_eur) - SUM(d.amount_eur)) > 100`,
    seconds: 160,
    plan: 'join-agg',
    tables: ['track_royalties_daily', 'royalties_daily'],
    rows: 40,
  },
  {
    sql: () => `select distinct device_type from ${q('plays_events')}`,
    seconds: 24,
    plan: 'scan-agg',
    tables: ['plays_events'],
    rows: 8,
  },
  {
    sql: (n) =>
      `SELECT campaign_id, placement, SUM(impressions), SUM(clicks)\nFROM ${q('ad_revenue_daily')}\nWHERE revenue_date >= '${n.monthAgo}'\nGROUP BY ROLLUP (campaign_id, placement)`,
    seconds: 9,
    plan: 'scan-agg',
    tables: ['ad_revenue_daily'],
    rows: 9000,
  },
  {
    sql: (n) =>
      `create temp table my_sessions as select * from ${q('user_sessions')} where session_start >= '${n.weekAgo}' and plays > 50`,
    seconds: 48,
    plan: 'insert-select',
    tables: ['user_sessions'],
    rows: 2_000_000,
  },
  {
    sql: (_n, i) =>
      `SELECT * FROM ${q('tracks')} WHERE title ILIKE '%${['love', 'night', 'summer', 'live', 'remix'][i % 5] ?? 'love'}%' LIMIT 200`,
    seconds: 4,
    plan: 'scan-agg',
    tables: ['tracks'],
    rows: 200,
  },
  {
    sql: (n) =>
      `SELECT country_code, device_type, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ms_played)\nFROM ${q('plays_events')}\nWHERE played_at >= '${n.prevDate}'\nGROUP BY 1, 2`,
    seconds: 210,
    plan: 'scan-agg',
    tables: ['plays_events'],
    rows: 120,
  },
  {
    sql: (n) =>
      `select * from stl_load_errors where starttime > '${n.prevDate}' order by starttime desc limit 50`,
    seconds: 0.4,
    plan: 'lookup',
    tables: ['catalog_tracks'],
    rows: 50,
  },
];

/** Ad hoc queries with a forgotten join predicate: nested loop alert + the `log` QMR rule. */
export const CARTESIAN_QUERIES: readonly StatementTemplate[] = [
  {
    sql: (n) =>
      `SELECT a.artist_name, COUNT(*)\nFROM ${q('tracks')} a, ${q('daily_streams')} s\nWHERE s.play_date = '${n.prevDate}'\nGROUP BY 1`,
    seconds: 340,
    plan: 'nested-loop',
    tables: ['tracks', 'daily_streams'],
    rows: 40_000,
  },
  {
    sql: (n) =>
      `select p.display_name, c.title from ${q('profiles')} p, ${q('tracks')} c where p.signup_at >= '${n.prevDate}' and c.release_date >= '${n.weekAgo}'`,
    seconds: 260,
    plan: 'nested-loop',
    tables: ['profiles', 'tracks'],
    rows: 9_000_000,
  },
];

/** Templates for analysts' queries that carry hostile strings (moderation / data-quality checks). */
export const HOSTILE_QUERY_TEMPLATES: readonly ((literals: string[]) => string)[] = [
  (l) => `SELECT user_id, display_name FROM ${q('profiles')} WHERE display_name IN (${l.join(', ')})`,
  (l) =>
    `-- moderation check\nSELECT COUNT(*) FROM ${q('tracks')} WHERE title IN (${l.join(', ')}) OR album IN (${l.join(', ')})`,
  (l) => `select bio from ${q('profiles')} where bio in (${l.join(',')}) limit 10`,
];

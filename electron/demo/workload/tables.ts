// The user tables of the demo warehouse (a music-streaming data platform): what COPY loads into, what
// the nightly batch writes and the dashboards read. Ids are fixed so STL_LOAD_ERRORS.tbl,
// SVL_QUERY_SUMMARY labels and SVV_TABLE_INFO.table_id agree across runs (REFERENCE 1.13, 1.18, 1.23).

export interface WarehouseTable {
  schema: string;
  table: string;
  tableId: number;
  diststyle: string;
  sortkey1: string;
  sortkeyNum: number;
  maxVarchar: number;
  /** Rows when the history starts; loads and the batch add to it. */
  baseRows: number;
  /** Average stored row width in bytes (for SVV_TABLE_INFO.size in 1 MB blocks). */
  rowBytes: number;
  /** Days before `now` the table was created. */
  createdDaysBeforeNow: number;
}

const t = (
  schema: string,
  table: string,
  tableId: number,
  diststyle: string,
  sortkey1: string,
  baseRows: number,
  rowBytes: number,
  maxVarchar = 256,
): WarehouseTable => ({
  schema,
  table,
  tableId,
  diststyle,
  sortkey1,
  sortkeyNum: sortkey1 === '' ? 0 : 1,
  maxVarchar,
  baseRows,
  rowBytes,
  createdDaysBeforeNow: 420 + (tableId % 97),
});

export const TABLES = {
  plays_events: t('raw', 'plays_events', 108201, 'KEY(user_id)', 'played_at', 2_400_000_000, 96, 32),
  royalties_daily: t('raw', 'royalties_daily', 108202, 'KEY(track_id)', 'statement_date', 95_000_000, 72, 16),
  catalog_tracks: t('raw', 'catalog_tracks', 108203, 'ALL', 'track_id', 41_000_000, 310, 512),
  ad_impressions: t('raw', 'ad_impressions', 108204, 'EVEN', 'served_at', 1_100_000_000, 88, 64),
  user_profiles: t('raw', 'user_profiles', 108205, 'KEY(user_id)', 'user_id', 62_000_000, 420, 1024),
  daily_streams: t('analytics', 'daily_streams', 108211, 'KEY(track_id)', 'play_date', 880_000_000, 48),
  user_sessions: t('analytics', 'user_sessions', 108212, 'KEY(user_id)', 'session_start', 1_300_000_000, 64),
  tracks: t('catalog', 'tracks', 108213, 'ALL', 'track_id', 40_000_000, 290, 512),
  track_rights: t('catalog', 'track_rights', 108214, 'ALL', 'track_id', 55_000_000, 64),
  track_royalties_daily: t(
    'royalty',
    'track_royalties_daily',
    108215,
    'KEY(track_id)',
    'play_date',
    610_000_000,
    56,
  ),
  rightsholder_statements: t(
    'royalty',
    'rightsholder_statements',
    108216,
    'EVEN',
    'statement_month',
    3_200_000,
    120,
  ),
  ad_revenue_daily: t('ads', 'ad_revenue_daily', 108217, 'EVEN', 'revenue_date', 45_000_000, 52),
  chart_rankings: t('charts', 'chart_rankings', 108218, 'ALL', 'chart_date', 9_000_000, 40),
  user_features: t('reco', 'user_features', 108219, 'KEY(user_id)', '', 61_000_000, 380),
  profiles: t('analytics', 'user_profiles', 108220, 'KEY(user_id)', 'user_id', 61_500_000, 400, 1024),
} as const satisfies Record<string, WarehouseTable>;

export type TableKey = keyof typeof TABLES;

export const qualified = (key: TableKey): string => `${TABLES[key].schema}.${TABLES[key].table}`;

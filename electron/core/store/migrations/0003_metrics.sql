-- CloudWatch history (DESIGN.md §3): one row per collected series, its native points, hourly and daily
-- rollups, and the spans that could not be collected. Migrations are append-only: add a new one instead.
--
-- Conventions (differences from 0002 on purpose):
-- * Timestamps are INTEGER epoch SECONDS (UTC), always the start of the period a row summarises:
--   CloudWatch periods are whole minutes, and 4-byte integers keep the largest table (one row per
--   series per minute) compact.
-- * As in 0002, no foreign key to `connections` (command-line connections are collected unsaved).
-- * Gaps: 0002's `collection_gaps` records when the job could not RUN; CloudWatch keeps 15 days of
--   1-minute data, so the next successful run fills those spans in. A metric gap is only a span that can
--   never be filled (older than CloudWatch keeps when the job came back): those go in `metric_gaps`.

-- A series is one metric under one exact dimension set (REFERENCE 5.1) on one connection.
-- dims_key is the canonical form of the dimension set (names sorted), so the natural key
-- (connection_id, metric, dims_key) is unique; points refer to the series by its integer id.
CREATE TABLE metric_series (
  id              INTEGER PRIMARY KEY,
  connection_id   TEXT NOT NULL,
  metric          TEXT NOT NULL,
  dims_key        TEXT NOT NULL,
  dims_json       TEXT NOT NULL,
  -- CloudWatch period the points are collected at: 60, or 300 for Redshift's 5-minute metrics.
  period_seconds  INTEGER NOT NULL CHECK (period_seconds IN (60, 300)),
  -- Watermark: everything before this instant was read completely (paging finished). NULL = never read.
  complete_until  INTEGER,
  -- Earliest native point written since the last rollup (NULL = rollups are up to date).
  rollup_from     INTEGER,
  updated_at      TEXT NOT NULL,
  UNIQUE (connection_id, metric, dims_key)
) STRICT;

-- Native points as CloudWatch returned them (Stat = Average over one period). Upsert key:
-- (series -> connection_id, metric, dims_key; resolution = the series' period; ts).
CREATE TABLE metric_points (
  series_id INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
  ts        INTEGER NOT NULL,
  value     REAL NOT NULL,
  PRIMARY KEY (series_id, ts)
) STRICT, WITHOUT ROWID;

-- Hourly (3600) and daily (86400) rollups of the native points: avg is the mean of the native points in
-- the bucket, count how many there were, so a coarser rollup can weight them exactly.
CREATE TABLE metric_rollups (
  series_id  INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
  resolution INTEGER NOT NULL CHECK (resolution IN (3600, 86400)),
  ts         INTEGER NOT NULL,
  avg        REAL NOT NULL,
  min        REAL NOT NULL,
  max        REAL NOT NULL,
  count      INTEGER NOT NULL,
  PRIMARY KEY (series_id, resolution, ts)
) STRICT, WITHOUT ROWID;

-- Spans that were not collected and never will be (e.g. the collector was off for longer than CloudWatch
-- keeps 1-minute data): charts draw them as gaps (null), never as zeros. [from_ts, to_ts)
CREATE TABLE metric_gaps (
  series_id INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
  from_ts   INTEGER NOT NULL,
  to_ts     INTEGER NOT NULL CHECK (to_ts > from_ts),
  reason    TEXT NOT NULL,
  PRIMARY KEY (series_id, from_ts)
) STRICT, WITHOUT ROWID;

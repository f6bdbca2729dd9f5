-- History the collector keeps (DESIGN.md §3): query history, WLM samples and configuration changes,
-- sessions and the live snapshot, COPY loads and their errors, optimizer alerts and QMR actions,
-- cluster descriptions, collection gaps and the per-job watermarks. Migrations are append-only: never
-- edit this file once released; add a new one instead.
--
-- Conventions:
-- * Times are INTEGER microseconds since the Unix epoch, UTC: Redshift timestamps are UTC with six
--   fractional digits (REFERENCE 1.1), and integers sort, compare and index faster than text.
-- * Durations are INTEGER microseconds, the unit of STL_WLM_QUERY and the SYS views (REFERENCE 6.2).
-- * No foreign key to `connections`: connections given on the command line (serve --connection) are
--   collected without being saved. History of connections that no longer exist is purged by retention.
-- * Every table that receives polled rows has a primary key on the rows' natural key, so the
--   collector's upserts make a re-read (overlap window, restart after a crash) a no-op.

-- One row per finished statement (STL_QUERY + STL_WLM_QUERY + STL_QUERYTEXT, or SYS_QUERY_HISTORY +
-- SYS_QUERY_TEXT). Natural key: (connection, query id, start time); query ids are not unique forever.
CREATE TABLE queries (
  connection_id      TEXT NOT NULL,
  query              INTEGER NOT NULL,
  start_us           INTEGER NOT NULL,
  end_us             INTEGER NOT NULL,
  user_id            INTEGER NOT NULL,
  user_name          TEXT,
  pid                INTEGER NOT NULL,
  xid                INTEGER NOT NULL,
  label              TEXT NOT NULL,
  database           TEXT NOT NULL,
  service_class      INTEGER,
  queue_name         TEXT,
  slot_count         INTEGER,
  queue_us           INTEGER NOT NULL,
  exec_us            INTEGER NOT NULL,
  elapsed_us         INTEGER NOT NULL,
  aborted            INTEGER NOT NULL CHECK (aborted IN (0, 1)),
  -- Hash of the normalised text (collector/fingerprint.ts): runs of "the same query" share it.
  fingerprint        TEXT NOT NULL,
  -- The full text, reassembled from the text pieces and unescaped; exactly as read.
  text               TEXT NOT NULL,
  -- 0 when the cluster no longer held every piece (only STL_QUERY's first 4,000 characters).
  text_complete      INTEGER NOT NULL CHECK (text_complete IN (0, 1)),
  wlm_queue_start_us INTEGER,
  wlm_queue_end_us   INTEGER,
  wlm_exec_start_us  INTEGER,
  wlm_exec_end_us    INTEGER,
  final_state        TEXT,
  source             TEXT NOT NULL CHECK (source IN ('stl', 'sys')),
  PRIMARY KEY (connection_id, query, start_us)
) STRICT;

-- queries.history: a time range per connection, sorted by start time or by elapsed time.
CREATE INDEX queries_by_start ON queries (connection_id, start_us);
CREATE INDEX queries_by_elapsed ON queries (connection_id, elapsed_us);

-- One row per WLM queue per wlm_state poll (STV_WLM_SERVICE_CLASS_CONFIG/STATE, STV_WLM_QUERY_STATE).
CREATE TABLE wlm_samples (
  connection_id TEXT NOT NULL,
  at_us         INTEGER NOT NULL,
  service_class INTEGER NOT NULL,
  queue_name    TEXT NOT NULL,
  running       INTEGER NOT NULL,
  queued        INTEGER NOT NULL,
  -- num_query_tasks; -1 under automatic WLM (REFERENCE 1.8).
  slots         INTEGER NOT NULL,
  PRIMARY KEY (connection_id, at_us, service_class)
) STRICT, WITHOUT ROWID;

-- A WLM configuration each time it changed: the service classes as the cluster reports them
-- (source 'service_classes') or the parameter group's wlm_json_configuration ('parameter_group').
CREATE TABLE wlm_config_history (
  connection_id TEXT NOT NULL,
  source        TEXT NOT NULL CHECK (source IN ('service_classes', 'parameter_group')),
  at_us         INTEGER NOT NULL,
  json          TEXT NOT NULL,
  hash          TEXT NOT NULL,
  PRIMARY KEY (connection_id, source, at_us)
) STRICT;

CREATE INDEX wlm_config_history_by_time ON wlm_config_history (connection_id, at_us);

-- Sessions seen by live_activity (STV_SESSIONS): first and last poll that saw them.
CREATE TABLE sessions (
  connection_id TEXT NOT NULL,
  process       INTEGER NOT NULL,
  start_us      INTEGER NOT NULL,
  user_name     TEXT NOT NULL,
  db_name       TEXT NOT NULL,
  timeout_sec   INTEGER NOT NULL,
  first_seen_us INTEGER NOT NULL,
  last_seen_us  INTEGER NOT NULL,
  PRIMARY KEY (connection_id, process, start_us)
) STRICT;

CREATE INDEX sessions_by_last_seen ON sessions (connection_id, last_seen_us);

-- What the live view shows: statements running or queued at the last live_activity poll. Replaced
-- as a whole by every poll (the poll time is the live_activity watermark).
CREATE TABLE live_statements (
  connection_id  TEXT NOT NULL,
  query          INTEGER NOT NULL,
  pid            INTEGER,
  xid            INTEGER,
  user_name      TEXT,
  label          TEXT,
  service_class  INTEGER NOT NULL,
  slot_count     INTEGER NOT NULL,
  -- STV_WLM_QUERY_STATE.state (REFERENCE 1.3), e.g. QueuedWaiting, Running, Returning.
  state          TEXT NOT NULL,
  wlm_start_us   INTEGER NOT NULL,
  queue_us       INTEGER NOT NULL,
  exec_us        INTEGER NOT NULL,
  query_priority TEXT,
  text_preview   TEXT,
  polled_us      INTEGER NOT NULL,
  PRIMARY KEY (connection_id, query)
) STRICT;

-- COPY progress per file (STL_LOAD_COMMITS; source 'sys': one row per COPY from SYS_LOAD_HISTORY,
-- slice -1, filename = data_source). Rows are updated while the COPY runs (curtime).
CREATE TABLE load_commits (
  connection_id TEXT NOT NULL,
  query         INTEGER NOT NULL,
  slice         INTEGER NOT NULL,
  filename      TEXT NOT NULL,
  start_offset  INTEGER NOT NULL,
  cur_us        INTEGER NOT NULL,
  lines_scanned INTEGER,
  errors        INTEGER,
  status        TEXT,
  file_format   TEXT,
  is_partial    INTEGER,
  table_name    TEXT,
  source        TEXT NOT NULL CHECK (source IN ('stl', 'sys')),
  PRIMARY KEY (connection_id, query, slice, filename, start_offset)
) STRICT;

CREATE INDEX load_commits_by_time ON load_commits (connection_id, cur_us);

-- COPY load errors (STL_LOAD_ERRORS, or SYS_LOAD_ERROR_DETAIL with slice -1). raw_line and
-- raw_field_value are kept exactly as read (tabs, newlines, markup): the UI renders them as text.
CREATE TABLE load_errors (
  connection_id   TEXT NOT NULL,
  query           INTEGER NOT NULL,
  slice           INTEGER NOT NULL,
  file_name       TEXT NOT NULL,
  line_number     INTEGER NOT NULL,
  start_offset    INTEGER NOT NULL,
  column_name     TEXT NOT NULL,
  position        INTEGER NOT NULL,
  start_us        INTEGER NOT NULL,
  table_id        INTEGER,
  table_name      TEXT,
  column_type     TEXT,
  column_length   TEXT,
  raw_line        TEXT NOT NULL,
  raw_field_value TEXT NOT NULL,
  err_code        INTEGER NOT NULL,
  err_reason      TEXT NOT NULL,
  is_partial      INTEGER,
  source          TEXT NOT NULL CHECK (source IN ('stl', 'sys')),
  PRIMARY KEY (connection_id, query, slice, file_name, line_number, start_offset, column_name, position)
) STRICT;

CREATE INDEX load_errors_by_start ON load_errors (connection_id, start_us);

-- Optimizer alerts (STL_ALERT_EVENT_LOG, or SYS_QUERY_DETAIL.alert with slice/segment/step -1).
CREATE TABLE alert_events (
  connection_id TEXT NOT NULL,
  query         INTEGER NOT NULL,
  slice         INTEGER NOT NULL,
  segment       INTEGER NOT NULL,
  step          INTEGER NOT NULL,
  event_us      INTEGER NOT NULL,
  event         TEXT NOT NULL,
  solution      TEXT NOT NULL,
  pid           INTEGER,
  xid           INTEGER,
  source        TEXT NOT NULL CHECK (source IN ('stl', 'sys')),
  PRIMARY KEY (connection_id, query, slice, segment, step, event_us, event)
) STRICT;

CREATE INDEX alert_events_by_time ON alert_events (connection_id, event_us);

-- Query monitoring rule actions (STL_WLM_RULE_ACTION).
CREATE TABLE rule_actions (
  connection_id TEXT NOT NULL,
  query         INTEGER NOT NULL,
  rule          TEXT NOT NULL,
  record_us     INTEGER NOT NULL,
  service_class INTEGER NOT NULL,
  action        TEXT NOT NULL,
  action_value  TEXT NOT NULL,
  queue_name    TEXT NOT NULL,
  PRIMARY KEY (connection_id, query, rule, record_us)
) STRICT;

CREATE INDEX rule_actions_by_time ON rule_actions (connection_id, record_us);

-- The cluster as the Redshift API describes it (DescribeClusters, DescribeClusterParameters), one row
-- each time the description changed.
CREATE TABLE cluster_snapshots (
  connection_id   TEXT NOT NULL,
  at_us           INTEGER NOT NULL,
  status          TEXT,
  describe_json   TEXT NOT NULL,
  parameters_json TEXT NOT NULL,
  hash            TEXT NOT NULL,
  PRIMARY KEY (connection_id, at_us)
) STRICT;

-- Periods a job could not collect: from its last success to its next one (to_us NULL while open).
-- Drawn as gaps, never as zeros (DESIGN.md §3).
CREATE TABLE collection_gaps (
  id            INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL,
  job           TEXT NOT NULL,
  from_us       INTEGER NOT NULL,
  to_us         INTEGER,
  reason        TEXT NOT NULL
) STRICT;

CREATE INDEX collection_gaps_by_time ON collection_gaps (connection_id, job, from_us);
CREATE UNIQUE INDEX collection_gaps_one_open ON collection_gaps (connection_id, job) WHERE to_us IS NULL;

-- Where each job's next incremental read starts, written in the same transaction as the rows it
-- covers: a crash leaves either both or neither.
CREATE TABLE watermarks (
  connection_id   TEXT NOT NULL,
  job             TEXT NOT NULL,
  value_json      TEXT NOT NULL,
  last_success_us INTEGER,
  updated_us      INTEGER NOT NULL,
  PRIMARY KEY (connection_id, job)
) STRICT;

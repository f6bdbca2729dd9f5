-- Nightly batches, second part (issue #10): per-statement metrics, finer rollups, job rules, and the
-- stepwise rebuild of the rollups. Append-only like every migration.

-- Rows scanned, CPU and blocks per statement: SVL_QUERY_METRICS_SUMMARY (provisioned) or SYS_QUERY_DETAIL
-- (Serverless), read by the query_metrics collector job. Lets the batch views tell "more data" from
-- "slower plan". Kept as long as the batch rollups (retention horizon `batches`).
CREATE TABLE query_metrics (
  connection_id   TEXT NOT NULL,
  query           INTEGER NOT NULL,
  -- The statement's end (the collector's cursor and retention's clock), UTC microseconds.
  end_us          INTEGER NOT NULL,
  rows_scanned    INTEGER,
  -- NULL on Serverless: SYS_QUERY_DETAIL has no CPU time.
  cpu_us          INTEGER,
  blocks_read     INTEGER,
  blocks_spilled  INTEGER,
  source          TEXT NOT NULL CHECK (source IN ('stl', 'sys')),
  PRIMARY KEY (connection_id, query)
) STRICT;

CREATE INDEX query_metrics_by_end ON query_metrics (connection_id, end_us);

-- The rollups now count per night, label, user and queue (so a job can be split by user or queue)
-- and carry rows scanned and CPU. Old rows cannot be split after the fact: they are dropped and
-- rebuilt from `queries` by the stepwise rebuild (batch_rebuilds below) when the core starts.
CREATE TABLE batch_label_nights_v2 (
  connection_id     TEXT NOT NULL,
  night             TEXT NOT NULL,
  label             TEXT NOT NULL,
  user_name         TEXT NOT NULL,
  queue_name        TEXT NOT NULL,
  night_start_us    INTEGER NOT NULL,
  first_start_us    INTEGER NOT NULL,
  last_end_us       INTEGER NOT NULL,
  statements        INTEGER NOT NULL,
  queued_statements INTEGER NOT NULL,
  queue_us          INTEGER NOT NULL,
  exec_us           INTEGER NOT NULL,
  aborted           INTEGER NOT NULL,
  wait_queue        TEXT,
  -- Statements whose metrics are known, and their sums.
  measured          INTEGER NOT NULL DEFAULT 0,
  rows_scanned      INTEGER NOT NULL DEFAULT 0,
  cpu_us            INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (connection_id, night, label, user_name, queue_name)
) STRICT, WITHOUT ROWID; -- the views read ranges of nights: clustered by night, one read per page

DROP TABLE batch_label_nights;
ALTER TABLE batch_label_nights_v2 RENAME TO batch_label_nights;
CREATE INDEX batch_label_nights_by_start ON batch_label_nights (connection_id, night_start_us);

-- A rebuild of a connection's rollups in progress (after the night window changed, or this
-- migration): nights are recut newest first, a slice at a time, so the views stay usable.
CREATE TABLE batch_rebuilds (
  connection_id TEXT PRIMARY KEY,
  -- The oldest night to rebuild, and the next one to do (walking back from the newest).
  first_night   TEXT,
  next_night    TEXT,
  total         INTEGER NOT NULL DEFAULT 0,
  done          INTEGER NOT NULL DEFAULT 0,
  reason        TEXT NOT NULL,
  started_at    TEXT NOT NULL
) STRICT;

INSERT INTO batch_rebuilds (connection_id, reason, started_at)
SELECT connection_id, 'the rollups gained users, queues and rows scanned', strftime('%Y-%m-%dT%H:%M:%fZ')
FROM batch_settings;

-- Job rules, in order (the first rule a statement group matches decides). A group is a night's
-- statements of one label, user and queue. Changed through batches.setJobRules (audited).
CREATE TABLE batch_job_rules (
  connection_id TEXT NOT NULL,
  position      INTEGER NOT NULL,
  -- 'job': the matching groups form the job `name` (rename, merge, add); 'hide': not shown as a job.
  action        TEXT NOT NULL CHECK (action IN ('job', 'hide')),
  -- Glob patterns ('*' any run of characters); NULL: any.
  label_pattern TEXT,
  user_name     TEXT,
  queue_name    TEXT,
  -- The job's name ('' keeps the label); split: one job per user or per queue.
  name          TEXT NOT NULL DEFAULT '',
  split_by      TEXT NOT NULL DEFAULT 'none' CHECK (split_by IN ('none', 'user', 'queue')),
  PRIMARY KEY (connection_id, position)
) STRICT;

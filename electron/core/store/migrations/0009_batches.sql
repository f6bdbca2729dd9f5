-- Nightly batches (issue #10). Append-only like every migration.

-- Per connection: the business time zone and night window the batches are cut by, and the batch's SLA
-- (a local time of day). Changed through batches.setSettings, which writes the audit log.
CREATE TABLE batch_settings (
  connection_id      TEXT PRIMARY KEY,
  time_zone          TEXT NOT NULL,
  night_start_minute INTEGER NOT NULL CHECK (night_start_minute BETWEEN 0 AND 1439),
  night_end_minute   INTEGER NOT NULL CHECK (night_end_minute BETWEEN 0 AND 1439),
  -- Minutes after local midnight of the night's date (07:00 = 420); NULL: no SLA.
  sla_minute         INTEGER,
  updated_at         TEXT NOT NULL
) STRICT;

-- One row per night and query_group label: what every batch view reads instead of the queries table.
-- Written at ingest (collector/jobs/queryHistoryJob.ts) for each statement stored for the first time,
-- rebuilt from `queries` when the night window changes. Statements without a label are ad hoc: none.
CREATE TABLE batch_label_nights (
  connection_id     TEXT NOT NULL,
  -- The night's name: the local date its window ends (base/batchNight.ts).
  night             TEXT NOT NULL,
  label             TEXT NOT NULL,
  -- Window start (UTC microseconds): retention's clock.
  night_start_us    INTEGER NOT NULL,
  first_start_us    INTEGER NOT NULL,
  last_end_us       INTEGER NOT NULL,
  statements        INTEGER NOT NULL,
  queued_statements INTEGER NOT NULL,
  queue_us          INTEGER NOT NULL,
  exec_us           INTEGER NOT NULL,
  aborted           INTEGER NOT NULL,
  -- The queue the label's statements waited in (the last one seen waiting).
  wait_queue        TEXT,
  PRIMARY KEY (connection_id, night, label)
) STRICT;

CREATE INDEX batch_label_nights_by_start ON batch_label_nights (connection_id, night_start_us);

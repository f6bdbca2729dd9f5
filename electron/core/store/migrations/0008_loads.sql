-- One row per COPY (issue #11): the loads view, a COPY's summary and the feeds' delivery ledger read
-- these instead of re-deriving them from query text, per-file progress and error rows on every read.
-- Derived by store/history/summarizeLoads.ts from queries (COPY text, times, queue wait, aborted),
-- load_commits (files, lines scanned) and load_errors (rejected rows); rebuilt for recent COPYs after
-- each loads poll, so a re-read is a no-op.
CREATE TABLE copy_loads (
  connection_id TEXT NOT NULL,
  query         INTEGER NOT NULL,
  start_us      INTEGER NOT NULL,
  end_us        INTEGER NOT NULL,
  queue_us      INTEGER NOT NULL,
  exec_us       INTEGER NOT NULL,
  -- Target table as the COPY names it (schema.table, lower-cased unless quoted).
  table_name    TEXT NOT NULL,
  -- FROM '...' as written, and the path up to its last '/'.
  source        TEXT NOT NULL,
  source_prefix TEXT NOT NULL,
  -- The feed: table + source prefix with dates and sequence numbers normalised (shared/loads/feedKey.ts).
  feed_key      TEXT NOT NULL,
  file_format   TEXT NOT NULL,
  -- MAXERROR from the COPY text; NULL when it has none (Redshift then aborts at the first error).
  maxerror      INTEGER,
  -- Distinct files seen (progress rows, else error rows); NULL when unknown (SYS: one row per COPY).
  files         INTEGER,
  lines_scanned INTEGER,
  rows_loaded   INTEGER,
  rows_rejected INTEGER NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('loaded', 'partial', 'aborted')),
  PRIMARY KEY (connection_id, query, start_us)
) STRICT;

CREATE INDEX copy_loads_by_start ON copy_loads (connection_id, start_us);
CREATE INDEX copy_loads_by_feed ON copy_loads (connection_id, feed_key, start_us);

-- Indexes and caches for the on-call views (issue #5). Append-only like every migration.

-- Slow queries sorted by queue or execution time over a range (queries.history sort keys).
CREATE INDEX queries_by_queue ON queries (connection_id, queue_us);
CREATE INDEX queries_by_exec ON queries (connection_id, exec_us);
-- Runs of one fingerprint over time (newly slow, run history, a group's detail); covers their durations.
CREATE INDEX queries_by_fingerprint ON queries (connection_id, fingerprint, start_us, elapsed_us);
-- Grouping a range by fingerprint (queries.fingerprints): the range scan reads the index alone instead
-- of every wide row (text) — 1.2 s -> well under 1 s over 500,000 rows (bench/slowQueries.bench.ts).
CREATE INDEX queries_by_start_fingerprint ON queries (connection_id, start_us, fingerprint, elapsed_us, aborted);
-- Blast radius: statements of one queue whose wait overlapped a window.
CREATE INDEX queries_by_queue_wait ON queries (connection_id, service_class, wlm_queue_start_us);

-- A query's executed steps (SVL_QUERY_SUMMARY), kept once read from the cluster: the cluster forgets
-- them after about 7 days, the detail view should not.
CREATE TABLE query_steps (
  connection_id TEXT NOT NULL,
  query         INTEGER NOT NULL,
  start_us      INTEGER NOT NULL,
  stm           INTEGER NOT NULL,
  seg           INTEGER NOT NULL,
  step          INTEGER NOT NULL,
  label         TEXT NOT NULL,
  rows          INTEGER NOT NULL,
  bytes         INTEGER NOT NULL,
  maxtime_us    INTEGER NOT NULL,
  avgtime_us    INTEGER NOT NULL,
  is_diskbased  INTEGER NOT NULL CHECK (is_diskbased IN (0, 1)),
  PRIMARY KEY (connection_id, query, start_us, stm, seg, step)
) STRICT;

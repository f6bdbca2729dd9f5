-- Read paths over a long history (issue #14, "Speed"). Append-only like every migration.

-- queries.history pages by keyset (readQueryHistory.ts): each sort key's index ends with the tie-breakers
-- (query, start_us), so "the 100 rows after this one" is one index seek whatever the page, and a sort
-- with many equal values (queue wait: most statements wait 0) needs no temporary b-tree for the ties.
-- They replace the indexes of 0002/0004 on the same leading columns: as many indexes to keep up at ingest.
DROP INDEX queries_by_start;
DROP INDEX queries_by_elapsed;
DROP INDEX queries_by_queue;
DROP INDEX queries_by_exec;
CREATE INDEX queries_by_start ON queries (connection_id, start_us, query);
CREATE INDEX queries_by_elapsed ON queries (connection_id, elapsed_us, query, start_us);
CREATE INDEX queries_by_queue ON queries (connection_id, queue_us, query, start_us);
CREATE INDEX queries_by_exec ON queries (connection_id, exec_us, query, start_us);

-- Per fingerprint and block of UTC days, what queries.fingerprints needs of the runs that started in the
-- block, kept at ingest (store/history/FingerprintDays.ts). Blocks of 1, 8 and 64 days aligned on the
-- epoch (`days`, starting at `day_us`): a 90-day list reads ~15 rows per fingerprint (the largest blocks
-- that fit the range) instead of every run. `histogram` counts the durations in logarithmic buckets
-- (durationHistogram.ts): it bounds a percentile to a few per cent, enough to choose which fingerprints
-- need their exact figure.
CREATE TABLE fingerprint_days (
  connection_id TEXT NOT NULL,
  days          INTEGER NOT NULL CHECK (days IN (1, 8, 64)),
  day_us        INTEGER NOT NULL,
  fingerprint   TEXT NOT NULL,
  runs          INTEGER NOT NULL,
  total_us      INTEGER NOT NULL,
  max_us        INTEGER NOT NULL,
  aborted       INTEGER NOT NULL,
  histogram     BLOB NOT NULL,
  PRIMARY KEY (connection_id, days, day_us, fingerprint)
) STRICT, WITHOUT ROWID;

-- A fingerprint's runs over a range with everything queries.fingerprints shows of them (percentiles,
-- trend, users, labels, latest run): read from the index alone, no lookup of the wide row per run.
DROP INDEX queries_by_fingerprint;
CREATE INDEX queries_by_fingerprint ON queries (connection_id, fingerprint, start_us, elapsed_us, query, user_name, label);

-- Feeds and their nights (issue #11). `feeds` is one row per feed learned from COPY history (table +
-- normalised source prefix, shared/loads/feedKey.ts) with what the user made of it: a name, a merge
-- into another feed, muted, its own oversized / undersized factors. `feed_nights` is one row per feed
-- per night (UTC day) that saw a COPY, written when COPYs are summarized, so the delivery ledger reads
-- a few integers per cell instead of every COPY (store/loads/rollUpFeedNights.ts).

-- Bytes delivered: per file (STL_FILE_SCAN.bytes joined to its progress row; SYS_LOAD_HISTORY's
-- source_file_bytes on the one SYS row of a COPY) and per COPY.
ALTER TABLE load_commits ADD COLUMN bytes INTEGER;
-- SYS_LOAD_HISTORY.source_file_count on the one SYS row of a COPY (NULL on STL rows: one row a file).
ALTER TABLE load_commits ADD COLUMN file_count INTEGER;
ALTER TABLE copy_loads ADD COLUMN bytes INTEGER;
-- The COPY's file names with dates and numbers normalised (its first file): a new pattern is news.
ALTER TABLE copy_loads ADD COLUMN file_pattern TEXT;

CREATE TABLE feeds (
  feed_id       INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL,
  feed_key      TEXT NOT NULL,
  table_name    TEXT NOT NULL,
  -- Of its latest COPY.
  source_prefix TEXT NOT NULL,
  first_day     INTEGER NOT NULL,
  -- File name pattern of its latest COPY, the one before it changed, and the first COPY with it.
  file_pattern  TEXT,
  previous_pattern TEXT,
  pattern_since_us INTEGER,
  -- The user's edits (audited): NULL name = the learned one; merged_into = the feed it now counts as.
  name          TEXT,
  merged_into   INTEGER REFERENCES feeds (feed_id) ON DELETE SET NULL,
  muted         INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
  oversized_factor  REAL,
  undersized_factor REAL,
  UNIQUE (connection_id, feed_key)
) STRICT;

CREATE TABLE feed_nights (
  connection_id TEXT NOT NULL,
  feed_id       INTEGER NOT NULL,
  day_us        INTEGER NOT NULL,
  first_us      INTEGER NOT NULL,
  loads         INTEGER NOT NULL,
  files         INTEGER NOT NULL,
  rows          INTEGER NOT NULL,
  bytes         INTEGER NOT NULL,
  rejected      INTEGER NOT NULL,
  -- Highest share of MAXERROR a COPY of the night used; -1 when a COPY without MAXERROR rejected rows.
  maxerror_used REAL NOT NULL,
  failed        INTEGER NOT NULL,
  partial       INTEGER NOT NULL,
  PRIMARY KEY (connection_id, day_us, feed_id)
) STRICT, WITHOUT ROWID;

-- Load errors paged by key (loads.errors' `after`), newest COPY first and in file order within one:
-- a page of 100 out of a million stored errors reads 100 index entries, whatever page it is.
CREATE INDEX load_errors_page
  ON load_errors (connection_id, start_us DESC, query DESC, file_name, line_number, column_name, position);

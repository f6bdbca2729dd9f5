-- Which statements read and wrote which tables (issue #11, impact of bad data), one row per query x
-- table x kind (kind 0 = read, 1 = write), folded from the cluster's per-slice step rows by
-- queries/table_access.sql. Compact on purpose: millions of rows over a retention period. `actor` is
-- the statement's label and user (access_actors), so the impact walk groups readers by job and
-- dashboard from the index alone, without a lookup into `queries` per reader.
CREATE TABLE table_access (
  connection_id TEXT NOT NULL,
  query         INTEGER NOT NULL,
  table_id      INTEGER NOT NULL,
  kind          INTEGER NOT NULL CHECK (kind IN (0, 1)),
  -- First step start and last step end of the statement on this table.
  start_us      INTEGER NOT NULL,
  end_us        INTEGER NOT NULL,
  actor         INTEGER NOT NULL,
  PRIMARY KEY (connection_id, query, table_id, kind)
) STRICT, WITHOUT ROWID;

-- "Who read table T after time t": the walk's one lookup per table, covering.
CREATE INDEX table_access_by_table ON table_access (connection_id, table_id, kind, start_us, actor);
-- "What was written after time t": few rows (batch statements), read once per hop.
CREATE INDEX table_access_writes ON table_access (connection_id, start_us, query, table_id) WHERE kind = 1;

-- A statement's label (query group) and user, numbered once per connection.
CREATE TABLE access_actors (
  connection_id TEXT NOT NULL,
  actor         INTEGER NOT NULL,
  label         TEXT NOT NULL,
  user_name     TEXT NOT NULL,
  PRIMARY KEY (connection_id, actor),
  UNIQUE (connection_id, label, user_name)
) STRICT;

-- A table id's name as the cluster last showed it (STL_SCAN.perm_table_name: the bare name;
-- SYS_QUERY_DETAIL.table_name). One row per table: names are kept out of the big table.
CREATE TABLE table_names (
  connection_id TEXT NOT NULL,
  table_id      INTEGER NOT NULL,
  table_name    TEXT NOT NULL,
  seen_us       INTEGER NOT NULL,
  PRIMARY KEY (connection_id, table_id)
) STRICT, WITHOUT ROWID;

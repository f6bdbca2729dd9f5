-- Statements per quarter hour (issue #10, month-start view): what "statements per local day" needs, kept
-- at ingest by QueryStore.upsert (a page's new statements summed in memory, one write per quarter: a
-- trigger per row cost more than half of ingest throughput). A quarter hour divides every time zone's
-- offset, so a local day is a whole run of quarters whatever the zone: the view sums ~96 rows a day
-- instead of counting the queries' index.
CREATE TABLE query_quarters (
  connection_id TEXT NOT NULL,
  quarter_us    INTEGER NOT NULL,
  statements    INTEGER NOT NULL,
  PRIMARY KEY (connection_id, quarter_us)
) STRICT, WITHOUT ROWID;

INSERT INTO query_quarters (connection_id, quarter_us, statements)
  SELECT connection_id, (start_us / 900000000) * 900000000, count(*) FROM queries GROUP BY 1, 2;

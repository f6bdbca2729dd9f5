-- Statements per quarter hour (issue #10, month-start view): what "statements per local day" needs, kept
-- at ingest by a trigger so every write path counts (an upsert that changes nothing inserts no row and
-- fires nothing). A quarter hour divides every time zone's offset, so a local day is a whole run of
-- quarters whatever the zone: the view sums ~96 rows a day instead of counting the queries' index.
CREATE TABLE query_quarters (
  connection_id TEXT NOT NULL,
  quarter_us    INTEGER NOT NULL,
  statements    INTEGER NOT NULL,
  PRIMARY KEY (connection_id, quarter_us)
) STRICT, WITHOUT ROWID;

INSERT INTO query_quarters (connection_id, quarter_us, statements)
  SELECT connection_id, (start_us / 900000000) * 900000000, count(*) FROM queries GROUP BY 1, 2;

CREATE TRIGGER queries_count_quarter AFTER INSERT ON queries BEGIN
  INSERT INTO query_quarters (connection_id, quarter_us, statements)
    VALUES (NEW.connection_id, (NEW.start_us / 900000000) * 900000000, 1)
    ON CONFLICT (connection_id, quarter_us) DO UPDATE SET statements = statements + 1;
END;

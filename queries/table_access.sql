-- Table-level reads and writes of statements (REFERENCE 1.24, 1.25-1.27), for the impact of bad data
-- (issue #11): which statements read a table after a load or a statement wrote it. The cluster logs one
-- row per step per slice; these reads fold them into one row per query x table x kind, so the store
-- stays small. Inclusive of the cursor time and ordered by it; the collector upserts on the natural key
-- (a statement whose steps straddle the cursor merges into one row).

-- name: table_access_since :many
-- Provisioned: scans of permanent user tables (STL_SCAN type 2) and insert / delete steps (STL_INSERT,
-- STL_DELETE) that ended at or after a time, one row per query, table and kind ('read' / 'write').
-- perm_table_name is the bare table name (no schema); insert and delete steps carry no name.
-- The statement's label and user come along (STL_QUERY, pg_user) so readers group by job and dashboard.
-- Columns: query, table_id, kind, starttime, endtime, rows, table_name, label, user_name.
-- params: $1 = since (endtime; inclusive), $2 = page size
-- requires: provisioned
SELECT a.query, a.tbl AS table_id, a.kind, min(a.starttime) AS starttime, max(a.endtime) AS endtime,
       sum(a.rows) AS rows, max(a.name) AS table_name, max(trim(q.label)) AS label,
       max(trim(u.usename)) AS user_name
FROM (
  SELECT s.query, s.tbl, 'read' AS kind, s.starttime, s.endtime, s.rows,
         NULLIF(trim(s.perm_table_name), '') AS name
  FROM stl_scan s
  WHERE s.type = 2 AND s.tbl > 0 AND s.endtime >= $1
  UNION ALL
  SELECT i.query, i.tbl, 'write', i.starttime, i.endtime, i.rows, NULL
  FROM stl_insert i
  WHERE i.tbl > 0 AND i.endtime >= $1
  UNION ALL
  SELECT d.query, d.tbl, 'write', d.starttime, d.endtime, d.rows, NULL
  FROM stl_delete d
  WHERE d.tbl > 0 AND d.endtime >= $1
) a
LEFT JOIN stl_query q ON q.query = a.query
LEFT JOIN pg_user u ON u.usesysid = q.userid
GROUP BY a.query, a.tbl, a.kind
ORDER BY endtime, a.query, a.tbl, a.kind
LIMIT $2;

-- name: sys_table_access_since :many
-- Serverless: step-level rows of SYS_QUERY_DETAIL (only queries rewritten into child queries have
-- them): scans of permanent tables (not a COPY's S3 input) and insert / delete steps that ended at or
-- after a time, one row per query, table and kind.
-- Columns: query, table_id, kind, starttime, endtime, rows, table_name, label, user_name.
-- params: $1 = since (end_time; inclusive), $2 = page size
SELECT d.query_id AS query, d.table_id,
       CASE WHEN trim(d.step_name) = 'scan' THEN 'read' ELSE 'write' END AS kind,
       min(d.start_time) AS starttime, max(d.end_time) AS endtime, sum(d.output_rows) AS rows,
       max(NULLIF(trim(d.table_name), '')) AS table_name, max(trim(h.query_label)) AS label,
       max(trim(h.username)) AS user_name
FROM sys_query_detail d
LEFT JOIN sys_query_history h ON h.query_id = d.query_id
WHERE d.table_id > 0
  AND d.end_time >= $1
  AND (trim(d.step_name) IN ('insert', 'delete')
       OR (trim(d.step_name) = 'scan' AND coalesce(trim(d.source), '') <> 'S3'))
GROUP BY 1, 2, 3
ORDER BY endtime, query, d.table_id, kind
LIMIT $2;

-- name: table_schemas :many
-- The schema and name of each user table by id (SVV_TABLE_INFO, REFERENCE 1.23), so impact names tables
-- schema-qualified where STL_SCAN's perm_table_name is the bare name. Superuser only unless granted
-- (`GRANT SELECT ON svv_table_info TO <login>`), and tables with no rows are absent: a login that sees
-- no rows keeps the bare names. A query of its own: joining a leader-node catalog view to STL rows is
-- not something every Redshift accepts.
-- Columns: table_id, schema_name, table_name.
SELECT table_id, trim("schema") AS schema_name, trim("table") AS table_name FROM svv_table_info;

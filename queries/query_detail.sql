-- One statement on demand, for the detail and live views (read when the store lacks it): its executed
-- steps (REFERENCE 1.18, 1.24) and the full text of a statement that is still running (1.5, 1.10, 1.24).

-- name: query_steps :many
-- Provisioned: a query's steps as executed (SVL_QUERY_SUMMARY; maxtime/avgtime in microseconds,
-- REFERENCE 6.2; is_diskbased 't' when the step spilled to disk). The cluster keeps them ~7 days.
-- Columns: stm, seg, step, label, rows, bytes, maxtime, avgtime, is_diskbased.
-- params: $1 = query id
-- requires: provisioned
SELECT s.stm, s.seg, s.step, trim(s.label) AS label, s.rows, s.bytes, s.maxtime, s.avgtime,
       trim(s.is_diskbased) AS is_diskbased
FROM svl_query_summary s
WHERE s.query = $1
ORDER BY s.stm, s.seg, s.step;

-- name: sys_query_steps :many
-- Serverless (or without STL access): a query's step-level rows of SYS_QUERY_DETAIL (stream, segment
-- and step all set, REFERENCE 1.24); duration in microseconds, spilled blocks mean the step went to disk.
-- Columns: stm, seg, step, label, rows, bytes, maxtime, avgtime, is_diskbased.
-- params: $1 = query id
SELECT d.stream_id AS stm, d.segment_id AS seg, d.step_id AS step,
       trim(d.step_name) || CASE WHEN d.table_name IS NULL OR trim(d.table_name) = '' THEN ''
                                 ELSE ' ' || trim(d.table_name) END AS label,
       d.output_rows AS rows, d.output_bytes AS bytes, d.duration AS maxtime, d.duration AS avgtime,
       CASE WHEN coalesce(d.spilled_block_local_disk, 0) + coalesce(d.spilled_block_remote_disk, 0) > 0
            THEN 't' ELSE 'f' END AS is_diskbased
FROM sys_query_detail d
WHERE d.query_id = $1
  AND d.stream_id >= 0 AND d.segment_id >= 0 AND d.step_id >= 0
ORDER BY d.stream_id, d.segment_id, d.step_id;

-- name: live_statement_text :many
-- Provisioned: the text pieces of one statement (STL_QUERYTEXT, 200-character pieces, blank-padded,
-- `\n` and `\\` escaped; the collector's reassembly applies). Empty while the cluster has not logged it.
-- Columns: sequence, text.
-- params: $1 = query id
-- requires: provisioned
SELECT t.sequence, t.text
FROM stl_querytext t
WHERE t.query = $1
ORDER BY t.sequence;

-- name: live_recent_text :many
-- Provisioned: the text STV_RECENTS shows for a session's running statement (first 600 characters,
-- REFERENCE 1.10). Columns: text, starttime.
-- params: $1 = session pid
-- requires: provisioned
SELECT rtrim(r.query) AS text, r.starttime
FROM stv_recents r
WHERE r.pid = $1
  AND trim(r.status) = 'Running'
ORDER BY r.starttime DESC
LIMIT 1;

-- name: live_sys_statement_text :many
-- Serverless: the text pieces of one statement (SYS_QUERY_TEXT, 4,000-character pieces, escaped like
-- STL_QUERYTEXT), falling back to SYS_QUERY_HISTORY.query_text (first 4,000 characters) in the caller.
-- Columns: sequence, text.
-- params: $1 = query id
SELECT t.sequence, t.text
FROM sys_query_text t
WHERE t.query_id = $1
ORDER BY t.sequence;

-- name: live_sys_history_text :many
-- Serverless: the first 4,000 characters of a statement's text (SYS_QUERY_HISTORY.query_text).
-- Columns: text.
-- params: $1 = query id
SELECT rtrim(h.query_text) AS text
FROM sys_query_history h
WHERE h.query_id = $1
LIMIT 1;

-- Per-statement metrics for the batch views (issue #10; REFERENCE 1.24, 1.28): rows scanned, CPU,
-- blocks read and spilled, keyed by the statement's query id and read incrementally by its end time.
-- Reads are inclusive of the cursor time and ordered by it; the collector inserts each query once.

-- name: query_metrics_since :many
-- Provisioned: SVL_QUERY_METRICS_SUMMARY (one row per completed query in a user-defined queue; time-like
-- columns in whole SECONDS, blocks of 1 MB) with its STL_QUERY end time as the cursor.
-- Columns: query, end_time, rows_scanned, cpu_seconds, blocks_read, blocks_spilled.
-- params: $1 = since (STL_QUERY.endtime; inclusive), $2 = page size
-- requires: provisioned
SELECT m.query, q.endtime AS end_time, m.scan_row_count AS rows_scanned, m.query_cpu_time AS cpu_seconds,
       m.query_blocks_read AS blocks_read, m.query_temp_blocks_to_disk AS blocks_spilled
FROM svl_query_metrics_summary m
JOIN stl_query q ON q.query = m.query
WHERE q.endtime >= $1
ORDER BY q.endtime, m.query
LIMIT $2;

-- name: sys_query_metrics_since :many
-- Serverless: SYS_QUERY_DETAIL's step rows summed per query (it holds only queries rewritten into child
-- queries; it has no CPU time), with SYS_QUERY_HISTORY's end time as the cursor. Rows scanned: the
-- largest scan step's input rows, like SVL_QUERY_METRICS_SUMMARY.scan_row_count.
-- Columns: query, end_time, rows_scanned, cpu_seconds, blocks_read, blocks_spilled.
-- params: $1 = since (SYS_QUERY_HISTORY.end_time; inclusive), $2 = page size
SELECT d.query_id AS query, h.end_time,
       max(CASE WHEN trim(d.step_name) = 'scan' THEN d.input_rows END) AS rows_scanned,
       CAST(NULL AS bigint) AS cpu_seconds, sum(d.blocks_read) AS blocks_read,
       sum(d.spilled_block_local_disk + d.spilled_block_remote_disk) AS blocks_spilled
FROM sys_query_detail d
JOIN sys_query_history h ON h.query_id = d.query_id
WHERE h.end_time >= $1
  AND trim(h.status) IN ('success', 'failed', 'canceled')
GROUP BY d.query_id, h.end_time
ORDER BY h.end_time, d.query_id
LIMIT $2;

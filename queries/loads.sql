-- COPY loads and their rejected rows (REFERENCE 1.13, 1.15, 1.22, 1.24). Raw values keep leading
-- blanks (rtrim, not trim): they are the data as delivered, and leading blanks can be the error.
-- Reads are inclusive of the cursor time and ordered by it; the collector upserts on natural keys.

-- name: load_commits_since :many
-- Provisioned: per-file COPY progress rows updated at or after a time, oldest first, with the bytes
-- STL_FILE_SCAN (REFERENCE 1.31) read for the same file or split (its name lacks s3://bucket/).
-- Columns: query, slice, filename, start_offset, curtime, lines_scanned, errors, status, file_format,
-- is_partial, bytes.
-- params: $1 = since (curtime; inclusive), $2 = page size
-- requires: provisioned
SELECT c.query, c.slice, rtrim(c.filename) AS filename, c.start_offset, c.curtime, c.lines_scanned,
       c.errors, c.status, trim(c.file_format) AS file_format, c.is_partial,
       (SELECT max(f.bytes) FROM stl_file_scan f
        WHERE f.query = c.query AND f.slice = c.slice AND f.start_offset = c.start_offset
          AND right(rtrim(c.filename), length(rtrim(f.name))) = rtrim(f.name)) AS bytes
FROM stl_load_commits c
WHERE c.curtime >= $1
ORDER BY c.curtime, c.query, c.slice
LIMIT $2;

-- name: load_errors_since :many
-- Provisioned: load errors of COPYs that finished (STL_QUERY.endtime) at or after a time; a COPY that
-- has no STL_QUERY row yet counts by its start time. Table names from pg_class (tbl = its oid).
-- Columns: query, slice, tbl, schema_name, table_name, starttime, filename, line_number, colname,
-- type, col_length, position, raw_line, raw_field_value, err_code, err_reason, is_partial,
-- start_offset, cursor_time.
-- params: $1 = since (inclusive), $2 = page size
-- requires: provisioned
SELECT e.query, e.slice, e.tbl, trim(n.nspname) AS schema_name, trim(c.relname) AS table_name,
       e.starttime, rtrim(e.filename) AS filename, e.line_number, trim(e.colname) AS colname,
       trim(e.type) AS type, trim(e.col_length) AS col_length, e."position" AS position,
       rtrim(e.raw_line) AS raw_line, rtrim(e.raw_field_value) AS raw_field_value, e.err_code,
       rtrim(e.err_reason) AS err_reason, e.is_partial, e.start_offset,
       COALESCE(q.endtime, e.starttime) AS cursor_time
FROM stl_load_errors e
LEFT JOIN stl_query q ON q.query = e.query
LEFT JOIN pg_class c ON c.oid = e.tbl
LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE COALESCE(q.endtime, e.starttime) >= $1
ORDER BY cursor_time, e.query, e.slice, e.line_number
LIMIT $2;

-- name: sys_load_history_since :many
-- Serverless: finished COPYs (SYS_LOAD_HISTORY, duration in microseconds) that ended at or after a time.
-- Columns: query, table_name, status, start_time, end_time, data_source, file_format, loaded_rows,
-- error_count, source_file_count, source_file_bytes.
-- params: $1 = since (end_time; inclusive), $2 = page size
SELECT h.query_id AS query, trim(h.table_name) AS table_name, trim(h.status) AS status, h.start_time,
       h.end_time, rtrim(h.data_source) AS data_source, trim(h.file_format) AS file_format,
       h.loaded_rows, h.error_count, h.source_file_count, h.source_file_bytes
FROM sys_load_history h
WHERE h.end_time IS NOT NULL
  AND h.end_time >= $1
ORDER BY h.end_time, h.query_id
LIMIT $2;

-- name: sys_load_detail_since :many
-- Serverless: the files each COPY loaded (SYS_LOAD_DETAIL, REFERENCE 1.29) with their bytes, updated
-- at or after a time, oldest first: the per-file counterpart of load_commits_since.
-- Columns: query, file_name, record_time, lines_scanned, bytes_scanned.
-- params: $1 = since (record_time; inclusive), $2 = page size
SELECT d.query_id AS query, rtrim(d.file_name) AS file_name, d.record_time, d.lines_scanned, d.bytes_scanned
FROM sys_load_detail d
WHERE d.record_time >= $1
ORDER BY d.record_time, d.query_id, file_name
LIMIT $2;

-- name: sys_load_errors_since :many
-- Serverless: load errors (SYS_LOAD_ERROR_DETAIL) of COPYs that ended at or after a time; one that has
-- not ended yet counts by its start time. No raw line here: the error message carries the value.
-- Columns: query, table_id, table_name, start_time, file_name, line_number, column_name, column_type,
-- column_length, position, error_code, error_message, cursor_time.
-- params: $1 = since (inclusive), $2 = page size
SELECT e.query_id AS query, e.table_id, trim(h.table_name) AS table_name, e.start_time,
       rtrim(e.file_name) AS file_name, e.line_number, trim(e.column_name) AS column_name,
       trim(e.column_type) AS column_type, trim(e.column_length) AS column_length,
       e."position" AS position, e.error_code, rtrim(e.error_message) AS error_message,
       COALESCE(h.end_time, e.start_time) AS cursor_time
FROM sys_load_error_detail e
LEFT JOIN sys_load_history h ON h.query_id = e.query_id
WHERE COALESCE(h.end_time, e.start_time) >= $1
ORDER BY cursor_time, e.query_id, e.line_number
LIMIT $2;

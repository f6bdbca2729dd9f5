-- Finished statements, read incrementally (DESIGN.md §3). Query ids are assigned when a statement
-- starts, but its rows appear when it ends, so the cursor is (endtime, query): a statement that ran for
-- hours is read when it finishes, not skipped because younger ids were read before it. The collector
-- starts each poll a little before its last cursor (an overlap window for rows that appear late) and
-- upserts on the natural key, so re-read rows change nothing.
-- Labels are compared as character(n) (`label <> $3`): CHAR comparisons ignore the blank padding on
-- Redshift and PostgreSQL alike, and skip a trim() per row of a large scan.

-- name: query_history_page :many
-- Provisioned: statements that ended after the cursor, oldest first, with their WLM attempt
-- (REFERENCE 1.4, 1.6: total_queue_time / total_exec_time in microseconds) and the user name.
-- Columns: query, userid, user_name, pid, xid, label, database, starttime, endtime, aborted, querytxt
-- (first 4000 characters), service_class, queue_name, slot_count, total_queue_time, total_exec_time,
-- queue_start_time, queue_end_time, exec_start_time, exec_end_time, final_state.
-- params: $1 = cursor endtime (timestamp), $2 = cursor query id (rows after ($1; $2)), $3 = Nightshift's own query_group (left out), $4 = page size
-- requires: provisioned
SELECT q.query, q.userid, trim(u.usename) AS user_name, q.pid, q.xid, trim(q.label) AS label,
       trim(q.database) AS database, q.starttime, q.endtime, q.aborted, rtrim(q.querytxt) AS querytxt,
       w.service_class, trim(w.service_class_name) AS queue_name, w.slot_count, w.total_queue_time,
       w.total_exec_time, w.queue_start_time, w.queue_end_time, w.exec_start_time, w.exec_end_time,
       trim(w.final_state) AS final_state
FROM (
  -- The page's keys first: the wide columns are read for the page's rows only.
  SELECT k.query, k.endtime
  FROM stl_query k
  WHERE (k.endtime > $1 OR (k.endtime = $1 AND k.query > $2))
    AND k.label <> $3
  ORDER BY k.endtime, k.query
  LIMIT $4
) page
JOIN stl_query q ON q.query = page.query AND q.endtime = page.endtime
LEFT JOIN stl_wlm_query w ON w.query = q.query AND w.userid = q.userid
LEFT JOIN pg_user u ON u.usesysid = q.userid
ORDER BY q.endtime, q.query;

-- name: query_history_remaining :one
-- Provisioned: how many statements the cluster holds after the cursor (backfill progress).
-- params: $1 = cursor endtime (timestamp), $2 = cursor query id, $3 = Nightshift's own query_group (left out)
-- requires: provisioned
SELECT count(*) AS remaining
FROM stl_query q
WHERE (q.endtime > $1 OR (q.endtime = $1 AND q.query > $2))
  AND q.label <> $3;

-- name: query_history_text :many
-- Provisioned: the 200-character text pieces (REFERENCE 1.5: blank-padded, `\n` and `\\` escaped) of the
-- statements of one page: those after the page's lower cursor up to and including its last row.
-- Columns: query, sequence, text (padded: the collector reassembles, see collector/statementText.ts).
-- params: $1 = lower cursor endtime, $2 = lower cursor query id, $3 = last row's endtime, $4 = last row's query id, $5 = smallest query id of the page, $6 = largest query id of the page
-- requires: provisioned
SELECT t.query, t.sequence, t.text
FROM stl_querytext t
JOIN stl_query q ON q.query = t.query
WHERE t.query BETWEEN $5 AND $6
  AND (q.endtime > $1 OR (q.endtime = $1 AND q.query > $2))
  AND (q.endtime < $3 OR (q.endtime = $3 AND q.query <= $4))
ORDER BY t.query, t.sequence;

-- name: sys_query_history_page :many
-- Serverless (or any cluster without STL access): finished statements after the cursor from
-- SYS_QUERY_HISTORY (REFERENCE 1.24: times in microseconds, lowercase status, session_id = pid). Same
-- columns as query_history_page; no per-attempt WLM times, final_state = status.
-- params: $1 = cursor end_time (timestamp), $2 = cursor query_id (rows after ($1; $2)), $3 = Nightshift's own query_group (left out), $4 = page size
SELECT h.query_id AS query, h.user_id AS userid, trim(h.username) AS user_name, h.session_id AS pid,
       h.transaction_id AS xid, trim(h.query_label) AS label, trim(h.database_name) AS database,
       h.start_time AS starttime, h.end_time AS endtime,
       CASE WHEN trim(h.status) = 'success' THEN 0 ELSE 1 END AS aborted,
       rtrim(h.query_text) AS querytxt, h.service_class_id AS service_class,
       trim(h.service_class_name) AS queue_name, CAST(NULL AS integer) AS slot_count,
       h.queue_time AS total_queue_time, h.execution_time AS total_exec_time,
       CAST(NULL AS timestamp) AS queue_start_time, CAST(NULL AS timestamp) AS queue_end_time,
       CAST(NULL AS timestamp) AS exec_start_time, CAST(NULL AS timestamp) AS exec_end_time,
       trim(h.status) AS final_state
FROM (
  -- The page's keys first: the wide columns are read for the page's rows only.
  SELECT k.query_id, k.end_time
  FROM sys_query_history k
  WHERE trim(k.status) IN ('success', 'failed', 'canceled')
    AND k.end_time IS NOT NULL
    AND (k.end_time > $1 OR (k.end_time = $1 AND k.query_id > $2))
    AND (k.query_label IS NULL OR k.query_label <> $3)
  ORDER BY k.end_time, k.query_id
  LIMIT $4
) page
JOIN sys_query_history h ON h.query_id = page.query_id AND h.end_time = page.end_time
ORDER BY h.end_time, h.query_id;

-- name: sys_query_history_remaining :one
-- Serverless: how many finished statements SYS_QUERY_HISTORY holds after the cursor (backfill progress).
-- params: $1 = cursor end_time (timestamp), $2 = cursor query_id, $3 = Nightshift's own query_group (left out)
SELECT count(*) AS remaining
FROM sys_query_history h
WHERE trim(h.status) IN ('success', 'failed', 'canceled')
  AND h.end_time IS NOT NULL
  AND (h.end_time > $1 OR (h.end_time = $1 AND h.query_id > $2))
  AND (h.query_label IS NULL OR h.query_label <> $3);

-- name: sys_query_history_text :many
-- Serverless: the 4000-character text pieces of one page's statements (SYS_QUERY_TEXT, REFERENCE 1.24),
-- chosen like query_history_text. Columns: query, sequence, text.
-- params: $1 = lower cursor end_time, $2 = lower cursor query_id, $3 = last row's end_time, $4 = last row's query_id, $5 = smallest query_id of the page, $6 = largest query_id of the page
SELECT t.query_id AS query, t.sequence, t.text
FROM sys_query_text t
JOIN sys_query_history h ON h.query_id = t.query_id
WHERE t.query_id BETWEEN $5 AND $6
  AND (h.end_time > $1 OR (h.end_time = $1 AND h.query_id > $2))
  AND (h.end_time < $3 OR (h.end_time = $3 AND h.query_id <= $4))
ORDER BY t.query_id, t.sequence;

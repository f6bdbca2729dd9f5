-- Live state for the live view (REFERENCE 1.7, 1.10, 1.11, 1.12): replaced as a whole by every poll.

-- name: live_wlm_statements :many
-- Statements WLM tracks right now (queued, running, returning), with pid, label and the first 100
-- characters of text from STV_INFLIGHT while they execute (queued ones are not in STV_INFLIGHT).
-- Columns: query, xid, service_class, slot_count, wlm_start_time, state, queue_time and exec_time
-- (microseconds, REFERENCE 6.2), query_priority, pid, userid, label, text_preview.
-- params: $1 = Nightshift's own query_group (its own polls are left out)
-- requires: provisioned
SELECT s.query, s.xid, s.service_class, s.slot_count, s.wlm_start_time, trim(s.state) AS state,
       s.queue_time, s.exec_time, trim(s.query_priority) AS query_priority,
       i.pid, i.userid, trim(i.label) AS label, rtrim(i.text) AS text_preview
FROM stv_wlm_query_state s
LEFT JOIN (
  SELECT query, MIN(pid) AS pid, MIN(userid) AS userid, MIN(label) AS label, MIN(text) AS text
  FROM stv_inflight
  GROUP BY query
) i ON i.query = s.query
WHERE s.service_class > 4
  AND (i.label IS NULL OR trim(i.label) <> $1)
ORDER BY s.wlm_start_time, s.query;

-- name: live_recents :many
-- Statements STV_RECENTS shows as Running: the pid and text of queued statements too (a Running row
-- whose pid is not in STV_INFLIGHT is queued, REFERENCE 1.10). Columns: pid, userid, user_name,
-- db_name, starttime, duration (microseconds), text_preview (first 600 characters).
-- params: $1 = LIKE pattern of Nightshift's own statements (they start with its marker comment)
-- requires: provisioned
SELECT r.pid, r.userid, trim(r.user_name) AS user_name, trim(r.db_name) AS db_name, r.starttime,
       r.duration, rtrim(r.query) AS text_preview
FROM stv_recents r
WHERE trim(r.status) = 'Running'
  AND r.query NOT LIKE $1
ORDER BY r.starttime;

-- name: live_sessions :many
-- Sessions connected right now (STV_SESSIONS). Columns: process (the pid PG_TERMINATE_BACKEND takes),
-- starttime, user_name, db_name, timeout_sec.
-- requires: provisioned
SELECT s.process, s.starttime, trim(s.user_name) AS user_name, trim(s.db_name) AS db_name, s.timeout_sec
FROM stv_sessions s
ORDER BY s.starttime;

-- name: live_sys_statements :many
-- Serverless: statements planning, queued, running or returning now (SYS_QUERY_HISTORY). Same columns
-- as live_wlm_statements; session_id is the pid CANCEL takes (REFERENCE 2.1).
-- params: $1 = Nightshift's own query_group (its own polls are left out)
SELECT h.query_id AS query, h.transaction_id AS xid, h.service_class_id AS service_class, 1 AS slot_count,
       h.start_time AS wlm_start_time, trim(h.status) AS state, h.queue_time, h.execution_time AS exec_time,
       trim(h.query_priority) AS query_priority, h.session_id AS pid, h.user_id AS userid,
       trim(h.query_label) AS label, LEFT(rtrim(h.query_text), 200) AS text_preview
FROM sys_query_history h
WHERE trim(h.status) IN ('planning', 'queued', 'running', 'returning')
  AND (h.query_label IS NULL OR trim(h.query_label) <> $1)
ORDER BY h.start_time, h.query_id;

-- name: live_sys_sessions :many
-- Serverless: sessions still active (SYS_SESSION_HISTORY; user_id is char(50) holding the numeric id).
-- Columns as live_sessions.
SELECT h.session_id AS process, h.start_time AS starttime, trim(h.user_id) AS user_name,
       trim(h.database_name) AS db_name, h.session_timeout AS timeout_sec
FROM sys_session_history h
WHERE trim(h.status) = 'active'
ORDER BY h.start_time;

-- Cancelling a statement (REFERENCE 2.1, 2.2): re-read the statement the user saw, cancel it by pid,
-- then read again to confirm. You can never cancel by query id, only by pid (REFERENCE 2.1), so the
-- re-read makes sure the pid still runs the same statement for the same user.

-- name: statement_in_wlm :many
-- Provisioned: the statement as WLM tracks it now (queued, running or returning), and the pid running
-- it when it executes (STV_INFLIGHT; a queued statement is not there, REFERENCE 1.10). No row: WLM no
-- longer tracks it (finished or cancelled). Columns: query, xid, state, wlm_start_time, inflight_pid.
-- params: $1 = query id
-- requires: provisioned
SELECT w.query, w.xid, trim(w.state) AS state, w.wlm_start_time, i.pid AS inflight_pid
FROM stv_wlm_query_state w
LEFT JOIN (SELECT query, MIN(pid) AS pid FROM stv_inflight GROUP BY query) i ON i.query = w.query
WHERE w.query = $1;

-- name: statements_on_pid :many
-- Provisioned: what a pid executes right now (STV_INFLIGHT). Columns: query, xid, starttime.
-- params: $1 = pid
-- requires: provisioned
SELECT i.query, MIN(i.xid) AS xid, MIN(i.starttime) AS starttime
FROM stv_inflight i
WHERE i.pid = $1
GROUP BY i.query
ORDER BY i.query;

-- name: recent_running_on_pid :many
-- Provisioned: STV_RECENTS rows still Running for a pid (queued ones too, REFERENCE 1.10). Columns:
-- user_name, starttime.
-- params: $1 = pid
-- requires: provisioned
SELECT trim(r.user_name) AS user_name, r.starttime
FROM stv_recents r
WHERE r.pid = $1 AND trim(r.status) = 'Running'
ORDER BY r.starttime;

-- name: statement_in_history :many
-- Provisioned: the statement's STL_QUERY row once it has finished (aborted = 1: cancelled or stopped,
-- REFERENCE 1.4, 6.3). Columns: pid, xid, starttime, endtime, aborted.
-- params: $1 = query id
-- requires: provisioned
SELECT q.pid, q.xid, q.starttime, q.endtime, q.aborted
FROM stl_query q
WHERE q.query = $1;

-- name: sys_statement :many
-- Serverless: the statement in SYS_QUERY_HISTORY; session_id is the pid CANCEL takes (REFERENCE 2.1,
-- 1.24). Columns: query, session_id, xid, status, start_time, user_name.
-- params: $1 = query id
SELECT h.query_id AS query, h.session_id, h.transaction_id AS xid, trim(h.status) AS status, h.start_time,
       trim(u.usename) AS user_name
FROM sys_query_history h
LEFT JOIN pg_user u ON u.usesysid = h.user_id
WHERE h.query_id = $1;

-- name: sys_statements_on_session :many
-- Serverless: statements a session has planning, queued, running or returning now. Columns: query,
-- status, user_name.
-- params: $1 = session id (pid)
SELECT h.query_id AS query, trim(h.status) AS status, trim(u.usename) AS user_name
FROM sys_query_history h
LEFT JOIN pg_user u ON u.usesysid = h.user_id
WHERE h.session_id = $1 AND trim(h.status) IN ('planning', 'queued', 'running', 'returning')
ORDER BY h.start_time;

-- name: cancel_backend :one
-- Cancels the statement the session runs now (REFERENCE 2.2; same rule as CANCEL: own statements, or
-- superuser / sys:operator for anyone's).
-- params: $1 = pid
SELECT pg_cancel_backend($1);

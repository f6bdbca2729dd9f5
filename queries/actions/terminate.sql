-- Ending a session (REFERENCE 1.12, 2.2): re-read the session the user saw, end it by pid, then read
-- again to confirm. Ending a session rolls back its open transaction and releases its locks.

-- name: session_by_pid :many
-- Provisioned: the session holding a pid now (STV_SESSIONS.process is what PG_TERMINATE_BACKEND
-- takes). Columns: process, user_name, starttime.
-- params: $1 = pid
-- requires: provisioned
SELECT s.process, trim(s.user_name) AS user_name, s.starttime
FROM stv_sessions s
WHERE s.process = $1;

-- name: sys_session_by_pid :many
-- Serverless: the active session with this id (SYS_SESSION_HISTORY; user_id is char(50) holding the
-- numeric id, REFERENCE 1.24). Columns: process, user_name, starttime.
-- params: $1 = session id (pid)
SELECT h.session_id AS process, coalesce(trim(u.usename), trim(h.user_id)) AS user_name,
       h.start_time AS starttime
FROM sys_session_history h
LEFT JOIN pg_user u ON u.usesysid::text = trim(h.user_id)
WHERE h.session_id = $1 AND trim(h.status) = 'active';

-- name: terminate_backend :one
-- Ends the session: its open transaction is rolled back and its locks released (REFERENCE 2.2).
-- params: $1 = pid
SELECT pg_terminate_backend($1);

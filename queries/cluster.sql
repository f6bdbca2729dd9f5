-- name: server_identity :one
-- The server's version string (REFERENCE 1.1 "Server identity") and the login the session runs as.
-- Columns: version, user_name.
SELECT version() AS version, current_user AS user_name;

-- name: cancel_own_statement :one
-- Cancels a statement of one of Nightshift's own monitoring sessions (the pid from BackendKeyData) when
-- the app stops or a poll is abandoned; a user may always cancel their own queries (REFERENCE 2.2).
-- params: $1 = pid of Nightshift's own session
SELECT pg_cancel_backend($1) AS cancelled;

-- Who an admin action runs as (REFERENCE 2.2: what a user may cancel depends on it).

-- name: acting_user :one
-- The database user of this connection and whether it is a superuser, for the audit record and for
-- the words of a refusal. Columns: user_name, superuser.
SELECT trim(u.usename) AS user_name, u.usesuper AS superuser
FROM pg_user u
WHERE u.usename = current_user;

-- Probes run once per connection at connect time (collector capabilities, DESIGN.md §3): a provisioned
-- cluster can read the STL/STV relations; Serverless only has the SYS views (REFERENCE 1.1, 1.24).
-- A probe that fails with an SQL error means "not available"; an empty result is fine.

-- name: probe_stl_query :many
-- Can this login read STL_QUERY (provisioned history)?
SELECT 1 AS ok FROM stl_query LIMIT 1;

-- name: probe_stv_recents :many
-- Can this login read STV_RECENTS (provisioned live state)?
SELECT 1 AS ok FROM stv_recents LIMIT 1;

-- name: probe_sys_query_history :many
-- Can this login read SYS_QUERY_HISTORY (provisioned and Serverless)?
SELECT 1 AS ok FROM sys_query_history LIMIT 1;

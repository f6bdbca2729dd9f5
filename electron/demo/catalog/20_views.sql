-- The Redshift-named relations: views over the rs_internal base tables with the same columns, adding
-- the visibility rule of REFERENCE 1.1 / 6.4 (helpers in 05_visibility.sql).
--
-- * User-visible relations: a row is visible when the reader sees all rows (superuser, sys:monitor,
--   sys:operator, SYSLOG ACCESS UNRESTRICTED) or produced it (userid = reader's usesysid).
-- * Superuser-only relations (STL_COMMIT_STATS, SVV_TABLE_INFO): no rows for regular users, including
--   sys:monitor and SYSLOG ACCESS UNRESTRICTED holders, unless SELECT on the view is granted to them.
--
-- security_barrier: the visibility filter runs before any function of the caller's query, so a user
-- cannot leak hidden rows through a function of their own in WHERE. Owned by the installing superuser;
-- SELECT is granted to PUBLIC (also by the default privileges set in 01_schemas.sql).

-- User-visible relations keyed by userid.
CREATE VIEW rs_system.stl_query WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_query
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_querytext WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_querytext
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_wlm_query WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_wlm_query
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_load_errors WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_load_errors
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_loaderror_detail WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_loaderror_detail
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_load_commits WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_load_commits
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_file_scan WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_file_scan
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_scan WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_scan
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_insert WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_insert
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_delete WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_delete
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_alert_event_log WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_alert_event_log
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_wlm_rule_action WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_wlm_rule_action
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.svl_query_summary WITH (security_barrier) AS
  SELECT * FROM rs_internal.svl_query_summary
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.svl_query_metrics_summary WITH (security_barrier) AS
  SELECT * FROM rs_internal.svl_query_metrics_summary
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.svl_qlog WITH (security_barrier) AS
  SELECT * FROM rs_internal.svl_qlog
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_utilitytext WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_utilitytext
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.stl_ddltext WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_ddltext
  WHERE (SELECT rs_internal.sees_all_rows()) OR userid = (SELECT rs_internal.current_userid());

-- SYS views name the user column user_id (REFERENCE 1.24).
CREATE VIEW rs_system.sys_query_history WITH (security_barrier) AS
  SELECT * FROM rs_internal.sys_query_history
  WHERE (SELECT rs_internal.sees_all_rows()) OR user_id = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.sys_query_text WITH (security_barrier) AS
  SELECT * FROM rs_internal.sys_query_text
  WHERE (SELECT rs_internal.sees_all_rows()) OR user_id = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.sys_query_detail WITH (security_barrier) AS
  SELECT * FROM rs_internal.sys_query_detail
  WHERE (SELECT rs_internal.sees_all_rows()) OR user_id = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.sys_load_history WITH (security_barrier) AS
  SELECT * FROM rs_internal.sys_load_history
  WHERE (SELECT rs_internal.sees_all_rows()) OR user_id = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.sys_load_detail WITH (security_barrier) AS
  SELECT * FROM rs_internal.sys_load_detail
  WHERE (SELECT rs_internal.sees_all_rows()) OR user_id = (SELECT rs_internal.current_userid());

CREATE VIEW rs_system.sys_load_error_detail WITH (security_barrier) AS
  SELECT * FROM rs_internal.sys_load_error_detail
  WHERE (SELECT rs_internal.sees_all_rows()) OR user_id = (SELECT rs_internal.current_userid());

-- SYS_SESSION_HISTORY.user_id is char(50) holding the numeric id (REFERENCE 1.24).
CREATE VIEW rs_system.sys_session_history WITH (security_barrier) AS
  SELECT * FROM rs_internal.sys_session_history
  WHERE (SELECT rs_internal.sees_all_rows())
     OR rtrim(user_id) = (SELECT rs_internal.current_userid())::text;

-- Superuser-only relations (REFERENCE 1.20, 1.23, 6.4).
CREATE VIEW rs_system.stl_commit_stats WITH (security_barrier) AS
  SELECT * FROM rs_internal.stl_commit_stats
  WHERE (SELECT rs_internal.sees_superuser_relation('rs_system.stl_commit_stats'));

CREATE VIEW rs_system.svv_table_info WITH (security_barrier) AS
  SELECT * FROM rs_internal.svv_table_info
  WHERE (SELECT rs_internal.sees_superuser_relation('rs_system.svv_table_info'));

GRANT SELECT ON ALL TABLES IN SCHEMA rs_system TO PUBLIC;

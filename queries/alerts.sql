-- Optimizer alerts and query monitoring rule actions (REFERENCE 1.16, 1.17, 1.24), read incrementally:
-- inclusive of the cursor time, ordered by it; the collector upserts on natural keys.

-- name: alert_events_since :many
-- Provisioned: optimizer alerts logged at or after a time. Columns: query, slice, segment, step, pid,
-- xid, event, solution, event_time.
-- params: $1 = since (event_time; inclusive), $2 = page size
-- requires: provisioned
SELECT a.query, a.slice, a.segment, a.step, a.pid, a.xid, rtrim(a.event) AS event,
       rtrim(a.solution) AS solution, a.event_time
FROM stl_alert_event_log a
WHERE a.event_time >= $1
ORDER BY a.event_time, a.query
LIMIT $2;

-- name: rule_actions_since :many
-- Provisioned: QMR rule actions recorded at or after a time (action log, hop(reassign), hop(restart),
-- abort, change_query_priority or none). Columns: query, service_class, rule, action, recordtime,
-- action_value, service_class_name.
-- params: $1 = since (recordtime; inclusive), $2 = page size
-- requires: provisioned
SELECT r.query, r.service_class, trim(r.rule) AS rule, trim(r.action) AS action, r.recordtime,
       trim(r.action_value) AS action_value, trim(r.service_class_name) AS service_class_name
FROM stl_wlm_rule_action r
WHERE r.recordtime >= $1
ORDER BY r.recordtime, r.query
LIMIT $2;

-- name: sys_alerts_since :many
-- Serverless: alerts from SYS_QUERY_DETAIL (replaces STL_ALERT_EVENT_LOG) at or after a time.
-- Columns: query, stream_id, segment_id, step_id, alert, event_time.
-- params: $1 = since (start_time; inclusive), $2 = page size
SELECT d.query_id AS query, d.stream_id, d.segment_id, d.step_id, trim(d.alert) AS alert,
       d.start_time AS event_time
FROM sys_query_detail d
WHERE d.alert IS NOT NULL
  AND trim(d.alert) <> ''
  AND d.start_time >= $1
ORDER BY d.start_time, d.query_id
LIMIT $2;

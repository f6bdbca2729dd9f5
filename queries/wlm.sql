-- WLM queues: configuration and pressure (REFERENCE 1.2, 1.7-1.9). STV_WLM_SERVICE_CLASS_CONFIG and
-- _STATE are superuser-only: a regular monitoring login gets no rows from them, and the collector then
-- counts running and queued statements from STV_WLM_QUERY_STATE alone. Service classes 1-4 are
-- reserved for the system and left out.

-- name: wlm_service_classes :many
-- The queues as configured right now (max_execution_time in milliseconds, REFERENCE 6.2;
-- num_query_tasks -1 under automatic WLM). Columns: service_class, name, num_query_tasks,
-- target_num_query_tasks, query_working_mem, target_query_working_mem, max_execution_time,
-- user_group_wild_card, query_group_wild_card, concurrency_scaling, query_priority.
-- requires: provisioned
SELECT c.service_class, trim(c.name) AS name, c.num_query_tasks, c.target_num_query_tasks,
       c.query_working_mem, c.target_query_working_mem, c.max_execution_time, c.user_group_wild_card,
       c.query_group_wild_card, trim(c.concurrency_scaling) AS concurrency_scaling,
       trim(c.query_priority) AS query_priority
FROM stv_wlm_service_class_config c
WHERE c.service_class > 4
ORDER BY c.service_class;

-- name: wlm_service_class_state :many
-- Per queue: its name, slots and the queued / executing counts WLM keeps (REFERENCE 1.9).
-- Columns: service_class, name, num_query_tasks, num_queued_queries, num_executing_queries.
-- requires: provisioned
SELECT c.service_class, trim(c.name) AS name, c.num_query_tasks, s.num_queued_queries,
       s.num_executing_queries
FROM stv_wlm_service_class_config c
JOIN stv_wlm_service_class_state s ON s.service_class = c.service_class
WHERE c.service_class > 4
ORDER BY c.service_class;

-- name: wlm_query_counts :many
-- Per queue: statements queued and running right now, counted from STV_WLM_QUERY_STATE (user-visible:
-- a login with SYSLOG ACCESS UNRESTRICTED sees everyone's), and the slots they hold.
-- Columns: service_class, queued, running, slots_in_use.
-- requires: provisioned
SELECT s.service_class,
       SUM(CASE WHEN trim(s.state) IN ('Queued', 'QueuedWaiting') THEN 1 ELSE 0 END) AS queued,
       SUM(CASE WHEN trim(s.state) IN ('Running', 'Returning') THEN 1 ELSE 0 END) AS running,
       SUM(CASE WHEN trim(s.state) IN ('Running', 'Returning') THEN s.slot_count ELSE 0 END) AS slots_in_use
FROM stv_wlm_query_state s
WHERE s.service_class > 4
GROUP BY s.service_class
ORDER BY s.service_class;

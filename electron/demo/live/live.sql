-- The live relations of the Redshift double (REFERENCE 1.7-1.12): what is running, queued and connected
-- right now. The WLM proxy (electron/demo/proxy) is the only writer: it calls the rs_internal.live_*
-- functions below on its own admin connection whenever a session or a statement changes state, so a
-- SELECT on the views sees the current state at once. Installed after the catalog (it uses the
-- visibility helpers of catalog/05_visibility.sql and rs_internal.record_query). Idempotent.
--
-- Times are `timestamp` in UTC (REFERENCE 1.1); elapsed times in MICROSECONDS (REFERENCE 6.2) computed
-- from now() when read. Literal casing per relation (REFERENCE 6.1): STV_RECENTS Running/Done,
-- STV_WLM_QUERY_STATE QueuedWaiting/Running/Returning.
-- Long because the live relations share their base tables and writer functions: the views and the
-- functions the proxy calls must change together.

-- ---- base tables --------------------------------------------------------------------------------

-- The active wlm_json_configuration (double-contract). One row.
CREATE TABLE IF NOT EXISTS rs_internal.wlm_active (
  id         integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  json       text NOT NULL,
  applied_at timestamp NOT NULL
);

-- Client sessions connected through the proxy (STV_SESSIONS). process = the PostgreSQL backend pid,
-- which is what pg_backend_pid() returns and what PG_TERMINATE_BACKEND takes (REFERENCE 1.12, 2.1).
CREATE TABLE IF NOT EXISTS rs_internal.live_session (
  process     integer PRIMARY KEY,
  userid      integer NOT NULL,
  user_name   text NOT NULL,
  db_name     text NOT NULL,
  starttime   timestamp NOT NULL,
  timeout_sec integer NOT NULL DEFAULT 0,
  -- true when `process` is not a backend of the engine: a simulated session of the live workload, or
  -- any session on a single-backend engine (PGlite), where the proxy hands out virtual pids.
  virtual     boolean NOT NULL DEFAULT false
);
ALTER TABLE rs_internal.live_session ADD COLUMN IF NOT EXISTS virtual boolean NOT NULL DEFAULT false;

-- Statements WLM is tracking, plus finished ones for a while (STV_RECENTS keeps them as Done, pid -1).
CREATE TABLE IF NOT EXISTS rs_internal.live_query (
  query          integer PRIMARY KEY,
  pid            integer NOT NULL,
  userid         integer NOT NULL,
  user_name      text NOT NULL,
  db_name        text NOT NULL,
  xid            bigint NOT NULL,
  service_class  integer NOT NULL,
  slot_count     integer NOT NULL,
  label          text NOT NULL,
  query_priority text NOT NULL,
  state          text NOT NULL CHECK (state IN ('QueuedWaiting', 'Running', 'Returning', 'Done')),
  wlm_start_time timestamp NOT NULL,
  exec_start     timestamp,
  endtime        timestamp,
  querytxt       text NOT NULL,
  aborted        integer
);
CREATE INDEX IF NOT EXISTS live_query_state_idx ON rs_internal.live_query (state, service_class);

-- Service classes of the active configuration as the proxy applies them: reported vs target values
-- during a dynamic change (REFERENCE 1.8, 3.5) and the counters of STV_WLM_SERVICE_CLASS_STATE (1.9),
-- which restart from zero with the proxy like Redshift's do with the cluster.
CREATE TABLE IF NOT EXISTS rs_internal.live_service_class (
  service_class                   integer PRIMARY KEY,
  name                            text NOT NULL,
  num_query_tasks                 integer NOT NULL,
  target_num_query_tasks          integer NOT NULL,
  query_working_mem               integer NOT NULL,
  target_query_working_mem        integer NOT NULL,
  max_execution_time              bigint NOT NULL,
  user_group_wild_card            boolean NOT NULL,
  query_group_wild_card           boolean NOT NULL,
  concurrency_scaling             text NOT NULL,
  query_priority                  text NOT NULL,
  num_serviced_queries            integer NOT NULL DEFAULT 0,
  num_executed_queries            integer NOT NULL DEFAULT 0,
  num_evicted_queries             integer NOT NULL DEFAULT 0,
  num_concurrency_scaling_queries integer NOT NULL DEFAULT 0
);

REVOKE ALL ON rs_internal.wlm_active, rs_internal.live_session, rs_internal.live_query,
  rs_internal.live_service_class FROM PUBLIC;

-- ---- writer functions (called by the proxy's admin connection, a superuser) ------------------------

-- Forget everything live: the proxy (re)starts with no sessions. Finished statements stay for STV_RECENTS.
CREATE OR REPLACE FUNCTION rs_internal.live_reset() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM rs_internal.live_session;
  DELETE FROM rs_internal.live_query WHERE state <> 'Done';
  UPDATE rs_internal.live_service_class
     SET num_serviced_queries = 0, num_executed_queries = 0, num_evicted_queries = 0,
         num_concurrency_scaling_queries = 0;
$$;

-- A session finished authenticating. Returns what WLM routing needs: the user's id, whether it is a
-- superuser, and its groups (Redshift user groups = PostgreSQL roles it is a member of).
DROP FUNCTION IF EXISTS rs_internal.live_session_start(integer, text, text, timestamp);
CREATE OR REPLACE FUNCTION rs_internal.live_session_start(
  p_pid integer, p_user_name text, p_db_name text, p_starttime timestamp, p_virtual boolean DEFAULT false)
RETURNS TABLE (userid integer, superuser boolean, groups text[])
LANGUAGE plpgsql AS $$
DECLARE
  v_userid integer;
  v_super boolean;
BEGIN
  SELECT u.usesysid::integer, u.usesuper INTO v_userid, v_super FROM pg_catalog.pg_user u WHERE u.usename = p_user_name;
  INSERT INTO rs_internal.live_session (process, userid, user_name, db_name, starttime, virtual)
  VALUES (p_pid, coalesce(v_userid, 0), p_user_name, p_db_name, p_starttime, p_virtual)
  ON CONFLICT (process) DO UPDATE
    SET userid = EXCLUDED.userid, user_name = EXCLUDED.user_name, db_name = EXCLUDED.db_name,
        starttime = EXCLUDED.starttime, virtual = EXCLUDED.virtual;
  -- Memberships from pg_auth_members (direct and inherited through other roles); not pg_has_role(),
  -- which says a superuser is a member of every role and would route superusers by every user group.
  RETURN QUERY
  WITH RECURSIVE member_of(roleid) AS (
    SELECT m.roleid FROM pg_catalog.pg_auth_members m
     WHERE m.member = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = p_user_name)
    UNION
    SELECT m.roleid FROM pg_catalog.pg_auth_members m JOIN member_of ON m.member = member_of.roleid
  )
  SELECT coalesce(v_userid, 0), coalesce(v_super, false),
         coalesce((SELECT array_agg(r.rolname::text ORDER BY r.rolname)
                     FROM member_of JOIN pg_catalog.pg_roles r ON r.oid = member_of.roleid), ARRAY[]::text[]);
END
$$;

CREATE OR REPLACE FUNCTION rs_internal.live_session_end(p_pid integer) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM rs_internal.live_session WHERE process = p_pid;
$$;

-- A statement entered WLM (queued or straight to running). Allocates its query id, and its xid unless
-- the session's transaction already has one. Returns both.
CREATE OR REPLACE FUNCTION rs_internal.live_query_start(
  p_pid integer, p_userid integer, p_user_name text, p_db_name text, p_xid bigint, p_service_class integer,
  p_slot_count integer, p_label text, p_query_priority text, p_state text, p_wlm_start_time timestamp,
  p_exec_start timestamp, p_querytxt text)
RETURNS TABLE (query integer, xid bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_query integer := nextval('rs_internal.query_id_seq');
  v_xid bigint := coalesce(p_xid, nextval('rs_internal.xid_seq'));
BEGIN
  INSERT INTO rs_internal.live_query (query, pid, userid, user_name, db_name, xid, service_class, slot_count,
    label, query_priority, state, wlm_start_time, exec_start, querytxt)
  VALUES (v_query, p_pid, p_userid, p_user_name, p_db_name, v_xid, p_service_class, p_slot_count, p_label,
    p_query_priority, p_state, p_wlm_start_time, p_exec_start, p_querytxt);
  UPDATE rs_internal.live_service_class c
     SET num_serviced_queries = c.num_serviced_queries + 1,
         num_executed_queries = c.num_executed_queries + CASE WHEN p_state = 'Running' THEN 1 ELSE 0 END
   WHERE c.service_class = p_service_class;
  RETURN QUERY SELECT v_query, v_xid;
END
$$;

-- QueuedWaiting -> Running (slots became free) or Running -> Returning (first row sent to the client).
CREATE OR REPLACE FUNCTION rs_internal.live_query_state(p_query integer, p_state text, p_exec_start timestamp)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_service_class integer;
BEGIN
  UPDATE rs_internal.live_query q
     SET state = p_state, exec_start = coalesce(q.exec_start, p_exec_start)
   WHERE q.query = p_query AND q.state <> 'Done'
  RETURNING q.service_class INTO v_service_class;
  IF p_state = 'Running' AND v_service_class IS NOT NULL THEN
    UPDATE rs_internal.live_service_class c SET num_executed_queries = c.num_executed_queries + 1
     WHERE c.service_class = v_service_class;
  END IF;
END
$$;

-- A statement finished (or was cancelled while queued). Writes its history through the catalog's
-- rs_internal.record_query (double-contract) unless p_record is false, keeps it as Done for STV_RECENTS,
-- and forgets Done statements older than ten minutes.
CREATE OR REPLACE FUNCTION rs_internal.live_query_done(
  p_query integer, p_endtime timestamp, p_aborted integer, p_record boolean)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  q rs_internal.live_query;
BEGIN
  UPDATE rs_internal.live_query l
     SET state = 'Done', endtime = p_endtime, aborted = p_aborted, exec_start = coalesce(l.exec_start, p_endtime)
   WHERE l.query = p_query
  RETURNING * INTO q;
  IF FOUND AND p_record THEN
    BEGIN
      PERFORM rs_internal.record_query(q.query, q.userid, q.pid, q.xid, q.label, q.service_class, q.slot_count,
        q.querytxt, q.wlm_start_time, q.exec_start, q.endtime, q.aborted);
    EXCEPTION WHEN undefined_function THEN
      NULL; -- catalog without the history writer: live relations still work
    END;
  END IF;
  DELETE FROM rs_internal.live_query l
   WHERE l.state = 'Done' AND l.endtime < p_endtime - interval '10 minutes';
END
$$;

-- Installs a WLM configuration (p_json; NULL = only the class rows changed, e.g. a dynamic transition
-- ended). p_classes: one JSON object per service class with the columns of live_service_class.
CREATE OR REPLACE FUNCTION rs_internal.live_apply_wlm(p_json text, p_applied_at timestamp, p_classes json)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_json IS NOT NULL THEN
    INSERT INTO rs_internal.wlm_active (id, json, applied_at) VALUES (1, p_json, p_applied_at)
    ON CONFLICT (id) DO UPDATE SET json = EXCLUDED.json, applied_at = EXCLUDED.applied_at;
  END IF;
  DELETE FROM rs_internal.live_service_class c
   WHERE c.service_class NOT IN (SELECT (e ->> 'service_class')::integer FROM json_array_elements(p_classes) e);
  INSERT INTO rs_internal.live_service_class AS c (service_class, name, num_query_tasks, target_num_query_tasks,
    query_working_mem, target_query_working_mem, max_execution_time, user_group_wild_card, query_group_wild_card,
    concurrency_scaling, query_priority)
  SELECT r.service_class, r.name, r.num_query_tasks, r.target_num_query_tasks, r.query_working_mem,
         r.target_query_working_mem, r.max_execution_time, r.user_group_wild_card, r.query_group_wild_card,
         r.concurrency_scaling, r.query_priority
    FROM json_populate_recordset(NULL::rs_internal.live_service_class, p_classes) r
  ON CONFLICT (service_class) DO UPDATE
    SET name = EXCLUDED.name, num_query_tasks = EXCLUDED.num_query_tasks,
        target_num_query_tasks = EXCLUDED.target_num_query_tasks, query_working_mem = EXCLUDED.query_working_mem,
        target_query_working_mem = EXCLUDED.target_query_working_mem,
        max_execution_time = EXCLUDED.max_execution_time, user_group_wild_card = EXCLUDED.user_group_wild_card,
        query_group_wild_card = EXCLUDED.query_group_wild_card, concurrency_scaling = EXCLUDED.concurrency_scaling,
        query_priority = EXCLUDED.query_priority;
END
$$;

REVOKE ALL ON FUNCTION rs_internal.live_reset(), rs_internal.live_session_start(integer, text, text, timestamp, boolean),
  rs_internal.live_session_end(integer),
  rs_internal.live_query_start(integer, integer, text, text, bigint, integer, integer, text, text, text, timestamp,
    timestamp, text),
  rs_internal.live_query_state(integer, text, timestamp),
  rs_internal.live_query_done(integer, timestamp, integer, boolean),
  rs_internal.live_apply_wlm(text, timestamp, json) FROM PUBLIC;

-- ---- governance functions (REFERENCE 2.2) --------------------------------------------------------
-- The proxy rewrites unqualified pg_cancel_backend( / pg_terminate_backend( and CANCEL <pid> to these
-- (proxy/rewrites.ts). They run as their owner (the installing superuser) and apply Redshift's rules
-- themselves: a user may signal their own sessions; superusers and sys:operator members any session
-- (REFERENCE 2.2, 6.4). session_user is the caller (current_user is the owner inside SECURITY DEFINER).
--
-- Result: one row, one integer column named after the function, value 1 (REFERENCE 2.2 / 7.1 leave the
-- real wire result unverified; this is the one place to change it).

-- Checks the caller may signal p_pid and returns whether p_pid is a backend of the engine (false for
-- a virtual pid: simulated session, or PGlite - see live_session.virtual).
DROP FUNCTION IF EXISTS rs_internal.live_check_signal(integer, text);
CREATE FUNCTION rs_internal.live_check_signal(p_pid integer, p_action text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_target text;
  v_real boolean := false;
  v_super boolean;
BEGIN
  SELECT s.user_name, NOT s.virtual INTO v_target, v_real FROM rs_internal.live_session s WHERE s.process = p_pid;
  IF NOT FOUND THEN
    -- Not through the proxy (e.g. a direct connection to the engine): still a session to signal.
    SELECT a.usename, true INTO v_target, v_real
      FROM pg_stat_activity a WHERE a.pid = p_pid AND a.backend_type = 'client backend';
  END IF;
  IF v_target IS NULL THEN
    -- CANCEL's documented message for a pid that is no session (REFERENCE 2.2).
    RAISE EXCEPTION USING ERRCODE = 'XX000', MESSAGE = format(
      'Session %s does not exist. The session PID might have changed. Check the stl_restarted_sessions system table for details.',
      p_pid);
  END IF;
  SELECT r.rolsuper INTO v_super FROM pg_roles r WHERE r.rolname = session_user;
  IF NOT (coalesce(v_super, false) OR v_target = session_user OR pg_has_role(session_user, 'sys:operator', 'MEMBER')) THEN
    -- [unverified] Redshift's wording for this refusal.
    RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = format(
      'permission denied: %s may only %s its own queries', session_user, p_action);
  END IF;
  RETURN v_real;
END
$$;
REVOKE ALL ON FUNCTION rs_internal.live_check_signal(integer, text) FROM PUBLIC;

-- The notifications reach the proxy on its admin connection's LISTEN; on PGlite (one backend shared by
-- every connection) they come out in the caller's own session, where the proxy picks them up too.
CREATE OR REPLACE FUNCTION rs_system.pg_cancel_backend(pid integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- A session through the proxy is cancelled by the proxy, on the notification below (delivered when
  -- the caller's transaction commits): it alone knows whether the statement is still held (queued in
  -- WLM: cancelled there, with Redshift's message) or in the engine (it sends the engine a cancel
  -- request). Signalling the backend here as well would race that: the signal could hit the statement
  -- reporting the proxy's cancel, or the session's next one. Other backends are signalled directly.
  IF rs_internal.live_check_signal(pid, 'cancel')
     AND NOT EXISTS (SELECT 1 FROM rs_internal.live_session s WHERE s.process = pid) THEN
    PERFORM pg_catalog.pg_cancel_backend(pid);
  END IF;
  PERFORM pg_catalog.pg_notify('rs_live_cancel', pid::text);
  RETURN 1;
END
$$;

CREATE OR REPLACE FUNCTION rs_system.pg_terminate_backend(pid integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF rs_internal.live_check_signal(pid, 'terminate') THEN
    PERFORM pg_catalog.pg_terminate_backend(pid);
  ELSE
    PERFORM pg_catalog.pg_notify('rs_live_terminate', pid::text);
  END IF;
  RETURN 1;
END
$$;

-- pg_backend_pid() for sessions with a virtual pid: the proxy rewrites pg_backend_pid() to this with
-- the session's pid, so the value matches STV_SESSIONS / STV_RECENTS (REFERENCE 2.1).
CREATE OR REPLACE FUNCTION rs_system.pg_backend_pid(pid integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT pid $$;

-- pg_last_query_id() / pg_last_copy_id() (REFERENCE 2.1, 6.5): only the proxy knows a session's last
-- query, so it rewrites the calls to these with the value (-1 when none), keeping the column names.
CREATE OR REPLACE FUNCTION rs_system.pg_last_query_id(query integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT query $$;
CREATE OR REPLACE FUNCTION rs_system.pg_last_copy_id(query integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT query $$;

-- CHANGE_QUERY_PRIORITY(query_id, priority) (REFERENCE 2.3): superuser function; priorities apply to
-- Auto WLM queries (manual queues have none: 'n/a' in STV_WLM_QUERY_STATE); one CRITICAL query at a time.
-- The new priority shows in STV_WLM_QUERY_STATE.query_priority (lowercase, REFERENCE 1.7 / 6.1); the
-- double does not reorder queues by priority. Refusal wordings are [unverified].
CREATE OR REPLACE FUNCTION rs_system.change_query_priority(query_id integer, priority text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_new text := lower(btrim($2));
  v_old text;
BEGIN
  IF NOT coalesce((SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = session_user), false) THEN
    RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: change_query_priority requires a superuser';
  END IF;
  IF v_new IS NULL OR v_new NOT IN ('critical', 'highest', 'high', 'normal', 'low', 'lowest') THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('invalid query priority: %s', $2);
  END IF;
  SELECT q.query_priority INTO v_old FROM rs_internal.live_query q WHERE q.query = $1 AND q.state <> 'Done';
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('query %s is not queued or running', $1);
  END IF;
  IF v_old = 'n/a' THEN
    RAISE EXCEPTION USING ERRCODE = '0A000', MESSAGE = 'query priority can only be changed in automatic WLM queues';
  END IF;
  IF v_new = 'critical' AND EXISTS (SELECT 1 FROM rs_internal.live_query q
                                     WHERE q.query_priority = 'critical' AND q.state <> 'Done' AND q.query <> $1) THEN
    RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = 'another query already runs at CRITICAL priority';
  END IF;
  UPDATE rs_internal.live_query q SET query_priority = v_new WHERE q.query = $1;
  RETURN format('Succeeded to change query priority. Priority changed from %s to %s.', initcap(v_old), initcap(v_new));
END
$$;

GRANT EXECUTE ON FUNCTION rs_system.pg_cancel_backend(integer), rs_system.pg_terminate_backend(integer),
  rs_system.pg_backend_pid(integer), rs_system.pg_last_query_id(integer), rs_system.pg_last_copy_id(integer),
  rs_system.change_query_priority(integer, text) TO PUBLIC;

-- ---- views (REFERENCE columns, order, declared types) -----------------------------------------------

-- STV_RECENTS (REFERENCE 1.10): user-visible; queued statements are 'Running' here but absent from
-- STV_INFLIGHT (6.3); finished ones 'Done' with pid -1. duration: microseconds, capped to integer.
CREATE OR REPLACE VIEW rs_system.stv_recents WITH (security_barrier) AS
  SELECT q.userid::integer AS userid,
         (CASE WHEN q.state = 'Done' THEN 'Done' ELSE 'Running' END)::character(20) AS status,
         q.wlm_start_time::timestamp AS starttime,
         least(greatest(extract(epoch FROM coalesce(q.endtime, now() AT TIME ZONE 'UTC') - q.wlm_start_time), 0)
               * 1000000, 2147483647)::integer AS duration,
         q.user_name::character(50) AS user_name,
         q.db_name::character(50) AS db_name,
         left(q.querytxt, 600)::character(600) AS query,
         (CASE WHEN q.state = 'Done' THEN -1 ELSE q.pid END)::integer AS pid
    FROM rs_internal.live_query q
   WHERE (SELECT rs_internal.sees_all_rows()) OR q.userid = (SELECT rs_internal.current_userid());

-- STV_INFLIGHT (REFERENCE 1.11): executing statements only (not queued). slice: the leader-node slice
-- number seen in AWS samples. label: 'default' when no query group is set (6.3).
CREATE OR REPLACE VIEW rs_system.stv_inflight WITH (security_barrier) AS
  SELECT q.userid::integer AS userid,
         12811::integer AS slice,
         q.query::integer AS query,
         q.label::character(320) AS label,
         q.xid::bigint AS xid,
         q.pid::integer AS pid,
         q.exec_start::timestamp AS starttime,
         left(q.querytxt, 100)::character(100) AS text,
         0::integer AS suspended,
         0::integer AS insert_pristine,
         0::integer AS concurrency_scaling_status
    FROM rs_internal.live_query q
   WHERE q.state IN ('Running', 'Returning')
     AND ((SELECT rs_internal.sees_all_rows()) OR q.userid = (SELECT rs_internal.current_userid()));

-- STV_SESSIONS (REFERENCE 1.12): every client session connected through the proxy.
CREATE OR REPLACE VIEW rs_system.stv_sessions WITH (security_barrier) AS
  SELECT s.starttime::timestamp AS starttime,
         s.process::integer AS process,
         s.user_name::character(50) AS user_name,
         s.db_name::character(50) AS db_name,
         s.timeout_sec::integer AS timeout_sec
    FROM rs_internal.live_session s
   WHERE (SELECT rs_internal.sees_all_rows()) OR s.userid = (SELECT rs_internal.current_userid());

-- STV_WLM_QUERY_STATE (REFERENCE 1.7): queued and running statements; xid is integer here (6.1);
-- task = query (no WLM restarts/hops are emulated, 6.3); times in microseconds so far.
CREATE OR REPLACE VIEW rs_system.stv_wlm_query_state WITH (security_barrier) AS
  SELECT q.xid::integer AS xid,
         q.query::integer AS task,
         q.query::integer AS query,
         q.service_class::integer AS service_class,
         q.slot_count::integer AS slot_count,
         q.wlm_start_time::timestamp AS wlm_start_time,
         q.state::character(16) AS state,
         (greatest(extract(epoch FROM coalesce(q.exec_start, now() AT TIME ZONE 'UTC') - q.wlm_start_time), 0)
           * 1000000)::bigint AS queue_time,
         (CASE WHEN q.exec_start IS NULL THEN 0
               ELSE greatest(extract(epoch FROM (now() AT TIME ZONE 'UTC') - q.exec_start), 0) * 1000000
          END)::bigint AS exec_time,
         q.query_priority::character(20) AS query_priority
    FROM rs_internal.live_query q
   WHERE q.state IN ('QueuedWaiting', 'Running', 'Returning')
     AND ((SELECT rs_internal.sees_all_rows()) OR q.userid = (SELECT rs_internal.current_userid()));

-- STV_WLM_SERVICE_CLASS_CONFIG (REFERENCE 1.8): superuser-only. Reserved columns carry fixed values.
CREATE OR REPLACE VIEW rs_system.stv_wlm_service_class_config WITH (security_barrier) AS
  SELECT c.service_class::integer AS service_class,
         'FIFO'::character(32) AS queueing_strategy,
         c.num_query_tasks::integer AS num_query_tasks,
         c.target_num_query_tasks::integer AS target_num_query_tasks,
         'false'::character(8) AS evictable,
         0::bigint AS eviction_threshold,
         c.query_working_mem::integer AS query_working_mem,
         c.target_query_working_mem::integer AS target_query_working_mem,
         0::integer AS min_step_mem,
         c.name::character(64) AS name,
         c.max_execution_time::bigint AS max_execution_time,
         c.user_group_wild_card::boolean AS user_group_wild_card,
         c.query_group_wild_card::boolean AS query_group_wild_card,
         c.concurrency_scaling::character(20) AS concurrency_scaling,
         c.query_priority::character(20) AS query_priority,
         false::boolean AS user_role_wild_card
    FROM rs_internal.live_service_class c
   WHERE (SELECT rs_internal.sees_superuser_relation('rs_system.stv_wlm_service_class_config'));

-- STV_WLM_SERVICE_CLASS_STATE (REFERENCE 1.9): superuser-only; queued/executing counted live.
CREATE OR REPLACE VIEW rs_system.stv_wlm_service_class_state WITH (security_barrier) AS
  SELECT c.service_class::integer AS service_class,
         (SELECT count(*) FROM rs_internal.live_query q
           WHERE q.service_class = c.service_class AND q.state = 'QueuedWaiting')::integer AS num_queued_queries,
         (SELECT count(*) FROM rs_internal.live_query q
           WHERE q.service_class = c.service_class AND q.state IN ('Running', 'Returning'))::integer
           AS num_executing_queries,
         c.num_serviced_queries::integer AS num_serviced_queries,
         c.num_executed_queries::integer AS num_executed_queries,
         c.num_evicted_queries::integer AS num_evicted_queries,
         c.num_concurrency_scaling_queries::integer AS num_concurrency_scaling_queries
    FROM rs_internal.live_service_class c
   WHERE (SELECT rs_internal.sees_superuser_relation('rs_system.stv_wlm_service_class_state'));

GRANT SELECT ON rs_system.stv_recents, rs_system.stv_inflight, rs_system.stv_sessions,
  rs_system.stv_wlm_query_state, rs_system.stv_wlm_service_class_config, rs_system.stv_wlm_service_class_state
  TO PUBLIC;

-- History writes for one finished statement (double-contract "record_query"), plus the text helpers it
-- uses. Superuser-only: the live part of the double calls it after each statement it runs for real.

-- Statement text as Redshift stores it in the 200/4000-character piece tables (REFERENCE 1.5, 6.3):
-- a backslash becomes the two characters \\ and a newline the two characters \n.
CREATE FUNCTION rs_internal.escape_statement_text(p_text text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN replace(replace(p_text, '\', '\\'), E'\n', '\n');

-- Splits text into escaped pieces of at most p_piece_length characters, numbered from 0. An escape
-- sequence is never split across two pieces (REFERENCE 1.5: the DG example ends a piece at 199
-- characters and starts the next with \n), so a piece can be one character short. Empty text still
-- gives one (empty, later blank-padded) piece.
CREATE FUNCTION rs_internal.split_statement_text(p_text text, p_piece_length integer)
RETURNS TABLE (piece_no integer, piece text)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  v_escaped text := rs_internal.escape_statement_text(coalesce(p_text, ''));
  v_length integer := length(v_escaped);
  v_pos integer := 1;
BEGIN
  piece_no := 0;
  LOOP
    piece := substr(v_escaped, v_pos, p_piece_length);
    -- Every piece starts on an escape boundary, so an odd run of trailing backslashes means the last
    -- one opens an escape whose second character would fall into the next piece.
    IF length(piece) = p_piece_length AND length(substring(piece FROM '\\*$')) % 2 = 1 THEN
      piece := left(piece, -1);
    END IF;
    RETURN NEXT;
    v_pos := v_pos + length(piece);
    EXIT WHEN v_pos > v_length;
    piece_no := piece_no + 1;
  END LOOP;
END
$$;

-- SYS_QUERY_HISTORY.query_type from the statement's first keyword, leading comments skipped. Only the
-- values REFERENCE 1.24 lists: DELETE/MERGE, which it does not name, are OTHER.
CREATE FUNCTION rs_internal.query_type_of(p_text text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  v_text text := coalesce(p_text, '');
  v_end integer;
BEGIN
  LOOP
    v_text := ltrim(v_text, E' \t\r\n');
    IF left(v_text, 2) = '--' THEN
      v_end := strpos(v_text, E'\n');
      v_text := CASE WHEN v_end = 0 THEN '' ELSE substr(v_text, v_end + 1) END;
    ELSIF left(v_text, 2) = '/*' THEN
      v_end := strpos(substr(v_text, 3), '*/');
      v_text := CASE WHEN v_end = 0 THEN '' ELSE substr(v_text, v_end + 4) END;
    ELSE
      EXIT;
    END IF;
  END LOOP;
  RETURN CASE
    WHEN v_text ~* '^create\s+(temp\s+|temporary\s+)?table\s+\S+(\s*\([^)]*\))?\s+as\M' THEN 'CTAS'
    WHEN v_text ~* '^(select|with)\M' THEN 'SELECT'
    WHEN v_text ~* '^insert\M' THEN 'INSERT'
    WHEN v_text ~* '^update\M' THEN 'UPDATE'
    WHEN v_text ~* '^copy\M' THEN 'COPY'
    WHEN v_text ~* '^unload\M' THEN 'UNLOAD'
    WHEN v_text ~* '^(create|alter|drop)\M' THEN 'DDL'
    WHEN v_text ~* '^(vacuum|analyze)\M' THEN 'COMMAND'
    WHEN v_text ~* '^(set|reset|show|begin|start|commit|end|abort|rollback)\M' THEN 'UTILITY'
    WHEN v_text ~* '^(grant|revoke|cancel)\M' THEN 'UTILITY'
    WHEN v_text ~* '^(lock|truncate|call|comment|explain)\M' THEN 'UTILITY'
    ELSE 'OTHER'
  END;
END
$$;

-- Queue name of a service class for the *_name columns. Takes it from the live WLM view when the live
-- part of the double has installed it; otherwise (catalog-only databases, e.g. this part's tests) from
-- the fixed ids of REFERENCE 1.2 and the names AWS's samples show (REFERENCE 1.8).
CREATE FUNCTION rs_internal.service_class_name(p_service_class integer) RETURNS text
LANGUAGE plpgsql STABLE
AS $$
DECLARE
  v_name text;
BEGIN
  IF pg_catalog.to_regclass('rs_system.stv_wlm_service_class_config') IS NOT NULL THEN
    EXECUTE 'SELECT rtrim(name) FROM rs_system.stv_wlm_service_class_config WHERE service_class = $1'
      INTO v_name USING p_service_class;
    IF v_name IS NOT NULL THEN
      RETURN v_name;
    END IF;
  END IF;
  RETURN CASE
    WHEN p_service_class = 5 THEN 'Service class for super user'
    WHEN p_service_class = 14 THEN 'Short query queue'
    WHEN p_service_class BETWEEN 6 AND 13 THEN 'Queue ' || (p_service_class - 5)
    WHEN p_service_class >= 100 THEN 'Queue ' || (p_service_class - 99)
    ELSE 'System'
  END;
END
$$;

CREATE FUNCTION rs_internal.record_query(
  p_query integer,
  p_userid integer,
  p_pid integer,
  p_xid bigint,
  p_label text,
  p_service_class integer,
  p_slot_count integer,
  p_querytxt text,
  p_starttime timestamp,
  p_exec_start timestamp,
  p_endtime timestamp,
  p_aborted integer
) RETURNS void
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
  -- ---- Values the call does not give: every choice lives here. ----
  -- Database the session was connected to: `dev` in the double; current_database() so that tests
  -- installing into databases of their own stay consistent.
  c_database constant text := current_database();
  -- query_group label; the literal `default` when none is set (REFERENCE 1.4, 6.3). Stored whole: the
  -- 30-character cut of an old DG page is unverified (REFERENCE 7.3).
  c_label constant text := coalesce(nullif(btrim(p_label), ''), 'default');
  -- Writes were allowed while it ran; it ran on the main cluster (REFERENCE 1.4).
  c_insert_pristine constant integer := 0;
  c_concurrency_scaling_status constant integer := 0;
  c_concurrency_scaling_status_txt constant text := 'Ran on the main cluster';
  -- The statement finished (success or cancel); a cancel shows in STL_QUERY.aborted, not here
  -- (REFERENCE 1.3: `Completed` = "finished, success or cancel"). `Evicted` is for WLM restarts, which
  -- record_query does not model: one call = one attempt, so task = query.
  c_final_state constant text := 'Completed';
  c_est_peak_mem constant bigint := 0; -- "reserved"
  -- Priorities only exist under automatic WLM (service classes >= 100, REFERENCE 1.2): `n/a` in
  -- STL_WLM_QUERY and NULL in SYS_QUERY_HISTORY for manual queues.
  c_stl_priority constant text := CASE WHEN p_service_class >= 100 THEN 'normal' ELSE 'n/a' END;
  c_sys_priority constant text := CASE WHEN p_service_class >= 100 THEN 'normal' END;
  -- Engine version, provisioned compute, no result cache, no usage limit, no compile/plan/lock waits,
  -- result sizes not known to the caller.
  c_redshift_version constant text := '1.0.77467';
  c_compute_type constant text := 'primary';
  c_returned_rows constant bigint := 0;
  c_returned_bytes constant bigint := 0;
  c_query_hash_version constant integer := 2;
  -- ---- Derived values ----
  v_queue_us bigint;
  v_exec_us bigint;
  v_sys_query_id bigint;
  v_username text;
  v_service_class_name text := rs_internal.service_class_name(p_service_class);
BEGIN
  IF p_query IS NULL OR p_userid IS NULL OR p_starttime IS NULL OR p_exec_start IS NULL
     OR p_endtime IS NULL OR p_aborted IS NULL THEN
    RAISE EXCEPTION 'record_query: query, userid, times and aborted are required'
      USING ERRCODE = 'null_value_not_allowed';
  END IF;
  IF NOT (p_starttime <= p_exec_start AND p_exec_start <= p_endtime) THEN
    RAISE EXCEPTION 'record_query: times out of order (start %, exec start %, end %)',
      p_starttime, p_exec_start, p_endtime USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- Microseconds (REFERENCE 6.2); queue time + execution time = start -> end (REFERENCE 1.4).
  v_queue_us := (extract(epoch FROM p_exec_start - p_starttime) * 1000000)::bigint;
  v_exec_us := (extract(epoch FROM p_endtime - p_exec_start) * 1000000)::bigint;

  -- SYS query ids are generated independently of STL query ids (REFERENCE 1.24, 7.2: do not assume
  -- they match), from the same sequence so they never collide with other ids.
  v_sys_query_id := nextval('rs_internal.query_id_seq');

  -- System rows (userid 1) belong to Redshift's internal user rdsdb, which has no PostgreSQL role.
  v_username := coalesce(
    (SELECT rolname FROM pg_catalog.pg_roles WHERE oid = p_userid::oid),
    CASE WHEN p_userid = 1 THEN 'rdsdb' END,
    p_userid::text
  );

  -- STL_QUERY: text cut at 4000 characters. Newlines are kept as they are: whether STL_QUERY escapes
  -- them like STL_QUERYTEXT is unverified (REFERENCE 7.4).
  INSERT INTO rs_internal.stl_query (
    userid, query, label, xid, pid, database, querytxt, starttime, endtime, aborted, insert_pristine,
    concurrency_scaling_status
  ) VALUES (
    p_userid, p_query, left(c_label, 320), p_xid, p_pid, c_database, left(p_querytxt, 4000), p_starttime,
    p_endtime, p_aborted, c_insert_pristine, c_concurrency_scaling_status
  );

  -- STL_QUERYTEXT: the full text, escaped, in 200-character pieces from sequence 0.
  INSERT INTO rs_internal.stl_querytext (userid, xid, pid, query, sequence, text)
  SELECT p_userid, p_xid, p_pid, p_query, s.piece_no, s.piece
  FROM rs_internal.split_statement_text(p_querytxt, 200) AS s;

  -- STL_WLM_QUERY: one attempt; it waited in the queue from start to exec start.
  INSERT INTO rs_internal.stl_wlm_query (
    userid, xid, task, query, service_class, slot_count, service_class_start_time, queue_start_time,
    queue_end_time, total_queue_time, exec_start_time, exec_end_time, total_exec_time,
    service_class_end_time, final_state, est_peak_mem, query_priority, service_class_name
  ) VALUES (
    p_userid, p_xid::integer, p_query, p_query, p_service_class, coalesce(p_slot_count, 1), p_starttime,
    p_starttime, p_exec_start, v_queue_us, p_exec_start, p_endtime, v_exec_us, p_endtime, c_final_state,
    c_est_peak_mem, c_stl_priority, v_service_class_name
  );

  -- SVL_QLOG: elapsed = start -> end in microseconds; substring = first 60 characters of querytxt.
  INSERT INTO rs_internal.svl_qlog (
    userid, query, xid, pid, starttime, endtime, elapsed, aborted, label, substring, source_query,
    concurrency_scaling_status_txt, from_sp_call
  ) VALUES (
    p_userid, p_query, p_xid, p_pid, p_starttime, p_endtime, v_queue_us + v_exec_us, p_aborted,
    left(c_label, 320), left(p_querytxt, 60), NULL, c_concurrency_scaling_status_txt, NULL
  );

  -- SYS_QUERY_HISTORY: lowercase status, session_id = the pid CANCEL takes (REFERENCE 1.24).
  INSERT INTO rs_internal.sys_query_history (
    user_id, query_id, query_label, transaction_id, session_id, database_name, query_type, status,
    result_cache_hit, start_time, end_time, elapsed_time, queue_time, execution_time, error_message,
    returned_rows, returned_bytes, query_text, redshift_version, usage_limit, compute_type, compile_time,
    planning_time, lock_wait_time, service_class_id, service_class_name, query_priority,
    short_query_accelerated, user_query_hash, generic_query_hash, query_hash_version,
    result_cache_query_id, username
  ) VALUES (
    p_userid, v_sys_query_id, left(c_label, 320), p_xid, p_pid, c_database,
    rs_internal.query_type_of(p_querytxt),
    CASE WHEN p_aborted = 1 THEN 'canceled' ELSE 'success' END,
    false, p_starttime, p_endtime, v_queue_us + v_exec_us, v_queue_us, v_exec_us,
    CASE WHEN p_aborted = 1 THEN format('Query (%s) cancelled on user''s request', p_query) ELSE '' END,
    c_returned_rows, c_returned_bytes, left(p_querytxt, 4000), c_redshift_version, '', c_compute_type, 0,
    0, 0, p_service_class, v_service_class_name, c_sys_priority,
    CASE WHEN p_service_class = 14 THEN 'true' ELSE 'false' END,
    -- 12-character base64 hashes like AWS's samples (`oPuFtjEPLTs=`); the generic one with string and
    -- number literals replaced, so statements differing only in literals share it.
    encode(substr(sha256(convert_to(coalesce(p_querytxt, ''), 'UTF8')), 1, 8), 'base64'),
    encode(substr(sha256(convert_to(regexp_replace(regexp_replace(coalesce(p_querytxt, ''),
      '''([^'']|'''')*''', '?', 'g'), '\m[0-9]+(\.[0-9]+)?\M', '?', 'g'), 'UTF8')), 1, 8), 'base64'),
    c_query_hash_version, 0, v_username
  );

  -- SYS_QUERY_TEXT: the full text, escaped, in 4000-character pieces from sequence 0.
  INSERT INTO rs_internal.sys_query_text (
    user_id, query_id, transaction_id, session_id, start_time, sequence, text
  )
  SELECT p_userid, v_sys_query_id, p_xid, p_pid, p_starttime, s.piece_no, s.piece
  FROM rs_internal.split_statement_text(p_querytxt, 4000) AS s;
END
$$;

REVOKE EXECUTE ON FUNCTION rs_internal.record_query(integer, integer, integer, bigint, text, integer,
  integer, text, timestamp, timestamp, timestamp, integer) FROM PUBLIC;

// Writes history into the Redshift double the way its live part does (rs_internal.record_query, one
// call per statement, in a single server-side statement so thousands of rows take seconds), plus a
// COPY with rejected rows, optimizer alerts and a QMR action. Needs a superuser connection; connect
// straight to the engine (not through the proxy) when a test counts rows, so the seeding statement
// itself is not recorded.
import type pg from 'pg';

export interface SeedOptions {
  count: number;
  /** The first statement ends here; each next one a second later. */
  endBase: Date;
  label?: string;
  user?: string;
}

export interface SeededQuery {
  query: number;
  querytxt: string;
  starttime: string;
  endtime: string;
}

/** Records `count` finished statements (texts of 1-4 pieces with newlines and quotes). */
export async function seedDoubleHistory(client: pg.ClientBase, options: SeedOptions): Promise<SeededQuery[]> {
  const result = await client.query<SeededQuery>(
    `WITH args AS (
       SELECT g,
              nextval('rs_internal.query_id_seq')::integer AS query,
              nextval('rs_internal.xid_seq') AS xid,
              'SELECT ' || g || E' AS n,\\n  ''' || repeat('x', (g % 5) * 150) || ''' AS pad\\nFROM sales WHERE id = ' || g
                AS querytxt,
              $1::timestamp + make_interval(secs => g - 1) AS endtime
       FROM generate_series(1, $2::integer) AS g
     ), recorded AS (
       SELECT a.*, rs_internal.record_query(a.query,
                (SELECT usesysid::integer FROM pg_user WHERE usename = $4), 40000 + a.g, a.xid, $3, 6, 1,
                a.querytxt, a.endtime - interval '2 seconds', a.endtime - interval '1 second', a.endtime,
                CASE WHEN a.g % 7 = 0 THEN 1 ELSE 0 END) AS done
       FROM args a
     )
     SELECT query, querytxt, to_char(endtime - interval '2 seconds', 'YYYY-MM-DD HH24:MI:SS.US') AS starttime,
            to_char(endtime, 'YYYY-MM-DD HH24:MI:SS.US') AS endtime
     FROM recorded ORDER BY query`,
    [
      toTimestamp(options.endBase),
      options.count,
      options.label ?? 'nightly_load',
      options.user ?? 'etl_user',
    ],
  );
  return result.rows;
}

/** One COPY with two rejected rows (tab, markup, emoji), a load commit, an alert and a QMR action. */
export async function seedLoadsAndAlerts(client: pg.ClientBase, at: Date): Promise<{ copyQuery: number }> {
  const ts = toTimestamp(at);
  const [recorded] = await seedDoubleHistory(client, {
    count: 1,
    endBase: at,
    label: 'nightly_copy',
    user: 'loader',
  });
  const copyQuery = recorded!.query;
  const loader = `(SELECT usesysid::integer FROM pg_user WHERE usename = 'loader')`;
  await client.query(
    `INSERT INTO rs_internal.stl_load_errors (userid, slice, tbl, starttime, session, query, filename, line_number,
       colname, type, col_length, "position", raw_line, raw_field_value, err_code, err_reason, is_partial,
       start_offset, copy_job_id)
     VALUES (${loader}, 0, 0, $1::timestamp - interval '2 seconds', 40001, $2, 's3://feeds/plays/part-0001.tsv', 17,
       'played_at', 'timestamp', '', 0, E'42\\t<b>bad</b>\\t2024-13-45 25:61:00', '2024-13-45 25:61:00', 1206,
       'Error in Timestamp value or format [%Y-%m-%d %H:%M:%S]', 0, 0, 0),
       (${loader}, 1, 0, $1::timestamp - interval '2 seconds', 40001, $2, 's3://feeds/plays/part-0002.tsv', 3,
       'track_id', 'int4', '', 0, E'  x\\t\\u263A emoji \\u200F rtl', '  x', 1207, 'Invalid digit, Value ''x'', Pos 0, Type: Integer',
       0, 0, 0)`,
    [ts, copyQuery],
  );
  await client.query(
    `INSERT INTO rs_internal.stl_load_commits (userid, query, slice, name, filename, byte_offset, lines_scanned,
       errors, curtime, status, file_format, is_partial, start_offset, copy_job_id)
     VALUES (${loader}, $2, 0, 'plays', 's3://feeds/plays/part-0001.tsv', 0, 1000, -1, $1::timestamp, 1, 'Text', 0, 0, 0)`,
    [ts, copyQuery],
  );
  await client.query(
    `INSERT INTO rs_internal.stl_alert_event_log (userid, query, slice, segment, step, pid, xid, event, solution, event_time)
     VALUES (${loader}, $2, 0, 1, 2, 40001, 1, 'Missing query planner statistics', 'Run the ANALYZE command', $1::timestamp)`,
    [ts, copyQuery],
  );
  await client.query(
    `INSERT INTO rs_internal.stl_wlm_rule_action (userid, query, service_class, rule, action, recordtime, action_value,
       service_class_name)
     VALUES (${loader}, $2, 6, 'etl_kill_after_2h', 'log', $1::timestamp, '', 'etl_nightly')`,
    [ts, copyQuery],
  );
  await client.query(
    `INSERT INTO rs_internal.sys_load_history (user_id, query_id, transaction_id, session_id, database_name, status,
       table_name, start_time, end_time, duration, data_source, file_format, loaded_rows, loaded_bytes,
       source_file_count, source_file_bytes, file_count_scanned, file_bytes_scanned, error_count, copy_job_id)
     VALUES (${loader}, $2, 1, 40001, current_database(), 'completed', 'plays', $1::timestamp - interval '2 seconds',
       $1::timestamp, 2000000, 's3://feeds/plays/', 'csv', 998, 100000, 2, 100000, 2, 100000, 2, 0)`,
    [ts, copyQuery],
  );
  await client.query(
    `INSERT INTO rs_internal.sys_load_error_detail (user_id, query_id, transaction_id, session_id, database_name,
       table_id, start_time, file_name, line_number, column_name, column_type, column_length, "position",
       error_code, error_message)
     VALUES (${loader}, $2, 1, 40001, current_database(), 0, $1::timestamp - interval '2 seconds',
       's3://feeds/plays/part-0002.tsv', 3, 'track_id', 'int4', '', 0, 1207, 'Invalid digit, Value ''x'', Pos 0, Type: Integer')`,
    [ts, copyQuery],
  );
  await client.query(
    `INSERT INTO rs_internal.sys_query_detail (user_id, query_id, child_query_sequence, stream_id, segment_id, step_id,
       step_name, start_time, end_time, duration, alert, metrics_level)
     VALUES (${loader}, $2, 1, 0, 1, 2, 'scan', $1::timestamp - interval '1 second', $1::timestamp, 1000000,
       'Missing query planner statistics', 'Step')`,
    [ts, copyQuery],
  );
  return { copyQuery };
}

export function toTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

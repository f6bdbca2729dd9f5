// The Redshift relations the workload writes, column by column as REFERENCE section 1 declares them
// (same names and order as the catalog's base tables rs_internal.<name>; a test checks this list
// against electron/demo/catalog/catalogColumns.json and against the installed tables).
//
// Column kinds say how the writer sends a value:
// - 'qid' / 'qid8': a query id LOCAL to its batch (0, 1, 2 ...). The writer swaps it for an id drawn
//   from rs_internal.query_id_seq, so generated and live ids never collide (double-contract).
//   'qid' is an integer column (STL/SVL), 'qid8' a bigint one (SYS query_id, REFERENCE 6.1).
// - 'xid' / 'xid4': a transaction id local to its batch, swapped for one from rs_internal.xid_seq
//   ('xid4' = STL_WLM_QUERY.xid, an integer there, bigint elsewhere: REFERENCE 6.1).
// - 'char' n: character(n); the writer cuts values to n characters (PostgreSQL rejects longer values
//   on INSERT, Redshift stores the first n). Without n: unbounded bpchar.
// - 'ts': microseconds since the epoch (see time.ts), sent as a timestamp literal.
// Long because it is data: every relation's columns as REFERENCE section 1 declares them.

export type ColumnKind =
  | 'int4'
  | 'int8'
  | 'qid'
  | 'qid8'
  | 'xid'
  | 'xid4'
  | 'text'
  | 'char'
  | 'varchar'
  | 'ts'
  | 'float8'
  | 'bool'
  | 'numeric'
  | 'oid';

export type ColumnSpec = readonly [name: string, kind: ColumnKind, width?: number];

export const RELATIONS = {
  stl_query: [
    ['userid', 'int4'],
    ['query', 'qid'],
    ['label', 'char', 320],
    ['xid', 'xid'],
    ['pid', 'int4'],
    ['database', 'char', 32],
    ['querytxt', 'char', 4000],
    ['starttime', 'ts'],
    ['endtime', 'ts'],
    ['aborted', 'int4'],
    ['insert_pristine', 'int4'],
    ['concurrency_scaling_status', 'int4'],
  ],
  stl_querytext: [
    ['userid', 'int4'],
    ['xid', 'xid'],
    ['pid', 'int4'],
    ['query', 'qid'],
    ['sequence', 'int4'],
    ['text', 'char', 200],
  ],
  stl_wlm_query: [
    ['userid', 'int4'],
    ['xid', 'xid4'],
    ['task', 'qid'],
    ['query', 'qid'],
    ['service_class', 'int4'],
    ['slot_count', 'int4'],
    ['service_class_start_time', 'ts'],
    ['queue_start_time', 'ts'],
    ['queue_end_time', 'ts'],
    ['total_queue_time', 'int8'],
    ['exec_start_time', 'ts'],
    ['exec_end_time', 'ts'],
    ['total_exec_time', 'int8'],
    ['service_class_end_time', 'ts'],
    ['final_state', 'char', 16],
    ['est_peak_mem', 'int8'],
    ['query_priority', 'char', 20],
    ['service_class_name', 'char', 64],
  ],
  svl_qlog: [
    ['userid', 'int4'],
    ['query', 'qid'],
    ['xid', 'xid'],
    ['pid', 'int4'],
    ['starttime', 'ts'],
    ['endtime', 'ts'],
    ['elapsed', 'int8'],
    ['aborted', 'int4'],
    ['label', 'char', 320],
    ['substring', 'char', 60],
    ['source_query', 'int4'],
    ['concurrency_scaling_status_txt', 'text'],
    ['from_sp_call', 'int4'],
  ],
  stl_utilitytext: [
    ['userid', 'int4'],
    ['xid', 'xid'],
    ['pid', 'int4'],
    ['label', 'char', 320],
    ['starttime', 'ts'],
    ['endtime', 'ts'],
    ['sequence', 'int4'],
    ['text', 'char', 200],
  ],
  stl_ddltext: [
    ['userid', 'int4'],
    ['xid', 'xid'],
    ['pid', 'int4'],
    ['label', 'char', 320],
    ['starttime', 'ts'],
    ['endtime', 'ts'],
    ['sequence', 'int4'],
    ['text', 'char', 200],
  ],
  sys_query_history: [
    ['user_id', 'int4'],
    ['query_id', 'qid8'],
    ['query_label', 'char', 320],
    ['transaction_id', 'xid'],
    ['session_id', 'int4'],
    ['database_name', 'char', 128],
    ['query_type', 'char', 32],
    ['status', 'char', 10],
    ['result_cache_hit', 'bool'],
    ['start_time', 'ts'],
    ['end_time', 'ts'],
    ['elapsed_time', 'int8'],
    ['queue_time', 'int8'],
    ['execution_time', 'int8'],
    ['error_message', 'char', 512],
    ['returned_rows', 'int8'],
    ['returned_bytes', 'int8'],
    ['query_text', 'char', 4000],
    ['redshift_version', 'char', 256],
    ['usage_limit', 'char', 150],
    ['compute_type', 'varchar', 32],
    ['compile_time', 'int8'],
    ['planning_time', 'int8'],
    ['lock_wait_time', 'int8'],
    ['service_class_id', 'int4'],
    ['service_class_name', 'char', 64],
    ['query_priority', 'char', 20],
    ['short_query_accelerated', 'char', 10],
    ['user_query_hash', 'char', 40],
    ['generic_query_hash', 'char', 40],
    ['query_hash_version', 'int4'],
    ['result_cache_query_id', 'int4'],
    ['username', 'char', 128],
  ],
  sys_query_text: [
    ['user_id', 'int4'],
    ['query_id', 'qid8'],
    ['transaction_id', 'xid'],
    ['session_id', 'int4'],
    ['start_time', 'ts'],
    ['sequence', 'int4'],
    ['text', 'char', 4000],
  ],
  svl_query_summary: [
    ['userid', 'int4'],
    ['query', 'qid'],
    ['stm', 'int4'],
    ['seg', 'int4'],
    ['step', 'int4'],
    ['maxtime', 'int8'],
    ['avgtime', 'int8'],
    ['rows', 'int8'],
    ['bytes', 'int8'],
    ['rate_row', 'float8'],
    ['rate_byte', 'float8'],
    ['label', 'text'],
    ['is_diskbased', 'char', 1],
    ['workmem', 'int8'],
    ['is_rrscan', 'char', 1],
    ['is_delayed_scan', 'char', 1],
    ['rows_pre_filter', 'int8'],
  ],
  svl_query_metrics_summary: [
    ['userid', 'int4'],
    ['query', 'qid'],
    ['service_class', 'int4'],
    ['query_cpu_time', 'int8'],
    ['query_blocks_read', 'int8'],
    ['query_execution_time', 'int8'],
    ['query_cpu_usage_percent', 'numeric'],
    ['query_temp_blocks_to_disk', 'int8'],
    ['segment_execution_time', 'int8'],
    ['cpu_skew', 'numeric'],
    ['io_skew', 'numeric'],
    ['scan_row_count', 'int8'],
    ['join_row_count', 'int8'],
    ['nested_loop_join_row_count', 'int8'],
    ['return_row_count', 'int8'],
    ['spectrum_scan_row_count', 'int8'],
    ['spectrum_scan_size_mb', 'int8'],
    ['query_queue_time', 'int8'],
  ],
  sys_query_detail: [
    ['user_id', 'int4'],
    ['query_id', 'qid8'],
    ['child_query_sequence', 'int4'],
    ['stream_id', 'int4'],
    ['segment_id', 'int4'],
    ['step_id', 'int4'],
    ['step_name', 'text'],
    ['table_id', 'int4'],
    ['table_name', 'char', 136],
    ['is_rrscan', 'char', 1],
    ['start_time', 'ts'],
    ['end_time', 'ts'],
    ['duration', 'int8'],
    ['alert', 'text'],
    ['input_bytes', 'int8'],
    ['input_rows', 'int8'],
    ['output_bytes', 'int8'],
    ['output_rows', 'int8'],
    ['blocks_read', 'int8'],
    ['blocks_write', 'int8'],
    ['local_read_io', 'int8'],
    ['remote_read_io', 'int8'],
    ['source', 'text'],
    ['data_skewness', 'int4'],
    ['time_skewness', 'int4'],
    ['is_active', 'char', 1],
    ['spilled_block_local_disk', 'int8'],
    ['spilled_block_remote_disk', 'int8'],
    ['step_attribute', 'char', 64],
    ['metrics_level', 'char', 64],
    ['plan_parent_id', 'int4'],
    ['plan_node_id', 'int4'],
  ],
  stl_alert_event_log: [
    ['userid', 'int4'],
    ['query', 'qid'],
    ['slice', 'int4'],
    ['segment', 'int4'],
    ['step', 'int4'],
    ['pid', 'int4'],
    ['xid', 'xid'],
    ['event', 'char', 1024],
    ['solution', 'char', 1024],
    ['event_time', 'ts'],
  ],
  stl_wlm_rule_action: [
    ['userid', 'int4'],
    ['query', 'qid'],
    ['service_class', 'int4'],
    ['rule', 'char', 256],
    ['action', 'char', 256],
    ['recordtime', 'ts'],
    ['action_value', 'char', 256],
    ['service_class_name', 'char', 64],
  ],
  stl_load_commits: [
    ['userid', 'int4'],
    ['query', 'qid'],
    ['slice', 'int4'],
    ['name', 'char', 256],
    ['filename', 'char', 256],
    ['byte_offset', 'int4'],
    ['lines_scanned', 'int4'],
    ['errors', 'int4'],
    ['curtime', 'ts'],
    ['status', 'int4'],
    ['file_format', 'char', 16],
    ['is_partial', 'int4'],
    ['start_offset', 'int8'],
    ['copy_job_id', 'int8'],
  ],
  stl_load_errors: [
    ['userid', 'int4'],
    ['slice', 'int4'],
    ['tbl', 'int4'],
    ['starttime', 'ts'],
    ['session', 'int4'],
    ['query', 'qid'],
    ['filename', 'char', 256],
    ['line_number', 'int8'],
    ['colname', 'char', 127],
    ['type', 'char', 10],
    ['col_length', 'char', 10],
    ['position', 'int4'],
    ['raw_line', 'char', 1024],
    ['raw_field_value', 'char', 1024],
    ['err_code', 'int4'],
    ['err_reason', 'char', 100],
    ['is_partial', 'int4'],
    ['start_offset', 'int8'],
    ['copy_job_id', 'int8'],
  ],
  stl_loaderror_detail: [
    ['userid', 'int4'],
    ['slice', 'int4'],
    ['session', 'int4'],
    ['query', 'qid'],
    ['filename', 'char', 256],
    ['line_number', 'int8'],
    ['field', 'int4'],
    ['colname', 'char', 1024],
    ['value', 'char', 1024],
    ['is_null', 'int4'],
    ['type', 'char', 10],
    ['col_length', 'char', 10],
  ],
  sys_load_history: [
    ['user_id', 'int4'],
    ['query_id', 'qid8'],
    ['transaction_id', 'xid'],
    ['session_id', 'int4'],
    ['database_name', 'text'],
    ['status', 'text'],
    ['table_name', 'text'],
    ['start_time', 'ts'],
    ['end_time', 'ts'],
    ['duration', 'int8'],
    ['data_source', 'text'],
    ['file_format', 'text'],
    ['loaded_rows', 'int8'],
    ['loaded_bytes', 'int8'],
    ['source_file_count', 'int4'],
    ['source_file_bytes', 'int8'],
    ['file_count_scanned', 'int4'],
    ['file_bytes_scanned', 'int8'],
    ['error_count', 'int8'],
    ['copy_job_id', 'int8'],
  ],
  sys_load_error_detail: [
    ['user_id', 'int4'],
    ['query_id', 'qid8'],
    ['transaction_id', 'xid'],
    ['session_id', 'int4'],
    ['database_name', 'char', 64],
    ['table_id', 'int4'],
    ['start_time', 'ts'],
    ['file_name', 'char', 256],
    ['line_number', 'int8'],
    ['column_name', 'char', 127],
    ['column_type', 'char', 10],
    ['column_length', 'char', 10],
    ['position', 'int4'],
    ['error_code', 'int4'],
    ['error_message', 'char', 512],
  ],
  stl_commit_stats: [
    ['xid', 'xid'],
    ['node', 'int4'],
    ['startqueue', 'ts'],
    ['startwork', 'ts'],
    ['endflush', 'ts'],
    ['endstage', 'ts'],
    ['endlocal', 'ts'],
    ['startglobal', 'ts'],
    ['endtime', 'ts'],
    ['queuelen', 'int8'],
    ['permblocks', 'int8'],
    ['newblocks', 'int8'],
    ['dirtyblocks', 'int8'],
    ['headers', 'int8'],
    ['numxids', 'int4'],
    ['oldestxid', 'xid'],
    ['extwritelatency', 'int8'],
    ['metadatawritten', 'int4'],
    ['tombstonedblocks', 'int8'],
    ['tossedblocks', 'int8'],
    ['batched_by', 'int8'],
  ],
  sys_session_history: [
    ['user_id', 'char', 50],
    ['session_id', 'int4'],
    ['database_name', 'char', 50],
    ['status', 'char'],
    ['session_timeout', 'int4'],
    ['start_time', 'ts'],
    ['end_time', 'ts'],
  ],
  svv_table_info: [
    ['database', 'text'],
    ['schema', 'text'],
    ['table_id', 'oid'],
    ['table', 'text'],
    ['encoded', 'text'],
    ['diststyle', 'text'],
    ['sortkey1', 'text'],
    ['max_varchar', 'int4'],
    ['sortkey1_enc', 'char', 32],
    ['sortkey_num', 'int4'],
    ['size', 'int8'],
    ['pct_used', 'numeric'],
    ['empty', 'int8'],
    ['unsorted', 'numeric'],
    ['stats_off', 'numeric'],
    ['tbl_rows', 'numeric'],
    ['skew_sortkey1', 'numeric'],
    ['skew_rows', 'numeric'],
    ['estimated_visible_rows', 'numeric'],
    ['risk_event', 'text'],
    ['vacuum_sort_benefit', 'numeric'],
    ['create_time', 'ts'],
  ],
} as const satisfies Record<string, readonly ColumnSpec[]>;

export type RelationName = keyof typeof RELATIONS;
export const RELATION_NAMES = Object.keys(RELATIONS) as RelationName[];

type JsValue<K extends ColumnKind> = K extends 'text' | 'char' | 'varchar'
  ? string
  : K extends 'bool'
    ? boolean
    : number;

type RowOfSpec<S extends readonly ColumnSpec[]> = {
  [C in S[number] as C[0]]: JsValue<C[1]> | null;
};

/** One row of a relation, keyed by REFERENCE's column names. */
export type Row<R extends RelationName> = RowOfSpec<(typeof RELATIONS)[R]>;

/** Rows of every relation, as produced for one batch. */
export type RelationRows = { [R in RelationName]: Row<R>[] };

export function emptyRelationRows(): RelationRows {
  const rows = {} as Record<RelationName, unknown[]>;
  for (const name of RELATION_NAMES) rows[name] = [];
  return rows as RelationRows;
}

/**
 * How a relation ages out (REFERENCE 1.1 "Retention", 6.3: STL keeps ~7 days): rows older than the
 * cut-off by `column`, or, for relations without a timestamp, together with their STL_QUERY row.
 * SVV_TABLE_INFO is a snapshot of the present and never ages. The generator (retentionDays) and
 * pruneWorkload apply the same rule, so pruning later gives the same tables as generating less.
 */
export type Retention = { column: string } | { withQueryOf: 'stl_query' } | { never: true };

export const RETENTION: Record<RelationName, Retention> = {
  stl_query: { column: 'starttime' },
  stl_querytext: { withQueryOf: 'stl_query' },
  stl_wlm_query: { column: 'service_class_start_time' },
  svl_qlog: { column: 'starttime' },
  stl_utilitytext: { column: 'starttime' },
  stl_ddltext: { column: 'starttime' },
  sys_query_history: { column: 'start_time' },
  sys_query_text: { column: 'start_time' },
  svl_query_summary: { withQueryOf: 'stl_query' },
  svl_query_metrics_summary: { withQueryOf: 'stl_query' },
  sys_query_detail: { column: 'start_time' },
  stl_alert_event_log: { column: 'event_time' },
  stl_wlm_rule_action: { column: 'recordtime' },
  stl_load_commits: { column: 'curtime' },
  stl_load_errors: { column: 'starttime' },
  stl_loaderror_detail: { withQueryOf: 'stl_query' },
  sys_load_history: { column: 'start_time' },
  sys_load_error_detail: { column: 'start_time' },
  stl_commit_stats: { column: 'endtime' },
  sys_session_history: { column: 'end_time' },
  svv_table_info: { never: true },
};

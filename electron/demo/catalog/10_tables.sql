-- Hidden base tables, one per Redshift relation, named like it (double-contract). Columns, order and
-- declared types are exactly REFERENCE's (listed again in catalogColumns.json, which the drift test
-- checks against these tables and the rs_system views):
-- * character(n) stays character(n): values come back blank-padded to the full width (REFERENCE 6.1);
-- * `timestamp` = timestamp(6) without time zone, holding UTC (REFERENCE 1.1);
-- * durations are bigint MICROSECONDS wherever REFERENCE says so (6.2).
-- Case-sensitive names in REFERENCE (SYS_QUERY_DETAIL.local_read_IO) are lowercase: Redshift folds
-- unquoted identifiers, so `local_read_IO` and `local_read_io` are the same column there.
-- No constraints beyond the types: Redshift's system tables have none, and generators may leave
-- columns NULL. Only indexes the app's polling needs (by query id and by time).
-- Long because it is the catalog: one CREATE TABLE per Redshift relation, in REFERENCE's order, so the
-- drift test and a reader compare it with catalogColumns.json in one place.
--
-- Declared-type decisions where REFERENCE is not directly usable:
-- * SYS_SESSION_HISTORY.status is documented as `char` but holds 'active' / 'timed out' / 'closed',
--   which a char(1) cannot store; it is PostgreSQL's unbounded blank-padded `bpchar` (format_type
--   "bpchar"). Other length-less `character` columns hold one letter ('t'/'f') and are character(1).
-- * SYS_SESSION_HISTORY.user_id is char(50) as documented (it holds the numeric id as text).

-- STL_QUERY (REFERENCE 1.4): one row per executed query (not utility/DDL); querytxt cut at 4000 characters.
CREATE TABLE rs_internal.stl_query (
  userid                     integer,
  query                      integer,
  label                      character(320),
  xid                        bigint,
  pid                        integer,
  database                   character(32),
  querytxt                   character(4000),
  starttime                  timestamp,
  endtime                    timestamp,
  aborted                    integer,
  insert_pristine            integer,
  concurrency_scaling_status integer
);

-- STL_QUERYTEXT (REFERENCE 1.5): full SQL text in 200-character pieces, sequence from 0, `\n` / `\\` escapes.
CREATE TABLE rs_internal.stl_querytext (
  userid   integer,
  xid      bigint,
  pid      integer,
  query    integer,
  sequence integer,
  text     character(200)
);

-- STL_WLM_QUERY (REFERENCE 1.6): one row per attempt in a WLM service class; total_queue_time and
-- total_exec_time in MICROSECONDS; xid is integer here (bigint elsewhere).
CREATE TABLE rs_internal.stl_wlm_query (
  userid                   integer,
  xid                      integer,
  task                     integer,
  query                    integer,
  service_class            integer,
  slot_count               integer,
  service_class_start_time timestamp,
  queue_start_time         timestamp,
  queue_end_time           timestamp,
  total_queue_time         bigint,
  exec_start_time          timestamp,
  exec_end_time            timestamp,
  total_exec_time          bigint,
  service_class_end_time   timestamp,
  final_state              character(16),
  est_peak_mem             bigint,
  query_priority           character(20),
  service_class_name       character(64)
);

-- STL_LOAD_ERRORS (REFERENCE 1.13): one row per rejected record/field of a COPY.
CREATE TABLE rs_internal.stl_load_errors (
  userid          integer,
  slice           integer,
  tbl             integer,
  starttime       timestamp,
  session         integer,
  query           integer,
  filename        character(256),
  line_number     bigint,
  colname         character(127),
  type            character(10),
  col_length      character(10),
  "position"      integer,
  raw_line        character(1024),
  raw_field_value character(1024),
  err_code        integer,
  err_reason      character(100),
  is_partial      integer,
  start_offset    bigint,
  copy_job_id     bigint
);

-- STL_LOADERROR_DETAIL (REFERENCE 1.14): parse detail: every column up to the failing one.
CREATE TABLE rs_internal.stl_loaderror_detail (
  userid      integer,
  slice       integer,
  session     integer,
  query       integer,
  filename    character(256),
  line_number bigint,
  field       integer,
  colname     character(1024),
  value       character(1024),
  is_null     integer,
  type        character(10),
  col_length  character(10)
);

-- STL_LOAD_COMMITS (REFERENCE 1.15): per-file (per slice, per split) COPY progress.
CREATE TABLE rs_internal.stl_load_commits (
  userid        integer,
  query         integer,
  slice         integer,
  name          character(256),
  filename      character(256),
  byte_offset   integer,
  lines_scanned integer,
  errors        integer,
  curtime       timestamp,
  status        integer,
  file_format   character(16),
  is_partial    integer,
  start_offset  bigint,
  copy_job_id   bigint
);

-- STL_FILE_SCAN (REFERENCE 1.31): the files a COPY read, per slice and split, with their bytes. Names
-- come without the s3://bucket/ prefix, as in the DG sample.
CREATE TABLE rs_internal.stl_file_scan (
  userid       integer,
  query        integer,
  slice        integer,
  name         character(90),
  lines        bigint,
  bytes        bigint,
  loadtime     bigint,
  curtime      timestamp,
  is_partial   integer,
  start_offset bigint
);

-- STL_ALERT_EVENT_LOG (REFERENCE 1.16): optimizer alerts per query/segment/step/slice.
CREATE TABLE rs_internal.stl_alert_event_log (
  userid     integer,
  query      integer,
  slice      integer,
  segment    integer,
  step       integer,
  pid        integer,
  xid        bigint,
  event      character(1024),
  solution   character(1024),
  event_time timestamp
);

-- STL_WLM_RULE_ACTION (REFERENCE 1.17): one row each time a query monitoring rule fires.
CREATE TABLE rs_internal.stl_wlm_rule_action (
  userid             integer,
  query              integer,
  service_class      integer,
  rule               character(256),
  action             character(256),
  recordtime         timestamp,
  action_value       character(256),
  service_class_name character(64)
);

-- SVL_QUERY_SUMMARY (REFERENCE 1.18): per-step summary; maxtime / avgtime in MICROSECONDS.
CREATE TABLE rs_internal.svl_query_summary (
  userid          integer,
  query           integer,
  stm             integer,
  seg             integer,
  step            integer,
  maxtime         bigint,
  avgtime         bigint,
  rows            bigint,
  bytes           bigint,
  rate_row        double precision,
  rate_byte       double precision,
  label           text,
  is_diskbased    character(1),
  workmem         bigint,
  is_rrscan       character(1),
  is_delayed_scan character(1),
  rows_pre_filter bigint
);

-- SVL_QUERY_METRICS_SUMMARY (REFERENCE 1.28): per completed query, the maximum of its metrics; time-like
-- columns in whole SECONDS. No timestamp: it ages out with its STL_QUERY row.
CREATE TABLE rs_internal.svl_query_metrics_summary (
  userid                     integer,
  query                      integer,
  service_class              integer,
  query_cpu_time             bigint,
  query_blocks_read          bigint,
  query_execution_time       bigint,
  query_cpu_usage_percent    numeric(38,2),
  query_temp_blocks_to_disk  bigint,
  segment_execution_time     bigint,
  cpu_skew                   numeric(38,2),
  io_skew                    numeric(38,2),
  scan_row_count             bigint,
  join_row_count             bigint,
  nested_loop_join_row_count bigint,
  return_row_count           bigint,
  spectrum_scan_row_count    bigint,
  spectrum_scan_size_mb      bigint,
  query_queue_time           bigint
);

-- SVL_QLOG (REFERENCE 1.19): readable subset of STL_QUERY; elapsed in MICROSECONDS.
CREATE TABLE rs_internal.svl_qlog (
  userid                         integer,
  query                          integer,
  xid                            bigint,
  pid                            integer,
  starttime                      timestamp,
  endtime                        timestamp,
  elapsed                        bigint,
  aborted                        integer,
  label                          character(320),
  "substring"                    character(60),
  source_query                   integer,
  concurrency_scaling_status_txt text,
  from_sp_call                   integer
);

-- STL_COMMIT_STATS (REFERENCE 1.20): one row per node per commit (leader = node -1). SUPERUSER ONLY.
CREATE TABLE rs_internal.stl_commit_stats (
  xid              bigint,
  node             integer,
  startqueue       timestamp,
  startwork        timestamp,
  endflush         timestamp,
  endstage         timestamp,
  endlocal         timestamp,
  startglobal      timestamp,
  endtime          timestamp,
  queuelen         bigint,
  permblocks       bigint,
  newblocks        bigint,
  dirtyblocks      bigint,
  headers          bigint,
  numxids          integer,
  oldestxid        bigint,
  extwritelatency  bigint,
  metadatawritten  integer,
  tombstonedblocks bigint,
  tossedblocks     bigint,
  batched_by       bigint
);

-- STL_UTILITYTEXT (REFERENCE 1.21): utility statements (SET, CANCEL, BEGIN, GRANT, ...) in
-- 200-character pieces.
CREATE TABLE rs_internal.stl_utilitytext (
  userid    integer,
  xid       bigint,
  pid       integer,
  label     character(320),
  starttime timestamp,
  endtime   timestamp,
  sequence  integer,
  text      character(200)
);

-- STL_DDLTEXT (REFERENCE 1.21): DDL statements in 200-character pieces, in STL_UTILITYTEXT's layout.
CREATE TABLE rs_internal.stl_ddltext (LIKE rs_internal.stl_utilitytext);

-- SVV_TABLE_INFO (REFERENCE 1.23): one row per non-empty user table of the current database; size in
-- 1 MB blocks. SUPERUSER ONLY.
CREATE TABLE rs_internal.svv_table_info (
  database               text,
  schema                 text,
  table_id               oid,
  "table"                text,
  encoded                text,
  diststyle              text,
  sortkey1               text,
  max_varchar            integer,
  sortkey1_enc           character(32),
  sortkey_num            integer,
  size                   bigint,
  pct_used               numeric(10,4),
  empty                  bigint,
  unsorted               numeric(5,2),
  stats_off              numeric(5,2),
  tbl_rows               numeric(38,0),
  skew_sortkey1          numeric(19,2),
  skew_rows              numeric(19,2),
  estimated_visible_rows numeric(38,0),
  risk_event             text,
  vacuum_sort_benefit    numeric(12,2),
  create_time            timestamp
);

-- SYS_QUERY_HISTORY (REFERENCE 1.24): one row per statement; all *_time columns in MICROSECONDS;
-- status lowercase.
CREATE TABLE rs_internal.sys_query_history (
  user_id                 integer,
  query_id                bigint,
  query_label             character(320),
  transaction_id          bigint,
  session_id              integer,
  database_name           character(128),
  query_type              character(32),
  status                  character(10),
  result_cache_hit        boolean,
  start_time              timestamp,
  end_time                timestamp,
  elapsed_time            bigint,
  queue_time              bigint,
  execution_time          bigint,
  error_message           character(512),
  returned_rows           bigint,
  returned_bytes          bigint,
  query_text              character(4000),
  redshift_version        character(256),
  usage_limit             character(150),
  compute_type            character varying(32),
  compile_time            bigint,
  planning_time           bigint,
  lock_wait_time          bigint,
  service_class_id        integer,
  service_class_name      character(64),
  query_priority          character(20),
  short_query_accelerated character(10),
  user_query_hash         character(40),
  generic_query_hash      character(40),
  query_hash_version      integer,
  result_cache_query_id   integer,
  username                character(128)
);

-- SYS_QUERY_TEXT (REFERENCE 1.24): statement text in 4000-character pieces, sequence from 0.
CREATE TABLE rs_internal.sys_query_text (
  user_id        integer,
  query_id       bigint,
  transaction_id bigint,
  session_id     integer,
  start_time     timestamp,
  sequence       integer,
  text           character(4000)
);

-- SYS_QUERY_DETAIL (REFERENCE 1.24): one row per metric level (child query / stream / segment / step);
-- duration in MICROSECONDS.
CREATE TABLE rs_internal.sys_query_detail (
  user_id                   integer,
  query_id                  bigint,
  child_query_sequence      integer,
  stream_id                 integer,
  segment_id                integer,
  step_id                   integer,
  step_name                 text,
  table_id                  integer,
  table_name                character(136),
  is_rrscan                 character(1),
  start_time                timestamp,
  end_time                  timestamp,
  duration                  bigint,
  alert                     text,
  input_bytes               bigint,
  input_rows                bigint,
  output_bytes              bigint,
  output_rows               bigint,
  blocks_read               bigint,
  blocks_write              bigint,
  local_read_io             bigint,
  remote_read_io            bigint,
  source                    text,
  data_skewness             integer,
  time_skewness             integer,
  is_active                 character(1),
  spilled_block_local_disk  bigint,
  spilled_block_remote_disk bigint,
  step_attribute            character(64),
  metrics_level             character(64),
  plan_parent_id            integer,
  plan_node_id              integer
);

-- SYS_LOAD_HISTORY (REFERENCE 1.24): one row per COPY; duration in MICROSECONDS; status
-- running/completed/aborted.
CREATE TABLE rs_internal.sys_load_history (
  user_id            integer,
  query_id           bigint,
  transaction_id     bigint,
  session_id         integer,
  database_name      text,
  status             text,
  table_name         text,
  start_time         timestamp,
  end_time           timestamp,
  duration           bigint,
  data_source        text,
  file_format        text,
  loaded_rows        bigint,
  loaded_bytes       bigint,
  source_file_count  integer,
  source_file_bytes  bigint,
  file_count_scanned integer,
  file_bytes_scanned bigint,
  error_count        bigint,
  copy_job_id        bigint
);

-- SYS_LOAD_DETAIL (REFERENCE 1.29): one row per file a COPY loaded, with its bytes (Serverless and
-- provisioned alike). query_id is declared integer here, unlike the other SYS views.
CREATE TABLE rs_internal.sys_load_detail (
  user_id            integer,
  query_id           integer,
  file_name          character(256),
  bytes_scanned      integer,
  lines_scanned      integer,
  record_time        timestamp,
  splits_scanned     integer,
  start_time         timestamp,
  end_time           timestamp,
  file_etag          character(256),
  file_last_modified timestamp
);

-- SYS_LOAD_ERROR_DETAIL (REFERENCE 1.24): one row per COPY load error.
CREATE TABLE rs_internal.sys_load_error_detail (
  user_id        integer,
  query_id       bigint,
  transaction_id bigint,
  session_id     integer,
  database_name  character(64),
  table_id       integer,
  start_time     timestamp,
  file_name      character(256),
  line_number    bigint,
  column_name    character(127),
  column_type    character(10),
  column_length  character(10),
  "position"     integer,
  error_code     integer,
  error_message  character(512)
);

-- SYS_SESSION_HISTORY (REFERENCE 1.24): one row per session.
CREATE TABLE rs_internal.sys_session_history (
  user_id         character(50),
  session_id      integer,
  database_name   character(50),
  status          bpchar,
  session_timeout integer,
  start_time      timestamp,
  end_time        timestamp
);

-- STL_SCAN (REFERENCE 1.25): one row per table-scan step per slice.
CREATE TABLE rs_internal.stl_scan (
  userid                    integer,
  query                     integer,
  slice                     integer,
  segment                   integer,
  step                      integer,
  starttime                 timestamp,
  endtime                   timestamp,
  tasknum                   integer,
  rows                      bigint,
  bytes                     bigint,
  fetches                   bigint,
  type                      integer,
  tbl                       integer,
  is_rrscan                 character(1),
  is_delayed_scan           character(1),
  rows_pre_filter           bigint,
  rows_pre_user_filter      bigint,
  perm_table_name           character(136),
  is_rlf_scan               character(1),
  is_rlf_scan_reason        integer,
  num_em_blocks             integer,
  checksum                  bigint,
  runtime_filtering         character(1),
  scan_region               integer,
  num_sortkey_as_predicate  integer,
  row_fetcher_state         integer,
  consumed_scan_ranges      bigint,
  work_stealing_reason      bigint,
  is_vectorized_scan        character(1),
  is_vectorized_scan_reason integer,
  row_fetcher_reason        bigint,
  topology_signature        bigint,
  use_tpm_partition         character(1),
  is_rrscan_expr            character(1),
  scanned_mega_value        character(1)
);

-- STL_INSERT (REFERENCE 1.26): one row per insert step per slice, rows written into tbl.
CREATE TABLE rs_internal.stl_insert (
  userid              integer,
  query               integer,
  slice               integer,
  segment             integer,
  step                integer,
  starttime           timestamp,
  endtime             timestamp,
  tasknum             integer,
  rows                bigint,
  tbl                 integer,
  inserted_mega_value character(1)
);

-- STL_DELETE (REFERENCE 1.27): one row per delete step per slice, rows deleted from tbl.
CREATE TABLE rs_internal.stl_delete (
  userid    integer,
  query     integer,
  slice     integer,
  segment   integer,
  step      integer,
  starttime timestamp,
  endtime   timestamp,
  tasknum   integer,
  rows      bigint,
  tbl       integer
);

CREATE INDEX ON rs_internal.stl_query (query);
CREATE INDEX ON rs_internal.stl_query (starttime);
-- Collectors read history by end time (rows appear when a statement ends): on real Redshift the log
-- tables are small; on the double a backfill would otherwise scan the whole table per page.
CREATE INDEX ON rs_internal.stl_query (endtime, query);
CREATE INDEX ON rs_internal.stl_querytext (query, sequence);
CREATE INDEX ON rs_internal.stl_wlm_query (query);
CREATE INDEX ON rs_internal.stl_wlm_query (service_class_start_time);
CREATE INDEX ON rs_internal.stl_load_errors (query);
CREATE INDEX ON rs_internal.stl_load_errors (starttime);
CREATE INDEX ON rs_internal.stl_loaderror_detail (query);
CREATE INDEX ON rs_internal.stl_load_commits (query);
CREATE INDEX ON rs_internal.stl_scan (endtime);
CREATE INDEX ON rs_internal.stl_insert (endtime);
CREATE INDEX ON rs_internal.stl_delete (endtime);
CREATE INDEX ON rs_internal.stl_file_scan (query);
CREATE INDEX ON rs_internal.stl_alert_event_log (query);
CREATE INDEX ON rs_internal.stl_wlm_rule_action (query);
CREATE INDEX ON rs_internal.svl_query_summary (query);
CREATE INDEX ON rs_internal.svl_query_metrics_summary (query);
CREATE INDEX ON rs_internal.svl_qlog (query);
CREATE INDEX ON rs_internal.svl_qlog (starttime);
CREATE INDEX ON rs_internal.stl_commit_stats (xid);
CREATE INDEX ON rs_internal.stl_utilitytext (xid);
CREATE INDEX ON rs_internal.stl_ddltext (xid);
CREATE INDEX ON rs_internal.sys_query_history (query_id);
CREATE INDEX ON rs_internal.sys_query_history (start_time);
CREATE INDEX ON rs_internal.sys_query_history (end_time, query_id);
CREATE INDEX ON rs_internal.sys_query_text (query_id, sequence);
CREATE INDEX ON rs_internal.sys_query_detail (query_id);
CREATE INDEX ON rs_internal.sys_load_history (query_id);
CREATE INDEX ON rs_internal.sys_load_history (start_time);
CREATE INDEX ON rs_internal.sys_load_detail (query_id);
CREATE INDEX ON rs_internal.sys_load_detail (record_time);
CREATE INDEX ON rs_internal.sys_load_error_detail (query_id);
CREATE INDEX ON rs_internal.sys_session_history (session_id);

// Turns a simulated day into rows of the Redshift relations (REFERENCE section 1), for the statements
// whose transaction ended inside a window. Query ids and xids are local to the batch (1, 2, ...; 0 =
// none) and are swapped for sequence values by the writer (relations.ts 'qid' / 'xid').
//
// STL/SVL/SYS rows of one statement follow rs_internal.record_query exactly (text pieces, label
// `default`, queue time = exec start - start, microseconds, final_state Completed, a separate SYS
// query id from the same sequence); what record_query cannot know (returned rows, compile time, SYS
// rows of utility and DDL statements, load and alert tables) is filled in here.
// Long because each Redshift relation gets its own emitter here, side by side, so a column added to
// relations.ts has its producer next to the others.
import type { CopyRun, DayStatement, DayTransaction, SimulatedDay } from './day.ts';
import { COMPUTE_NODES, SLICES } from './day.ts';
import { multibyteToDots } from './feeds.ts';
import {
  SQA_SERVICE_CLASS,
  SYSTEM_USERID,
  type QueueInfo,
  type StatementUser,
  type UserIds,
} from './jobs.ts';
import { alertText, planSteps, type PlanStep } from './planSteps.ts';
import { createRandom, type Random } from './random.ts';
import { emptyRelationRows, RETENTION, type RelationName, type RelationRows, type Row } from './relations.ts';
import {
  genericQueryHash,
  leftChars,
  queryTypeOf,
  splitStatementText,
  userQueryHash,
} from './statementText.ts';
import { tableAccessOf } from './tableAccess.ts';
import { TABLES, type TableKey } from './tables.ts';
import { US_PER_MS, US_PER_SECOND, type Micros } from './time.ts';

export interface EmitContext {
  seed: number;
  userIds: UserIds;
  database: string;
  queues: Map<number, QueueInfo>;
  /** Window [from, to): a statement belongs to the window its transaction ended in. */
  from: Micros;
  to: Micros;
  /** Rows older than this are left out (retention), per relations.ts RETENTION. */
  cutoff: Micros | null;
}

export interface EmittedDay {
  rows: RelationRows;
  queryIds: number;
  xids: number;
}

/** Same as record_query: SVL/STL label `default` when no query group is set (REFERENCE 6.3). */
const labelOf = (label: string): string => (label.trim() === '' ? 'default' : label);

/** The writer replaces this with the statement's STL query id (NUL never occurs in real text). */
export const queryIdPlaceholder = (localQuery: number): string => `\u0000Q${localQuery}\u0000`;

const REDSHIFT_VERSION = '1.0.77467'; // as record_query
const EPOCH_2000 = Date.UTC(2000, 0, 1) * US_PER_MS; // compute-node startqueue (REFERENCE 1.20 quirk)

export function emitDay(day: SimulatedDay, ctx: EmitContext): EmittedDay | null {
  const txEnd = new Map<DayTransaction, Micros>();
  for (const s of day.statements) {
    if (s.tx !== null) txEnd.set(s.tx, Math.max(txEnd.get(s.tx) ?? 0, s.end));
  }
  const ownerTime = (s: DayStatement): Micros => (s.tx === null ? s.end : (txEnd.get(s.tx) ?? s.end));
  const kept = day.statements.filter((s) => {
    const t = ownerTime(s);
    return t >= ctx.from && t < ctx.to;
  });
  const sessions = sessionRows(day, ctx);
  if (kept.length === 0 && sessions.length === 0) return null;

  const rows = emptyRelationRows();
  const keep = retentionFilter(ctx.cutoff);
  const push = <R extends RelationName>(relation: R, row: Row<R>, statementStart?: Micros): void => {
    if (keep(relation, row as Record<string, unknown>, statementStart)) rows[relation].push(row);
  };

  let nextQuery = 0;
  let nextXid = 0;
  const xidOf = new Map<DayTransaction, number>();
  const localXid = (s: DayStatement): number => {
    if (s.tx === null) return 0;
    let x = xidOf.get(s.tx);
    if (x === undefined) {
      x = ++nextXid;
      xidOf.set(s.tx, x);
    }
    return x;
  };
  const commits: { s: DayStatement; xid: number; start: Micros; end: Micros }[] = [];
  const hashCache = new Map<string, [string, string]>();

  for (const s of kept) {
    const userid = s.user === 'rdsdb' ? SYSTEM_USERID : ctx.userIds[s.user];
    const xid = localXid(s);
    const stlQuery = s.kind === 'query' ? ++nextQuery : 0;
    // System probes (userid 1) stay out of the SYS views, which show users' work (our choice).
    const sysQuery = s.user === 'rdsdb' ? 0 : ++nextQuery;
    const r = createRandom(ctx.seed, 'emit', day.dayNumber, s.seq);
    if (s.kind === 'query') emitQuery(s, { userid, xid, stlQuery, sysQuery, r, ctx, push, hashCache });
    else emitUtility(s, { userid, xid, stlQuery, sysQuery, r, ctx, push, hashCache });
    if (sysQuery !== 0) emitSysHistory(s, { userid, xid, stlQuery, sysQuery, r, ctx, push, hashCache });
    // A committed write: the COMMIT statement's own time, or the tail of an autocommit COPY.
    if (s.tx?.commits === true && !s.cut) {
      if (s.kind === 'utility' && s.text === 'COMMIT;') commits.push({ s, xid, start: s.submit, end: s.end });
      if (s.copy !== null && !s.copy.failed) {
        const length = Math.min(s.end - s.execStart, Math.round(r.float(0.3, 2.5) * US_PER_SECOND));
        commits.push({ s, xid, start: s.end - length, end: s.end });
      }
    }
  }
  emitCommits(commits, push, ctx);
  for (const row of sessions) push('sys_session_history', row);
  return { rows, queryIds: nextQuery, xids: nextXid };
}

interface StatementIds {
  userid: number;
  xid: number;
  stlQuery: number;
  sysQuery: number;
  r: Random;
  ctx: EmitContext;
  /** Dashboards repeat the same text all day: hash it once. */
  hashCache: Map<string, [string, string]>;
  push: <R extends RelationName>(relation: R, row: Row<R>, statementStart?: Micros) => void;
}

function queueName(ctx: EmitContext, serviceClass: number): string {
  return ctx.queues.get(serviceClass)?.name ?? `Queue ${serviceClass - 5}`;
}

function emitQuery(s: DayStatement, ids: StatementIds): void {
  const { userid, xid, stlQuery, r, ctx, push } = ids;
  const aborted = s.cut ? 1 : 0;
  const label = labelOf(s.label);
  push('stl_query', {
    userid,
    query: stlQuery,
    label,
    xid,
    pid: s.pid,
    database: ctx.database,
    querytxt: s.text, // the writer cuts at 4000 (REFERENCE 1.4); newlines kept, as record_query
    starttime: s.submit,
    endtime: s.end,
    aborted,
    insert_pristine: 0,
    concurrency_scaling_status: 0,
  });
  splitStatementText(s.text, 200).forEach((text, sequence) =>
    push('stl_querytext', { userid, xid, pid: s.pid, query: stlQuery, sequence, text }, s.submit),
  );
  push('svl_qlog', {
    userid,
    query: stlQuery,
    xid,
    pid: s.pid,
    starttime: s.submit,
    endtime: s.end,
    elapsed: s.end - s.submit,
    aborted,
    label,
    substring: leftChars(s.text, 60),
    source_query: null,
    concurrency_scaling_status_txt: 'Ran on the main cluster',
    from_sp_call: null,
  });
  if (s.serviceClass !== null) {
    push('stl_wlm_query', {
      userid,
      xid,
      task: stlQuery,
      query: stlQuery,
      service_class: s.serviceClass,
      slot_count: s.slotCount,
      service_class_start_time: s.submit,
      queue_start_time: s.submit,
      queue_end_time: s.execStart,
      total_queue_time: s.execStart - s.submit,
      exec_start_time: s.execStart,
      exec_end_time: s.end,
      total_exec_time: s.end - s.execStart,
      service_class_end_time: s.end,
      final_state: 'Completed',
      est_peak_mem: 0,
      query_priority: 'n/a',
      service_class_name: queueName(ctx, s.serviceClass),
    });
    emitSteps(s, ids);
  }
  if (s.ruleAction !== null) {
    const exec = s.end - s.execStart;
    // QMR evaluates every 10 seconds (REFERENCE 3.4); an abort is logged when it stops the query.
    const recordtime =
      s.ruleAction.action === 'abort'
        ? s.end
        : s.execStart + Math.min(exec, Math.ceil((exec * r.float(0.1, 0.4)) / 10_000_000) * 10_000_000);
    push('stl_wlm_rule_action', {
      userid,
      query: stlQuery,
      service_class: s.ruleAction.serviceClass,
      rule: s.ruleAction.rule,
      action: s.ruleAction.action,
      recordtime,
      action_value: '',
      service_class_name: queueName(ctx, s.ruleAction.serviceClass),
    });
  }
  if (s.copy !== null) emitCopy(s, s.copy, ids);
  if (s.user !== 'rdsdb') emitTableAccess(s, ids);
}

/**
 * STL_SCAN / STL_INSERT / STL_DELETE (REFERENCE 1.25-1.27): one row per step per slice for the tables
 * the statement's SQL names (tableAccess.ts). Scans run in the first part of the execution, writes in
 * the rest; a statement that was cut short wrote nothing (rolled back), so it has no write rows.
 */
function emitTableAccess(s: DayStatement, ids: StatementIds): void {
  const { userid, stlQuery, push } = ids;
  const access = tableAccessOf(s.text);
  const exec = Math.max(1, s.end - s.execStart);
  const scanEnd = s.execStart + Math.round(exec * 0.6);
  const perSlice = (n: number, slice: number): number =>
    Math.floor(n / SLICES) + (slice < n % SLICES ? 1 : 0);
  const scanned = Math.max(1, s.rows) * 8;
  const scan = (tbl: number, name: string, type: number, segment: number): void => {
    for (let slice = 0; slice < SLICES; slice++) {
      const rows = perSlice(scanned, slice);
      push('stl_scan', {
        userid,
        query: stlQuery,
        slice,
        segment,
        step: 0,
        starttime: s.execStart,
        endtime: scanEnd,
        tasknum: 10 + slice,
        rows,
        bytes: rows * 24,
        fetches: 0,
        type,
        tbl,
        is_rrscan: 'f',
        is_delayed_scan: 'f',
        rows_pre_filter: type === 2 ? rows * 2 : 0,
        rows_pre_user_filter: type === 2 ? rows * 2 : 0,
        perm_table_name: name,
        is_rlf_scan: 'f',
        is_rlf_scan_reason: 0,
        num_em_blocks: 0,
        checksum: 0,
        runtime_filtering: 'f',
        scan_region: 0,
        num_sortkey_as_predicate: 0,
        row_fetcher_state: 0,
        consumed_scan_ranges: 0,
        work_stealing_reason: 0,
        is_vectorized_scan: 't',
        is_vectorized_scan_reason: 0,
        row_fetcher_reason: 0,
        topology_signature: 0,
        use_tpm_partition: 'f',
        is_rrscan_expr: 'f',
        scanned_mega_value: 'f',
      });
    }
  };
  access.reads.forEach((key, i) => scan(TABLES[key].tableId, TABLES[key].table, 2, i));
  // COPY scans its files from S3 (type 21): no permanent table name.
  if (access.copyInto !== null) scan(TABLES[access.copyInto].tableId, '', 21, 0);
  if (s.cut) return;
  const written = s.copy !== null ? s.copy.rowsLoaded : s.rows;
  const segment = access.reads.length + 1;
  // A delete step, then an insert step (UPDATE has both), one row per slice (REFERENCE 1.26, 1.27).
  const writeStep = (key: TableKey, step: number, slice: number) => ({
    userid,
    query: stlQuery,
    slice,
    segment: segment + step - 1,
    step,
    starttime: scanEnd,
    endtime: s.end,
    tasknum: 10 * (step + 1) + slice,
    rows: perSlice(written, slice),
    tbl: TABLES[key].tableId,
  });
  for (const key of access.deletes)
    for (let slice = 0; slice < SLICES; slice++) push('stl_delete', writeStep(key, 1, slice));
  for (const key of access.inserts)
    for (let slice = 0; slice < SLICES; slice++)
      push('stl_insert', { ...writeStep(key, 2, slice), inserted_mega_value: 'f' });
}

function emitUtility(s: DayStatement, ids: StatementIds): void {
  const { userid, xid, push } = ids;
  const relation = s.kind === 'ddl' ? 'stl_ddltext' : 'stl_utilitytext';
  splitStatementText(s.text, 200).forEach((text, sequence) =>
    push(relation, {
      userid,
      xid,
      pid: s.pid,
      label: s.label, // REFERENCE 1.21: blank when no query group is set
      starttime: s.submit,
      endtime: s.end,
      sequence,
      text,
    }),
  );
}

function errorMessageOf(s: DayStatement, stlQuery: number): string {
  if (!s.cut) return '';
  switch (s.cancelReason) {
    case 'qmr':
      return `Query (${queryIdPlaceholder(stlQuery)}) cancelled by WLM abort action of Query Monitoring Rule "${s.ruleAction?.rule ?? ''}".`;
    case 'load':
      return `Load into table '${s.copy === null ? '' : TABLES[s.copy.feed.table].table}' failed.  Check 'stl_load_errors' system table for details.`;
    default:
      return `Query (${queryIdPlaceholder(stlQuery)}) cancelled on user's request`; // as record_query
  }
}

function emitSysHistory(s: DayStatement, ids: StatementIds): void {
  const { userid, xid, stlQuery, sysQuery, r, ctx, push } = ids;
  const queryType = queryTypeOf(s.text);
  const isQuery = s.kind === 'query';
  const wlm = isQuery && s.serviceClass !== null;
  const status = !s.cut ? 'success' : s.cancelReason === 'load' ? 'failed' : 'canceled';
  const returned = queryType === 'SELECT' && !s.cut ? s.rows : 0;
  let hashes = ids.hashCache.get(s.text);
  if (hashes === undefined) {
    hashes = [userQueryHash(s.text), genericQueryHash(s.text)];
    ids.hashCache.set(s.text, hashes);
  }
  push('sys_query_history', {
    user_id: userid,
    query_id: sysQuery,
    query_label: labelOf(s.label),
    transaction_id: xid,
    session_id: s.pid,
    database_name: ctx.database,
    query_type: queryType,
    status,
    result_cache_hit: false,
    start_time: s.submit,
    end_time: s.end,
    elapsed_time: s.end - s.submit,
    queue_time: s.execStart - s.submit,
    execution_time: s.end - s.execStart,
    error_message: errorMessageOf(s, stlQuery),
    returned_rows: returned,
    returned_bytes: returned * 64,
    query_text: s.text,
    redshift_version: REDSHIFT_VERSION,
    usage_limit: '',
    compute_type: 'primary',
    compile_time: s.compile,
    planning_time: isQuery ? Math.round(r.float(0.4, 30) * US_PER_MS) : 0,
    lock_wait_time:
      queryType === 'UPDATE' || queryType === 'OTHER' ? Math.round(r.float(0, 40) * US_PER_MS) : 0,
    // Leader-only utility / DDL statements pass no WLM queue: no service class (our choice).
    service_class_id: wlm ? s.serviceClass : null,
    service_class_name: wlm && s.serviceClass !== null ? queueName(ctx, s.serviceClass) : null,
    query_priority: null, // manual WLM: no priorities (record_query)
    short_query_accelerated: wlm ? String(s.serviceClass === SQA_SERVICE_CLASS) : null,
    user_query_hash: hashes[0],
    generic_query_hash: hashes[1],
    query_hash_version: 2,
    result_cache_query_id: 0,
    username: s.user,
  });
  splitStatementText(s.text, 4000).forEach((text, sequence) =>
    push('sys_query_text', {
      user_id: userid,
      query_id: sysQuery,
      transaction_id: xid,
      session_id: s.pid,
      start_time: s.submit,
      sequence,
      text,
    }),
  );
}

/** Manual WLM's user-defined queues (REFERENCE 1.2): the only ones SVL_QUERY_METRICS_SUMMARY reports. */
const USER_QUEUES = { first: 6, last: 13 };

/** A stable 0..1 value per statement, without drawing from the day's random stream. */
const spreadOf = (s: DayStatement): number =>
  ((((s.pid * 2_654_435_761 + s.submit) % 1_000_003) + 1_000_003) % 1_000_003) / 1_000_003;

/**
 * SVL_QUERY_METRICS_SUMMARY (REFERENCE 1.28): the maximum of each metric over the statement's steps,
 * time-like columns in whole seconds. Rows scanned are the plan's scan rows (they grow with the batch
 * creep's data); CPU follows execution, nearly all of it for a nested loop (the regression's plan).
 */
function emitMetricsSummary(s: DayStatement, steps: readonly PlanStep[], ids: StatementIds): void {
  if (s.serviceClass === null || s.serviceClass < USER_QUEUES.first || s.serviceClass > USER_QUEUES.last)
    return;
  if (s.cut || steps.length === 0) return;
  const exec = s.end - s.execStart;
  const spread = spreadOf(s);
  const nestedLoop = steps.some((st) => st.name === 'nestloop');
  const cpuShare = nestedLoop ? 0.85 + 0.1 * spread : 0.35 + 0.3 * spread;
  const scans = steps.filter((st) => st.name === 'scan');
  const maxRows = (name: string) =>
    Math.max(0, ...steps.filter((st) => st.name === name).map((st) => st.rows));
  const spilled = steps.filter((st) => st.diskBased).reduce((sum, st) => sum + st.bytes, 0);
  ids.push(
    'svl_query_metrics_summary',
    {
      userid: ids.userid,
      query: ids.stlQuery,
      service_class: s.serviceClass,
      query_cpu_time: Math.round((exec * cpuShare) / US_PER_SECOND),
      query_blocks_read: Math.ceil(scans.reduce((sum, st) => sum + st.bytes, 0) / 1_048_576),
      query_execution_time: Math.round(exec / US_PER_SECOND),
      query_cpu_usage_percent: Math.round(cpuShare * 5_000) / 100,
      query_temp_blocks_to_disk: Math.ceil(spilled / 1_048_576),
      segment_execution_time: Math.round(exec / US_PER_SECOND),
      cpu_skew: Math.round((1 + spread) * 100) / 100,
      io_skew: Math.round((1 + spread / 2) * 100) / 100,
      scan_row_count: maxRows('scan'),
      join_row_count: maxRows('hashjoin'),
      nested_loop_join_row_count: maxRows('nestloop'),
      return_row_count: maxRows('return'),
      spectrum_scan_row_count: 0,
      spectrum_scan_size_mb: 0,
      query_queue_time: Math.round((s.execStart - s.submit) / US_PER_SECOND),
    },
    s.submit,
  );
}

function emitSteps(s: DayStatement, ids: StatementIds): void {
  const { userid, stlQuery, sysQuery, r, xid, push } = ids;
  const steps = planSteps(s, r);
  emitMetricsSummary(s, steps, ids);
  const exec = s.end - s.execStart;
  const detailed = exec >= 10 * US_PER_SECOND || s.alerts.length > 0;
  steps.forEach((step, nodeIndex) => {
    const maxtime = Math.max(1, Math.round(exec * step.share));
    const avgtime = Math.max(1, Math.round(maxtime * r.float(0.7, 0.97)));
    const alert = step.alert === null ? null : alertText(step.alert, step, r);
    push(
      'svl_query_summary',
      {
        userid,
        query: stlQuery,
        stm: step.stm,
        seg: step.seg,
        step: step.step,
        maxtime,
        avgtime,
        rows: step.rows,
        bytes: step.bytes,
        rate_row: maxtime > 0 ? step.rows / (maxtime / US_PER_SECOND) : 0,
        rate_byte: maxtime > 0 ? step.bytes / (maxtime / US_PER_SECOND) : 0,
        label: step.label,
        is_diskbased: step.diskBased ? 't' : 'f',
        workmem: step.workmem,
        is_rrscan: step.isRrscan ? 't' : 'f',
        is_delayed_scan: 'f',
        rows_pre_filter: step.rowsPreFilter,
      },
      s.submit,
    );
    // SYS_QUERY_DETAIL only has rows for queries rewritten into child queries (REFERENCE 1.24); we
    // give them to the longer and the alerting ones.
    if (detailed)
      push('sys_query_detail', {
        user_id: userid,
        query_id: sysQuery,
        child_query_sequence: 1,
        stream_id: step.stm,
        segment_id: step.seg,
        step_id: step.step,
        step_name: step.name,
        table_id: step.table === null ? null : TABLES[step.table].tableId,
        // The bare name, as STL_SCAN's perm_table_name (same character(136)): REFERENCE does not say
        // it carries the schema, so the app must not count on it.
        table_name: step.table === null ? null : TABLES[step.table].table,
        is_rrscan: step.isRrscan ? 't' : 'f',
        start_time: s.execStart,
        end_time: s.execStart + maxtime,
        duration: maxtime,
        alert: alert === null ? '' : alert.event,
        input_bytes: step.bytes,
        input_rows: step.rowsPreFilter > 0 ? step.rowsPreFilter : step.rows,
        output_bytes: step.bytes,
        output_rows: step.rows,
        blocks_read: Math.ceil(step.bytes / 1_048_576),
        blocks_write: step.diskBased ? Math.ceil(step.bytes / 4_194_304) : 0,
        local_read_io: Math.ceil(step.bytes / 1_048_576),
        remote_read_io: 0,
        source: step.name === 'scan' ? (s.plan === 'copy' ? 'S3' : 'Redshift(local)') : '',
        data_skewness: r.int(0, 25),
        time_skewness: r.int(0, 25),
        is_active: 'f',
        spilled_block_local_disk: step.diskBased ? Math.ceil(step.bytes / 8_388_608) : 0,
        spilled_block_remote_disk: 0,
        step_attribute: '',
        metrics_level: 'Step',
        plan_parent_id: nodeIndex === 0 ? 0 : nodeIndex,
        plan_node_id: nodeIndex + 1,
      });
    if (alert !== null) {
      // One row per slice that raised it; nested loops are reported once.
      const slices = step.alert === 'nested_loop' ? 1 : 2;
      for (let k = 0; k < slices; k++) {
        push('stl_alert_event_log', {
          userid,
          query: stlQuery,
          slice: (k * 2 + step.seg) % SLICES,
          segment: step.seg,
          step: step.step,
          pid: s.pid,
          xid,
          event: alert.event,
          solution: alert.solution,
          event_time: s.execStart + Math.round(maxtime * r.float(0.05, 0.9)),
        });
      }
    }
  });
}

function emitCopy(s: DayStatement, copy: CopyRun, ids: StatementIds): void {
  const { userid, xid, stlQuery, sysQuery, ctx, push } = ids;
  const table = TABLES[copy.feed.table];
  const exec = s.end - s.execStart;
  const bytes = copy.files.reduce((sum, f) => sum + f.bytes, 0);
  const doneOf = (f: CopyRun['files'][number]) => s.execStart + Math.round(exec * f.doneAt);
  const begunOf = (f: CopyRun['files'][number]) =>
    s.execStart + Math.round(exec * Math.max(0, f.doneAt - 0.5));
  if (!copy.failed) {
    for (const f of copy.files) {
      push('stl_load_commits', {
        userid,
        query: stlQuery,
        slice: f.slice,
        name: table.table,
        filename: f.name,
        byte_offset: 0,
        lines_scanned: f.lines,
        errors: -1,
        curtime: doneOf(f),
        status: 1,
        file_format: copy.feed.commitFormat,
        is_partial: f.isPartial,
        start_offset: f.startOffset,
        copy_job_id: 0,
      });
      // STL_FILE_SCAN (REFERENCE 1.31): the same file or split with its bytes, named without s3://bucket/.
      const begun = begunOf(f);
      push('stl_file_scan', {
        userid,
        query: stlQuery,
        slice: f.slice,
        name: f.name.replace(/^s3:\/\/[^/]+\//, '').slice(0, 90),
        lines: f.lines,
        bytes: f.bytes,
        loadtime: Math.max(1, doneOf(f) - begun),
        curtime: begun,
        is_partial: f.isPartial,
        start_offset: f.startOffset,
      });
    }
    // SYS_LOAD_DETAIL (REFERENCE 1.29): one row per file by the SYS id, its splits summed.
    const byFile = new Map<
      string,
      { bytes: number; lines: number; splits: number; begun: number; done: number }
    >();
    for (const f of copy.files) {
      const done = doneOf(f);
      const begun = begunOf(f);
      const e = byFile.get(f.name);
      if (!e) byFile.set(f.name, { bytes: f.bytes, lines: f.lines, splits: 1, begun, done });
      else {
        e.bytes += f.bytes;
        e.lines += f.lines;
        e.splits++;
        e.begun = Math.min(e.begun, begun);
        e.done = Math.max(e.done, done);
      }
    }
    for (const [name, f] of byFile)
      push('sys_load_detail', {
        user_id: userid,
        query_id: sysQuery,
        file_name: name,
        bytes_scanned: f.bytes,
        lines_scanned: f.lines,
        record_time: f.done,
        splits_scanned: f.splits,
        start_time: f.begun,
        end_time: f.done,
        file_etag: '',
        file_last_modified: s.submit,
      });
  }
  push('sys_load_history', {
    user_id: userid,
    query_id: sysQuery,
    transaction_id: xid,
    session_id: s.pid,
    database_name: ctx.database,
    status: copy.failed ? 'aborted' : 'completed',
    table_name: table.table,
    start_time: s.submit,
    end_time: s.end,
    duration: s.end - s.submit,
    data_source: copy.dataSource,
    file_format: copy.feed.fileFormat,
    loaded_rows: copy.rowsLoaded,
    loaded_bytes: copy.failed ? 0 : Math.round((bytes * copy.rowsLoaded) / Math.max(1, copy.linesScanned)),
    source_file_count: copy.feed.files,
    source_file_bytes: bytes,
    file_count_scanned: copy.feed.files,
    file_bytes_scanned: copy.failed
      ? Math.round(bytes * ((s.end - s.execStart) / Math.max(1, s.plannedExec)))
      : bytes,
    error_count: copy.errorsTotal,
    copy_job_id: 0,
  });
  for (const e of copy.errors) {
    const file = copy.files[e.fileIndex];
    const filename = file?.name ?? copy.dataSource;
    const column = e.columns[e.field];
    push('stl_load_errors', {
      userid,
      slice: e.slice,
      tbl: table.tableId,
      starttime: s.submit,
      session: s.pid,
      query: stlQuery,
      filename,
      line_number: e.lineNumber,
      colname: column?.name ?? '',
      type: column?.type ?? '',
      col_length: column?.length ?? '',
      position: e.position,
      raw_line: multibyteToDots(e.rawLine), // REFERENCE 1.13
      raw_field_value: e.rawFieldValue,
      err_code: e.code,
      err_reason: e.reason,
      is_partial: e.isPartial,
      start_offset: e.startOffset,
      copy_job_id: 0,
    });
    e.parsed.forEach((value, i) => {
      const c = e.columns[i];
      push(
        'stl_loaderror_detail',
        {
          userid,
          slice: e.slice,
          session: s.pid,
          query: stlQuery,
          filename,
          line_number: e.lineNumber,
          field: i + 1,
          colname: c?.name ?? '',
          value: multibyteToDots(value), // REFERENCE 1.14
          is_null: value === '' ? 1 : 0,
          type: c?.type ?? '',
          col_length: c?.length ?? '',
        },
        s.submit,
      );
    });
    push('sys_load_error_detail', {
      user_id: userid,
      query_id: sysQuery,
      transaction_id: xid,
      session_id: s.pid,
      database_name: ctx.database,
      table_id: table.tableId,
      start_time: s.submit,
      file_name: filename,
      line_number: e.lineNumber,
      column_name: column?.name ?? '',
      column_type: column?.type ?? '',
      column_length: column?.length ?? '',
      position: e.position,
      error_code: e.code,
      error_message: e.message,
    });
  }
}

function emitCommits(
  commits: { s: DayStatement; xid: number; start: Micros; end: Micros }[],
  push: StatementIds['push'],
  ctx: EmitContext,
): void {
  commits.sort((a, b) => a.start - b.start);
  commits.forEach((c, i) => {
    const r = createRandom(ctx.seed, 'commit', c.s.seq, c.s.submit);
    // Transactions ahead in the commit queue: commits that started earlier and were still running.
    let queuelen = 0;
    for (let j = i - 1; j >= 0 && j >= i - 20; j--) if ((commits[j]?.end ?? 0) > c.start) queuelen++;
    const length = Math.max(1, c.end - c.start);
    const startwork = c.start + Math.round(length * (queuelen > 0 ? r.float(0.2, 0.5) : r.float(0.01, 0.05)));
    const at = (share: number): Micros => startwork + Math.round((c.end - startwork) * share);
    const newblocks = r.int(20, 4000);
    for (let node = -1; node < COMPUTE_NODES; node++) {
      push('stl_commit_stats', {
        xid: c.xid,
        node,
        startqueue: node === -1 ? c.start : EPOCH_2000,
        startwork,
        endflush: at(0.35),
        endstage: at(0.55),
        endlocal: at(0.7),
        startglobal: at(0.75),
        endtime: c.end,
        queuelen: node === -1 ? queuelen : 0,
        permblocks: r.int(200_000, 2_000_000),
        newblocks: node === -1 ? newblocks : Math.round(newblocks / COMPUTE_NODES),
        dirtyblocks: node === -1 ? 0 : r.int(10, 2000),
        headers: r.int(5, 500),
        numxids: r.int(1, 6),
        oldestxid: c.xid,
        extwritelatency: 0,
        metadatawritten: node === -1 ? 1 : 0,
        tombstonedblocks: r.int(0, 200),
        tossedblocks: 0,
        batched_by: 0,
      });
    }
  });
}

function userIdText(user: StatementUser, ctx: EmitContext): string {
  return String(user === 'rdsdb' ? SYSTEM_USERID : ctx.userIds[user]);
}

/** SYS_SESSION_HISTORY rows of the sessions that ended inside the window (REFERENCE 1.24). */
function sessionRows(day: SimulatedDay, ctx: EmitContext): Row<'sys_session_history'>[] {
  const span = new Map<number, { start: Micros; end: Micros }>();
  for (const s of day.statements) {
    const x = span.get(s.pid);
    if (x === undefined) span.set(s.pid, { start: s.submit, end: s.end });
    else {
      x.start = Math.min(x.start, s.submit);
      x.end = Math.max(x.end, s.end);
    }
  }
  const out: Row<'sys_session_history'>[] = [];
  for (const session of day.sessions) {
    const x = span.get(session.pid);
    if (x === undefined || session.user === 'rdsdb') continue;
    const r = createRandom(ctx.seed, 'session', session.pid);
    const start = x.start - Math.round(r.float(50, 900) * US_PER_MS);
    const end = session.timedOut
      ? x.end + session.timeoutSeconds * US_PER_SECOND
      : x.end + Math.round(r.float(20, 2000) * US_PER_MS);
    if (end < ctx.from || end >= ctx.to) continue;
    out.push({
      user_id: userIdText(session.user, ctx),
      session_id: session.pid,
      database_name: ctx.database,
      status: session.timedOut ? 'timed out' : 'closed',
      session_timeout: session.timeoutSeconds,
      start_time: start,
      end_time: end,
    });
  }
  return out;
}

/** Row filter for retentionDays: the same rule pruneWorkload applies in SQL (relations.ts RETENTION). */
function retentionFilter(
  cutoff: Micros | null,
): (relation: RelationName, row: Record<string, unknown>, statementStart?: Micros) => boolean {
  if (cutoff === null) return () => true;
  return (relation, row, statementStart) => {
    const rule = RETENTION[relation];
    if ('never' in rule) return true;
    if ('withQueryOf' in rule) return statementStart === undefined || statementStart >= cutoff;
    const value = row[rule.column];
    return typeof value !== 'number' || value >= cutoff;
  };
}

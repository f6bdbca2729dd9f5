// loads: COPY progress and rejected rows (queries/loads.sql; REFERENCE 1.13, 1.15, 1.24, 1.29).
// Provisioned clusters read STL_LOAD_COMMITS / STL_LOAD_ERRORS; Serverless reads SYS_LOAD_HISTORY,
// SYS_LOAD_DETAIL (the files with their bytes) and SYS_LOAD_ERROR_DETAIL (which has no raw line: the
// error message carries the value).
import type { CollectorSettings } from '../../base/CollectorSettings.ts';
import type { JobContext, JobDefinition, JobRunResult } from '../Job.ts';
import { LoadStore } from '../../store/history/LoadStore.ts';
import { summarizeLoads } from '../../store/history/summarizeLoads.ts';
import { microsFromTimestamp } from '../../base/redshiftTime.ts';
import { combine, readSince } from './readSince.ts';
import { systemTableJob } from './systemTableJob.ts';

interface CommitRow {
  query: number;
  slice: number;
  filename: string | null;
  start_offset: number | string | null;
  curtime: string;
  lines_scanned: number | null;
  errors: number | null;
  status: number | null;
  file_format: string | null;
  is_partial: number | null;
  bytes: number | string | null;
}

interface ErrorRow {
  query: number;
  slice: number;
  tbl: number | null;
  schema_name: string | null;
  table_name: string | null;
  starttime: string;
  filename: string | null;
  line_number: number | string | null;
  colname: string | null;
  type: string | null;
  col_length: string | null;
  position: number | null;
  raw_line: string | null;
  raw_field_value: string | null;
  err_code: number;
  err_reason: string | null;
  is_partial: number | null;
  start_offset: number | string | null;
  cursor_time: string;
}

interface SysLoadRow {
  query: number | string;
  table_name: string | null;
  status: string | null;
  start_time: string;
  end_time: string;
  data_source: string | null;
  file_format: string | null;
  loaded_rows: number | string | null;
  error_count: number | string | null;
  source_file_count: number | string | null;
  source_file_bytes: number | string | null;
}

interface SysFileRow {
  query: number | string;
  file_name: string | null;
  record_time: string;
  lines_scanned: number | string | null;
  bytes_scanned: number | string | null;
}

interface SysErrorRow {
  query: number | string;
  table_id: number | null;
  table_name: string | null;
  start_time: string;
  file_name: string | null;
  line_number: number | string | null;
  column_name: string | null;
  column_type: string | null;
  column_length: string | null;
  position: number | null;
  error_code: number;
  error_message: string | null;
  cursor_time: string;
}

/** What a SYS_LOAD_DETAIL row does not say (its COPY's SYS_LOAD_HISTORY row does). */
const SYS_FILE = {
  slice: 0,
  startOffset: 0,
  errors: null,
  status: null,
  fileFormat: null,
  isPartial: null,
  tableName: null,
  source: 'sys',
} as const;

const num = (v: number | string | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

export function createLoadsJob(settings: CollectorSettings): JobDefinition {
  return systemTableJob('loads', settings, async (ctx) => {
    const result = await (ctx.capabilities.includes('provisioned')
      ? readStl(ctx, settings)
      : readSys(ctx, settings));
    // One row per COPY for the loads view and the delivery ledger (store/history/summarizeLoads.ts).
    summarizeLoads(ctx.db, ctx.connectionId);
    return result;
  });
}

async function readStl(ctx: JobContext, s: CollectorSettings): Promise<JobRunResult> {
  const store = new LoadStore(ctx.db);
  const id = ctx.connectionId;
  const page = { pageSize: s.pageSize, overlapMs: s.loadsOverlapMs };
  const commits = await readSince<CommitRow>(ctx, {
    key: 'loads:commits',
    ...page,
    query: 'load_commits_since',
    timeOf: (r) => r.curtime,
    store: (rows) =>
      store.upsertCommits(
        rows.map((r) => ({
          connectionId: id,
          query: r.query,
          slice: r.slice,
          filename: r.filename ?? '',
          startOffset: num(r.start_offset) ?? 0,
          curUs: microsFromTimestamp(r.curtime),
          linesScanned: r.lines_scanned,
          errors: r.errors,
          status: r.status === null ? null : String(r.status),
          fileFormat: r.file_format,
          isPartial: r.is_partial,
          tableName: null,
          source: 'stl' as const,
          bytes: num(r.bytes),
        })),
      ),
  });
  const errors = await readSince<ErrorRow>(ctx, {
    key: 'loads:errors',
    ...page,
    query: 'load_errors_since',
    timeOf: (r) => r.cursor_time,
    store: (rows) =>
      store.upsertErrors(
        rows.map((r) => ({
          connectionId: id,
          query: r.query,
          slice: r.slice,
          fileName: r.filename ?? '',
          lineNumber: num(r.line_number) ?? -1,
          startOffset: num(r.start_offset) ?? 0,
          columnName: r.colname ?? '',
          position: r.position ?? -1,
          startUs: microsFromTimestamp(r.starttime),
          tableId: r.tbl,
          tableName:
            r.table_name === null ? null : r.schema_name ? `${r.schema_name}.${r.table_name}` : r.table_name,
          columnType: r.type,
          columnLength: r.col_length,
          rawLine: r.raw_line ?? '',
          rawFieldValue: r.raw_field_value ?? '',
          errCode: r.err_code,
          errReason: r.err_reason ?? '',
          isPartial: r.is_partial,
          source: 'stl' as const,
        })),
      ),
  });
  return combine([commits, errors]);
}

async function readSys(ctx: JobContext, s: CollectorSettings): Promise<JobRunResult> {
  const store = new LoadStore(ctx.db);
  const id = ctx.connectionId;
  const page = { pageSize: s.pageSize, overlapMs: s.loadsOverlapMs };
  const loads = await readSince<SysLoadRow>(ctx, {
    key: 'loads:commits',
    ...page,
    query: 'sys_load_history_since',
    timeOf: (r) => r.end_time,
    store: (rows) =>
      store.upsertCommits(
        rows.map((r) => ({
          connectionId: id,
          query: Number(r.query),
          slice: -1,
          filename: r.data_source ?? '',
          startOffset: 0,
          curUs: microsFromTimestamp(r.end_time),
          linesScanned: num(r.loaded_rows),
          errors: num(r.error_count),
          status: r.status,
          fileFormat: r.file_format,
          isPartial: null,
          tableName: r.table_name,
          source: 'sys' as const,
          bytes: num(r.source_file_bytes),
          fileCount: num(r.source_file_count),
        })),
      ),
  });
  // One row per file, stored beside the COPY's SYS_LOAD_HISTORY row (slice -1) as slice 0: per-file
  // rows are what files, bytes and the file name pattern are counted from, as on provisioned clusters.
  const files = await readSince<SysFileRow>(ctx, {
    key: 'loads:files',
    ...page,
    query: 'sys_load_detail_since',
    timeOf: (r) => r.record_time,
    store: (rows) =>
      store.upsertCommits(
        rows.map((r) => ({
          ...SYS_FILE,
          connectionId: id,
          query: Number(r.query),
          filename: r.file_name ?? '',
          curUs: microsFromTimestamp(r.record_time),
          linesScanned: num(r.lines_scanned),
          bytes: num(r.bytes_scanned),
        })),
      ),
  });
  const errors = await readSince<SysErrorRow>(ctx, {
    key: 'loads:errors',
    ...page,
    query: 'sys_load_errors_since',
    timeOf: (r) => r.cursor_time,
    store: (rows) =>
      store.upsertErrors(
        rows.map((r) => ({
          connectionId: id,
          query: Number(r.query),
          slice: -1,
          fileName: r.file_name ?? '',
          lineNumber: num(r.line_number) ?? -1,
          startOffset: 0,
          columnName: r.column_name ?? '',
          position: r.position ?? -1,
          startUs: microsFromTimestamp(r.start_time),
          tableId: r.table_id,
          tableName: r.table_name,
          columnType: r.column_type,
          columnLength: r.column_length,
          rawLine: '',
          rawFieldValue: '',
          errCode: r.error_code,
          errReason: r.error_message ?? '',
          isPartial: null,
          source: 'sys' as const,
        })),
      ),
  });
  return combine([loads, files, errors]);
}

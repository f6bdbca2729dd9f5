// COPY progress and load errors (load_commits, load_errors; migrations/0002_history.sql).
import type Database from 'better-sqlite3';
import { LateCopyInputs } from './LateCopyInputs.ts';

export interface LoadCommitRecord {
  connectionId: string;
  query: number;
  slice: number;
  filename: string;
  startOffset: number;
  curUs: number;
  linesScanned: number | null;
  errors: number | null;
  status: string | null;
  fileFormat: string | null;
  isPartial: number | null;
  tableName: string | null;
  source: 'stl' | 'sys';
  /** Bytes of the file (STL_FILE_SCAN, SYS_LOAD_DETAIL), or of all the COPY's files on its SYS_LOAD_HISTORY row. */
  bytes?: number | null;
  /** SYS row only: how many files the COPY read. */
  fileCount?: number | null;
}

export interface LoadErrorRecord {
  connectionId: string;
  query: number;
  slice: number;
  fileName: string;
  lineNumber: number;
  startOffset: number;
  columnName: string;
  position: number;
  startUs: number;
  tableId: number | null;
  tableName: string | null;
  columnType: string | null;
  columnLength: string | null;
  rawLine: string;
  rawFieldValue: string;
  errCode: number;
  errReason: string;
  isPartial: number | null;
  source: 'stl' | 'sys';
}

// Records bind by name (@field in the SQL), so a column added to a record cannot shift the others.
export class LoadStore {
  private readonly commit: Database.Statement;
  private readonly error: Database.Statement;
  private readonly lateCopies: LateCopyInputs;

  constructor(db: Database.Database) {
    this.lateCopies = new LateCopyInputs(db);
    this.commit = db.prepare(
      `INSERT INTO load_commits (connection_id, query, slice, filename, start_offset, cur_us, lines_scanned, errors,
         status, file_format, is_partial, table_name, source, bytes, file_count)
       VALUES (@connectionId, @query, @slice, @filename, @startOffset, @curUs, @linesScanned, @errors,
         @status, @fileFormat, @isPartial, @tableName, @source, @bytes, @fileCount)
       ON CONFLICT (connection_id, query, slice, filename, start_offset) DO UPDATE SET
         cur_us = excluded.cur_us, lines_scanned = excluded.lines_scanned, errors = excluded.errors,
         status = excluded.status, file_format = excluded.file_format, is_partial = excluded.is_partial,
         bytes = coalesce(excluded.bytes, load_commits.bytes), file_count = excluded.file_count,
         table_name = coalesce(excluded.table_name, load_commits.table_name)
       WHERE excluded.cur_us >= load_commits.cur_us`,
    );
    this.error = db.prepare(
      `INSERT INTO load_errors (connection_id, query, slice, file_name, line_number, start_offset, column_name, position,
         start_us, table_id, table_name, column_type, column_length, raw_line, raw_field_value, err_code, err_reason,
         is_partial, source)
       VALUES (@connectionId, @query, @slice, @fileName, @lineNumber, @startOffset, @columnName, @position,
         @startUs, @tableId, @tableName, @columnType, @columnLength, @rawLine, @rawFieldValue, @errCode, @errReason,
         @isPartial, @source)
       ON CONFLICT (connection_id, query, slice, file_name, line_number, start_offset, column_name, position)
       DO UPDATE SET table_name = coalesce(excluded.table_name, load_errors.table_name)`,
    );
  }

  upsertCommits(rows: readonly LoadCommitRecord[]): void {
    for (const r of rows) {
      this.commit.run({ ...r, bytes: r.bytes ?? null, fileCount: r.fileCount ?? null });
    }
    this.markLate(rows, (r) => r.curUs);
  }

  upsertErrors(rows: readonly LoadErrorRecord[]): void {
    for (const r of rows) {
      this.error.run(r);
    }
    this.markLate(rows, (r) => r.startUs);
  }

  /**
   * The oldest progress or rejected row stored, per connection: the summaries of the COPYs it may
   * belong to are due (LateCopyInputs).
   */
  private markLate<R extends { connectionId: string }>(rows: readonly R[], timeOf: (r: R) => number): void {
    const oldest = new Map<string, number>();
    for (const r of rows)
      oldest.set(r.connectionId, Math.min(oldest.get(r.connectionId) ?? timeOf(r), timeOf(r)));
    for (const [connectionId, us] of oldest) this.lateCopies.markProgress(connectionId, us);
  }
}

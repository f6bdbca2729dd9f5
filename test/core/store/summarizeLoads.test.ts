// One row per COPY (store/history/summarizeLoads.ts) from the rows the loads and query history jobs
// store, on a real store: a provisioned CSV COPY with files and rejects, a COPY without MAXERROR, an
// aborted one known only by its error rows, a Parquet COPY, and a Serverless COPY (SYS_LOAD_HISTORY:
// one row per COPY, no files); summarizing again changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLoads } from '../../../electron/core/loads/readLoads.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import { summarizeLoads } from '../../../electron/core/store/history/summarizeLoads.ts';
import { QueryStore } from '../../../electron/core/store/history/QueryStore.ts';
import { LoadStore } from '../../../electron/core/store/history/LoadStore.ts';
import { storedStatement } from './support/storedStatement.ts';

const C = 'c1';
const T0 = Date.UTC(2026, 10, 30, 1, 0, 0) * 1000;
let dir: string;
let db: Database.Database;

function statement(
  query: number,
  text: string,
  opts: { aborted?: boolean; source?: 'stl' | 'sys' } = {},
): number {
  const start = T0 + query * 60_000_000;
  db.prepare(
    `INSERT INTO queries (connection_id, query, start_us, end_us, user_id, pid, xid, label, database, queue_us,
       exec_us, elapsed_us, aborted, fingerprint, text, text_complete, source)
     VALUES (?, ?, ?, ?, 100, 1, 1, '', 'dev', 2000000, 30000000, 32000000, ?, 'f', ?, 1, ?)`,
  ).run(C, query, start, start + 32_000_000, opts.aborted ? 1 : 0, text, opts.source ?? 'stl');
  return start;
}

function commit(
  query: number,
  at: number,
  file: string,
  lines: number,
  extra: Partial<{ source: string; errors: number; status: string; table: string; format: string }> = {},
) {
  db.prepare(
    `INSERT INTO load_commits (connection_id, query, slice, filename, start_offset, cur_us, lines_scanned, errors,
       status, file_format, is_partial, table_name, source)
     VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 0, ?, ?)`,
  ).run(
    C,
    query,
    extra.source === 'sys' ? -1 : 0,
    file,
    at + 10_000_000,
    lines,
    extra.errors ?? -1,
    extra.status ?? '1',
    extra.format ?? 'Text',
    extra.table ?? null,
    extra.source ?? 'stl',
  );
}

function error(query: number, at: number, file: string, line: number) {
  db.prepare(
    `INSERT INTO load_errors (connection_id, query, slice, file_name, line_number, start_offset, column_name,
       position, start_us, raw_line, raw_field_value, err_code, err_reason, source)
     VALUES (?, ?, 0, ?, ?, 0, 'c', 0, ?, 'raw', 'v', 1207, 'Invalid digit', 'stl')`,
  ).run(C, query, file, line, at);
}

const byQuery = () =>
  new Map(
    readLoads(db, {
      connectionId: C,
      from: '2026-11-29T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      limit: 100,
    }).rows.map((r) => [r.query, r]),
  );

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-summarize-'));
  db = openStore({ dataDir: dir });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('summarizeLoads', () => {
  it('summarizes every kind of COPY once, and again to the same rows', () => {
    let at = statement(
      1,
      "COPY sales.orders\nFROM 's3://in/orders/2026/11/30/'\nFORMAT AS CSV\nMAXERROR 10;",
    );
    commit(1, at, 's3://in/orders/2026/11/30/part-0.csv', 600);
    commit(1, at, 's3://in/orders/2026/11/30/part-1.csv', 400);
    error(1, at, 's3://in/orders/2026/11/30/part-0.csv', 7);
    error(1, at, 's3://in/orders/2026/11/30/part-1.csv', 9);
    at = statement(2, "  copy stage.clicks from 's3://in/clicks/dt=2026-11-30/' iam_role default");
    commit(2, at, 's3://in/clicks/dt=2026-11-30/a.tsv', 50);
    at = statement(3, "COPY crm.users FROM 's3://in/users/2026-11-30/' FORMAT AS JSON 'auto' MAXERROR 1", {
      aborted: true,
    });
    error(3, at, 's3://in/users/2026-11-30/u.json', 1);
    error(3, at, 's3://in/users/2026-11-30/u.json', 2);
    statement(4, "COPY lake.events FROM 's3://in/events/2026/11/30/' FORMAT AS PARQUET");
    at = statement(5, "COPY sales.refunds FROM 's3://in/refunds/2026/11/30/' CSV MAXERROR 5", {
      source: 'sys',
    });
    commit(5, at, 's3://in/refunds/2026/11/30/', 900, {
      source: 'sys',
      errors: 3,
      status: 'completed',
      table: 'refunds',
      format: 'csv',
    });
    statement(6, 'SELECT 1');

    expect(summarizeLoads(db, C)).toBe(5);
    const first = byQuery();
    expect(summarizeLoads(db, C)).toBe(5);
    expect(byQuery()).toEqual(first);

    expect(first.get(1)).toMatchObject({
      tableName: 'sales.orders',
      sourcePrefix: 's3://in/orders/2026/11/30/',
      fileFormat: 'csv',
      maxerror: 10,
      files: 2,
      linesScanned: 1000,
      rowsLoaded: 998,
      rowsRejected: 2,
      status: 'partial',
      durationMs: 32_000,
      queueMs: 2_000,
    });
    expect(first.get(2)).toMatchObject({
      maxerror: null,
      status: 'loaded',
      rowsRejected: 0,
      fileFormat: 'text',
    });
    // Aborted: nothing loaded, over its MAXERROR, files known from the error rows only.
    expect(first.get(3)).toMatchObject({
      status: 'aborted',
      rowsLoaded: 0,
      rowsRejected: 2,
      files: 1,
      fileFormat: 'json',
    });
    expect(first.get(4)).toMatchObject({
      fileFormat: 'parquet',
      files: null,
      linesScanned: null,
      status: 'loaded',
    });
    expect(first.get(5)).toMatchObject({ rowsLoaded: 900, rowsRejected: 3, files: null, status: 'partial' });
    expect(first.has(6)).toBe(false);
    // Same feed whatever the date in the path.
    expect(first.get(1)!.feedKey).toBe('sales.orders ← s3://in/orders/{date}/');
    expect(first.get(2)!.feedKey).toBe('stage.clicks ← s3://in/clicks/dt=*/');
  });

  it('summarizes COPYs whose statements or file progress arrive after newer ones, days late', () => {
    // What the collector stores when a cluster delivers older history later (the demo's first start
    // writes its nights newest first while it is read): tonight's COPY first, then last week's.
    const queries = new QueryStore(db);
    const loads = new LoadStore(db);
    const DAY = 86_400_000_000;
    const copy = (query: number, startUs: number, night: string) =>
      storedStatement({
        connectionId: C,
        query,
        startUs,
        queueUs: 0,
        execUs: 30_000_000,
        fingerprint: 'copy',
        text: `COPY sales.orders FROM 's3://in/orders/${night}/' CSV MAXERROR 10`,
      });
    const progress = (query: number, curUs: number, night: string) => ({
      connectionId: C,
      query,
      slice: 0,
      filename: `s3://in/orders/${night}/part-0.csv`,
      startOffset: 0,
      curUs,
      linesScanned: 500,
      errors: -1,
      status: '1',
      fileFormat: 'Text',
      isPartial: 0,
      tableName: null,
      source: 'stl' as const,
    });
    queries.upsert([copy(10, T0, '2026/11/30')]);
    loads.upsertCommits([progress(10, T0 + 20_000_000, '2026/11/30')]);
    expect(summarizeLoads(db, C)).toBe(1);

    // A week older: the statement first, its file progress at a later poll.
    queries.upsert([copy(11, T0 - 7 * DAY, '2026/11/23')]);
    expect(summarizeLoads(db, C)).toBeGreaterThanOrEqual(1);
    loads.upsertCommits([progress(11, T0 - 7 * DAY + 20_000_000, '2026/11/23')]);
    summarizeLoads(db, C);

    const late = readLoads(db, {
      connectionId: C,
      from: '2026-11-22T00:00:00Z',
      to: '2026-11-24T00:00:00Z',
      limit: 10,
    }).rows;
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ query: 11, files: 1, linesScanned: 500, status: 'loaded' });
    // Nothing late since: the next summary goes back only a day before the newest COPY.
    expect(summarizeLoads(db, C)).toBe(1);
  });
});

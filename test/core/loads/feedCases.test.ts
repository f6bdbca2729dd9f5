// Feeds in the cases the demo does not plant, on a real SQLite store filled the way the collector
// fills it (statements, per-file progress with bytes, rejected rows) and summarized by the loads job's
// own code: files that change their name pattern, a supplier moving to a new folder, a COPY without
// MAXERROR, JSON and Parquet COPYs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadHandlers } from '../../../electron/core/api/loadHandlers.ts';
import { AuditLog } from '../../../electron/core/audit/AuditLog.ts';
import { summarizeLoads } from '../../../electron/core/store/history/summarizeLoads.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import type { FeedLedger } from '../../../shared/model/load.ts';

const DAY_US = 86_400_000_000;
const MINUTE_US = 60_000_000;
const CONNECTION = 'cases';
const admin = { door: 'ipc', admin: true } as const;
const today = Math.floor((Date.now() * 1000) / DAY_US);
const dateOf = (day: number) => new Date((day * DAY_US) / 1000).toISOString().slice(0, 10);

let dir: string;
let db: Database.Database;
let api: ReturnType<typeof loadHandlers>;
let nextQuery = 1;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-feed-cases-'));
  db = openStore({ dataDir: dir });
  api = loadHandlers({ db, audit: new AuditLog(db) });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Copy {
  day: number;
  table: string;
  /** FROM '...' of the COPY; {date} becomes the night's YYYY/MM/DD. */
  from: string;
  /** File names inside the source; {date} becomes the night's YYYYMMDD. */
  files: string[];
  options: string;
  rows?: number;
  rejected?: number;
  aborted?: boolean;
  format?: string;
}

/** One COPY as the collector stores it: its statement, a progress row per file (bytes too), errors. */
function copy(c: Copy): void {
  const q = nextQuery++;
  const ymd = dateOf(c.day).replace(/-/g, '/');
  const from = c.from.replace('{date}', ymd);
  const start = c.day * DAY_US + 90 * MINUTE_US;
  const end = start + 30_000_000;
  db.prepare(
    `INSERT INTO queries (connection_id, query, start_us, end_us, user_id, pid, xid, label, database, queue_us,
       exec_us, elapsed_us, aborted, fingerprint, text, text_complete, source)
     VALUES (?, ?, ?, ?, 100, 1, 1, '', 'dev', 0, 30000000, 30000000, ?, 'f', ?, 1, 'stl')`,
  ).run(
    CONNECTION,
    q,
    start,
    end,
    c.aborted ? 1 : 0,
    `COPY ${c.table}\nFROM '${from}'\nIAM_ROLE default\n${c.options};`,
  );
  const rows = c.rows ?? 1000;
  if (!c.aborted)
    c.files.forEach((name, k) =>
      db
        .prepare(
          `INSERT INTO load_commits (connection_id, query, slice, filename, start_offset, cur_us, lines_scanned, errors,
             status, file_format, is_partial, source, bytes)
           VALUES (?, ?, ?, ?, 0, ?, ?, -1, '1', ?, 0, 'stl', ?)`,
        )
        .run(
          CONNECTION,
          q,
          k,
          `${from}${name.replace('{date}', ymd.replace(/\//g, ''))}`,
          end,
          rows / c.files.length,
          c.format ?? 'Text',
          (rows / c.files.length) * 100,
        ),
    );
  for (let e = 0; e < (c.rejected ?? 0); e++)
    db.prepare(
      `INSERT INTO load_errors (connection_id, query, slice, file_name, line_number, start_offset, column_name,
         position, start_us, raw_line, raw_field_value, err_code, err_reason, source)
       VALUES (?, ?, 0, ?, ?, 0, 'amount', 3, ?, '1,2,x', 'x', 1207, 'Invalid digit, Value ''x''', 'stl')`,
    ).run(CONNECTION, q, `${from}${c.files[0]}`, e + 1, start);
}

const range = (nights: number) => ({
  connectionId: CONNECTION,
  from: new Date(((today - nights + 1) * DAY_US) / 1000).toISOString(),
  to: new Date().toISOString(),
});
const ledgerFeeds = async (nights = 30): Promise<FeedLedger[]> =>
  (await api['loads.ledger'](range(nights), admin)).feeds;

describe('feeds in the cases the demo does not plant', () => {
  it('keeps one feed when its files come with a new name pattern, and says since when', async () => {
    for (let d = today - 29; d <= today; d++)
      copy({
        day: d,
        table: 'landing.acme_sales',
        from: 's3://landing/acme/{date}/',
        files: d < today - 5 ? ['part-0000.csv', 'part-0001.csv'] : ['acme_{date}.csv.gz'],
        options: 'CSV MAXERROR 10',
      });
    summarizeLoads(db, CONNECTION);
    const feeds = await ledgerFeeds();
    expect(feeds).toHaveLength(1);
    expect(feeds[0]!.namePattern).toMatchObject({
      previous: 'part-{n}.csv',
      pattern: 'acme_{date}.csv.gz',
      since: expect.stringContaining(dateOf(today - 5)),
    });
    // Same feed, same habit: the switch night is on time, not a new feed's first night.
    expect(feeds[0]!.cells.find((c) => c.night === dateOf(today - 5))!.state).toBe('on-time');
  });

  it('proposes merging a feed that moved to a new folder into the one that stopped; merged, its habit goes on', async () => {
    for (let d = today - 29; d <= today; d++)
      copy({
        day: d,
        table: 'landing.acme_sales',
        from: d < today - 4 ? 's3://landing/acme/{date}/' : 's3://landing/acme-v2/sales/{date}/',
        files: ['part-0000.csv'],
        options: 'CSV MAXERROR 10',
      });
    summarizeLoads(db, CONNECTION);
    const feeds = await ledgerFeeds();
    expect(feeds).toHaveLength(2);
    const old = feeds.find((f) => f.sourcePrefix.includes('/acme/'))!;
    const moved = feeds.find((f) => f.sourcePrefix.includes('/acme-v2/'))!;
    expect(moved.mergeSuggestion).toBe(old.feedKey);
    expect(old.mergeSuggestion).toBeNull();
    // Unmerged, the old feed goes missing every night since the move.
    expect(old.cells.find((c) => c.night === dateOf(today - 2))!.state).toBe('missing');
    await api['loads.mergeFeeds'](
      { connectionId: CONNECTION, feedKey: moved.feedKey, into: old.feedKey },
      admin,
    );
    const merged = await ledgerFeeds();
    expect(merged).toHaveLength(1);
    expect(merged[0]!.mergedFeedKeys).toEqual([moved.feedKey]);
    expect(merged[0]!.cells.slice(-10).every((c) => c.state === 'on-time')).toBe(true);
  });

  it('reads a COPY without MAXERROR as "none": one rejected row fails it and uses the whole budget', async () => {
    for (let d = today - 9; d <= today; d++)
      copy({
        day: d,
        table: 'landing.ledger',
        from: 's3://landing/ledger/{date}/',
        files: ['ledger.csv'],
        options: 'CSV',
        ...(d === today - 1 ? { aborted: true, rejected: 1 } : {}),
      });
    summarizeLoads(db, CONNECTION);
    const page = await api['loads.list']({ ...range(10), status: 'aborted' }, admin);
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ maxerror: null, rowsRejected: 1, status: 'aborted' });
    const cell = (await ledgerFeeds(10))[0]!.cells.find((c) => c.night === dateOf(today - 1))!;
    expect(cell.state).toBe('failed');
    expect(cell.maxerrorUsed).toBe(1);
  });

  it("keeps JSON 'auto' and Parquet COPYs as feeds: formats read, no line errors, bytes counted", async () => {
    for (let d = today - 9; d <= today; d++) {
      copy({
        day: d,
        table: 'landing.events',
        from: 's3://landing/events/{date}/',
        files: ['events-0.json', 'events-1.json'],
        options: "FORMAT AS JSON 'auto' MAXERROR 5",
        format: 'JSON',
      });
      copy({
        day: d,
        table: 'landing.orders',
        from: 's3://lake/orders/dt={date}/',
        files: ['part-0.parquet'],
        options: 'FORMAT AS PARQUET',
        format: 'Parquet',
      });
    }
    summarizeLoads(db, CONNECTION);
    const loads = await api['loads.list']({ ...range(10), limit: 100 }, admin);
    expect(new Set(loads.rows.map((r) => r.fileFormat))).toEqual(new Set(['json', 'parquet']));
    expect(loads.rows.every((r) => r.rowsRejected === 0 && r.status === 'loaded')).toBe(true);
    const errors = await api['loads.errors'](range(10), admin);
    expect(errors.total).toBe(0);
    const feeds = await ledgerFeeds(10);
    expect(feeds.map((f) => f.tableName).sort()).toEqual(['landing.events', 'landing.orders']);
    for (const f of feeds) {
      const last = f.cells.at(-1)!;
      expect(last.state).toBe('on-time');
      expect(last.bytes).toBe(100_000);
    }
  });

  it('refuses edits of a feed it never learned, with the key in the message', async () => {
    await expect(
      api['loads.setFeed']({ connectionId: CONNECTION, feedKey: 'nope', muted: true }, admin),
    ).rejects.toThrow(/no feed "nope"/);
  });
});

// Benchmark: 1,000,000 query-history rows into the store through the collector's real write path
// (rows as the pg driver returns them -> text reassembled from 200-character pieces, fingerprinted,
// mapped -> QueryStore upsert + watermark, one transaction per 5,000-row page, as query_history does)
// versus a raw better-sqlite3 prepared INSERT of the same records in one transaction. Both stores are
// fresh files with the same schema (migrations) and pragmas (openStore). Goal: >= 0.5x raw. The real
// path includes the fingerprint rollup (FingerprintDays.ts, issue #14: within 15 % of the path without).
// Then queries.history on the full store, including the page halfway down in every sort by keyset
// cursor, by offset and by the naive LIMIT/OFFSET (issue #14 goal: <= 50 ms for any page).
// Run: npx tsx bench/ingest.bench.ts [rows]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  groupPieces,
  toQueryRecord,
  type HistoryRow,
  type PieceRow,
} from '../electron/core/collector/jobs/queryHistoryRecords.ts';
import { timestampFromMicros } from '../electron/core/base/redshiftTime.ts';
import type { QueryRecord } from '../electron/core/store/history/QueryRecord.ts';
import {
  INSERT_QUERY_SQL,
  QueryStore,
  queryRecordValues,
} from '../electron/core/store/history/QueryStore.ts';
import { Watermarks } from '../electron/core/store/history/Watermarks.ts';
import { readQueryHistory } from '../electron/core/store/history/readQueryHistory.ts';
import type { QueryHistoryArgs } from '../shared/model/query.ts';
import { isoFromMicros } from '../electron/core/base/redshiftTime.ts';
import { openStore } from '../electron/core/store/openStore.ts';
import { count } from './benchTiming.ts';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const PAGE = 5_000;
const CONNECTION = 'bench-connection';
const BASE_US = Date.UTC(2025, 0, 1) * 1000;
const MARKETS = ['DE', 'FR', 'IT', 'ES', 'SE', 'NL', 'PL', 'GB'];

/** A plausible statement: ETL, dashboard or ad hoc shapes with changing literals, 1-4 pieces long. */
function statement(i: number): string {
  const market = MARKETS[i % MARKETS.length]!;
  const day = `2025-01-${String((i % 28) + 1).padStart(2, '0')}`;
  switch (i % 4) {
    case 0:
      return `INSERT INTO mart.daily_plays (play_date, market, plays)\nSELECT play_date, market, count(*)\n  FROM stage.plays_events\n WHERE play_date = '${day}' AND market = '${market}'\n GROUP BY 1, 2`;
    case 1:
      return `SELECT artist_id, sum(royalty_eur) AS eur FROM fact_royalties WHERE period = '${day}' AND market IN ('${market}', 'DE', 'FR') GROUP BY artist_id ORDER BY eur DESC LIMIT ${(i % 50) + 10}`;
    case 2:
      return `/* dashboard ${i % 37} */ SELECT d.day, d.market, d.active_users, d.sessions, d.minutes_played, d.skips FROM mart.dashboard_daily d WHERE d.day BETWEEN '${day}' AND dateadd('day', 7, '${day}') AND d.market = '${market}' ORDER BY d.day`.padEnd(
        420,
        ' x',
      );
    default:
      return `COPY stage.plays_events FROM 's3://feeds/plays/${day}/part-${i % 1000}.tsv.gz' IAM_ROLE 'arn:aws:iam::123456789012:role/loader' GZIP DELIMITER '\\t' MAXERROR ${i % 100} TIMEFORMAT 'auto'`;
  }
}

/** Rows and text pieces exactly as the driver returns them for one page. */
function page(from: number, count: number): { rows: HistoryRow[]; pieces: PieceRow[] } {
  const rows: HistoryRow[] = [];
  const pieces: PieceRow[] = [];
  for (let i = from; i < from + count; i++) {
    const text = statement(i);
    const startUs = BASE_US + i * 250_000;
    const endUs = startUs + 1_000_000 + (i % 97) * 10_000;
    const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
    for (let s = 0, seq = 0; s < escaped.length; s += 200, seq++) {
      pieces.push({ query: 1_000_000 + i, sequence: seq, text: escaped.slice(s, s + 200).padEnd(200, ' ') });
    }
    rows.push({
      query: 1_000_000 + i,
      userid: 100 + (i % 5),
      user_name: ['etl_user', 'bi_user', 'analyst_anna', 'analyst_ben', 'loader'][i % 5]!,
      pid: 40_000 + (i % 300),
      xid: String(5_000_000 + i),
      label: i % 3 === 0 ? 'nightly_load' : 'default',
      database: 'dev',
      starttime: timestampFromMicros(startUs),
      endtime: timestampFromMicros(endUs),
      aborted: i % 50 === 0 ? 1 : 0,
      querytxt: text.slice(0, 4000),
      service_class: 6 + (i % 3),
      queue_name: 'etl_nightly',
      slot_count: 1,
      total_queue_time: String((i % 13) * 1000),
      total_exec_time: String(900_000),
      queue_start_time: timestampFromMicros(startUs),
      queue_end_time: timestampFromMicros(startUs + (i % 13) * 1000),
      exec_start_time: timestampFromMicros(startUs + (i % 13) * 1000),
      exec_end_time: timestampFromMicros(endUs),
      final_state: 'Completed',
    });
  }
  return { rows, pieces };
}

const dirs = [mkdtempSync(join(tmpdir(), 'ns-bench-real-')), mkdtempSync(join(tmpdir(), 'ns-bench-raw-'))];
const real = openStore({ dataDir: dirs[0]! });
const raw = openStore({ dataDir: dirs[1]! });
try {
  const store = new QueryStore(real);
  const watermarks = new Watermarks(real);
  const rawInsert = raw.prepare(INSERT_QUERY_SQL);
  let realMs = 0;
  let rawMs = 0;
  let mapMs = 0;
  raw.exec('BEGIN');
  for (let from = 0; from < TOTAL; from += PAGE) {
    const count = Math.min(PAGE, TOTAL - from);
    const { rows, pieces } = page(from, count);

    // The real path, as queryHistoryJob does it for one page.
    let t = performance.now();
    const byQuery = groupPieces(pieces);
    const records: QueryRecord[] = rows.map((r) =>
      toQueryRecord(CONNECTION, r, byQuery.get(Number(r.query)), 'stl'),
    );
    const mapped = performance.now();
    const last = rows.at(-1)!;
    real.transaction(() => {
      store.upsert(records);
      watermarks.set(
        CONNECTION,
        'query_history',
        { endtime: last.endtime, query: last.query },
        Date.now() * 1000,
      );
    })();
    realMs += performance.now() - t;
    mapMs += mapped - t;

    // Raw: the same records, prepared INSERT, one transaction for everything.
    t = performance.now();
    for (const r of records) rawInsert.run(queryRecordValues(r));
    rawMs += performance.now() - t;
  }
  let t = performance.now();
  raw.exec('COMMIT');
  rawMs += performance.now() - t;

  const realRate = (TOTAL / realMs) * 1000;
  const rawRate = (TOTAL / rawMs) * 1000;
  console.log(
    `Query history ingest, ${count(TOTAL)} rows (~${count(page(0, 4).rows.reduce((n, r) => n + (r.querytxt?.length ?? 0), 0) / 4)} chars of text each)`,
  );
  console.log(
    `  real write path (reassemble + fingerprint + map + upsert + watermark, ${count(PAGE)}-row transactions): ${count(realRate)} rows/s (${(realMs / 1000).toFixed(1)} s; mapping ${(mapMs / 1000).toFixed(1)} s of it)`,
  );
  console.log(
    `  raw prepared INSERT, one transaction:                                       ${count(rawRate)} rows/s (${(rawMs / 1000).toFixed(1)} s)`,
  );
  console.log(`  ratio real / raw: ${(realRate / rawRate).toFixed(2)}x (goal >= 0.5x)`);
  t = performance.now();
  const again = page(0, PAGE);
  const byQuery = groupPieces(again.pieces);
  const replay = again.rows.map((r) => toQueryRecord(CONNECTION, r, byQuery.get(Number(r.query)), 'stl'));
  let changed = 0;
  real.transaction(() => (changed = store.upsert(replay)))();
  console.log(
    `  re-reading a page already stored: ${changed} rows changed (${(performance.now() - t).toFixed(0)} ms)`,
  );
  const counts = real.prepare('SELECT count(*) AS n FROM queries').get() as { n: number };
  console.log(`  rows in the store: ${count(counts.n)}`);

  // The read API on the full store (queries.history: 100-row pages with the total).
  real.exec('ANALYZE');
  const range = {
    connectionId: CONNECTION,
    from: isoFromMicros(BASE_US),
    to: isoFromMicros(BASE_US + TOTAL * 250_000 + 10_000_000),
  };
  const day = { ...range, to: isoFromMicros(BASE_US + 86_400_000_000) };
  const reads: [string, Parameters<typeof readQueryHistory>[1]][] = [
    ['newest first, whole range', range],
    ['slowest first, whole range', { ...range, sort: { by: 'elapsedMs', dir: 'desc' } }],
    ['longest queue wait, whole range', { ...range, sort: { by: 'queueMs', dir: 'desc' } }],
    ['one day, newest first', day],
    ['page at offset 500,000', { ...range, offset: 500_000 }],
    ['label + aborted filter', { ...range, label: 'nightly_load', aborted: true }],
    ['text contains "part-123.tsv"', { ...range, text: 'part-123.tsv' }],
  ];
  console.log('  queries.history on the full store (100 rows + total):');
  for (const [what, args] of reads) {
    const started = performance.now();
    const result = readQueryHistory(real, { limit: 100, ...args });
    console.log(
      `    ${what.padEnd(34)} ${(performance.now() - started).toFixed(0).padStart(6)} ms (total ${count(result.total ?? 0)})`,
    );
  }

  // The page halfway down, in every sort: by the cursor of the row before it (keyset, what the run
  // list does while scrolling), by offset (the same page), and the naive way (LIMIT/OFFSET on the rows,
  // the path before keyset paging). Median of 5 each; every way returns the same rows.
  const depth = Math.floor(TOTAL / 2);
  console.log(
    `  queries.history, the 100 rows at offset ${count(depth)} of ${count(TOTAL)} (no total; median of 5):`,
  );
  const sorts: [string, QueryHistoryArgs['sort']][] = [
    ['newest first', undefined],
    ['oldest first', { by: 'startTime', dir: 'asc' }],
    ['slowest first', { by: 'elapsedMs', dir: 'desc' }],
    ['longest queue wait', { by: 'queueMs', dir: 'desc' }],
    ['shortest execution', { by: 'execMs', dir: 'asc' }],
  ];
  const median5 = (fn: () => unknown) => {
    const times: number[] = [];
    for (let k = 0; k < 5; k++) {
      const started = performance.now();
      fn();
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[2]!;
  };
  const columns = { startTime: 'start_us', elapsedMs: 'elapsed_us', queueMs: 'queue_us', execMs: 'exec_us' };
  for (const [what, sort] of sorts) {
    const args = { ...range, limit: 100, withTotal: false, ...(sort ? { sort } : {}) };
    const before = readQueryHistory(real, { ...args, offset: depth - 100 });
    const byCursor = median5(() => readQueryHistory(real, { ...args, after: before.next! }));
    const byOffset = median5(() => readQueryHistory(real, { ...args, offset: depth }));
    const col = columns[sort?.by ?? 'startTime'];
    const dir = sort?.dir === 'asc' ? 'ASC' : 'DESC';
    const naiveSql = `SELECT *, substr(text, 1, 200) FROM queries WHERE connection_id = ? AND start_us >= ? AND start_us <= ?
       ORDER BY ${col} ${dir}, query ${dir} LIMIT 100 OFFSET ?`;
    const naive = median5(() =>
      real.prepare(naiveSql).all(CONNECTION, BASE_US, BASE_US + TOTAL * 250_000 + 10_000_000, depth),
    );
    const same =
      JSON.stringify(readQueryHistory(real, { ...args, after: before.next! }).rows) ===
      JSON.stringify(readQueryHistory(real, { ...args, offset: depth }).rows);
    console.log(
      `    ${what.padEnd(20)} cursor ${byCursor.toFixed(1).padStart(6)} ms   offset ${byOffset.toFixed(0).padStart(5)} ms   naive LIMIT/OFFSET ${naive.toFixed(0).padStart(5)} ms   ratio naive/cursor ${(naive / byCursor).toFixed(0)}x${same ? '' : '   ROWS DIFFER'}`,
    );
  }
  const counted = median5(() => readQueryHistory(real, { ...range, limit: 100 }));
  console.log(`    first page with the total (counted once per filter): ${counted.toFixed(0)} ms`);
} finally {
  real.close();
  raw.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

// Benchmark: the delivery ledger (loads.ledger) for 50 feeds x 400 nights (issue #11; goal <= 100 ms).
// Fills a store with 400 nights of history: per night one COPY per feed (4 files each, a few rejected
// rows) among 200 other statements, then summarizes the COPYs as the loads job does
// (store/history/summarizeLoads.ts, which also writes the per-feed per-night rollups, feed_nights).
// Times the ledger read from those rollups against the naive way: summing every COPY of the range
// (copy_loads) per feed and night again at read time (store/loads/rollUpFeedNights.ts over the range)
// before judging the same nights. No assertions.
// Run: npx tsx bench/deliveryLedger.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDeliveryLedger } from '../electron/core/loads/readDeliveryLedger.ts';
import { openStore } from '../electron/core/store/openStore.ts';
import { summarizeLoads } from '../electron/core/store/history/summarizeLoads.ts';
import { rollUpFeedNights } from '../electron/core/store/loads/rollUpFeedNights.ts';
import { cpuMs, fmt, median } from './benchTiming.ts';

const FEEDS = 50;
const NIGHTS = 400;
const OTHER_PER_NIGHT = 200;
const FILES = 4;
const DAY_US = 86_400_000_000;
const MINUTE_US = 60_000_000;
const CONNECTION = 'bench';
const RUNS = 7;

const dataDir = mkdtempSync(join(tmpdir(), 'ns-bench-ledger-'));
try {
  const db = openStore({ dataDir });
  const today = Math.floor((Date.now() * 1000) / DAY_US);
  const firstDay = today - NIGHTS + 1;
  const fillStart = performance.now();
  const query = db.prepare(
    `INSERT INTO queries (connection_id, query, start_us, end_us, user_id, pid, xid, label, database, queue_us,
       exec_us, elapsed_us, aborted, fingerprint, text, text_complete, source)
     VALUES (?, ?, ?, ?, 100, 1, 1, '', 'dev', ?, ?, ?, ?, 'f', ?, 1, 'stl')`,
  );
  const commit = db.prepare(
    `INSERT INTO load_commits (connection_id, query, slice, filename, start_offset, cur_us, lines_scanned, errors,
       status, file_format, is_partial, source)
     VALUES (?, ?, ?, ?, 0, ?, ?, -1, '1', 'Text', 0, 'stl')`,
  );
  const error = db.prepare(
    `INSERT INTO load_errors (connection_id, query, slice, file_name, line_number, start_offset, column_name,
       position, start_us, raw_line, raw_field_value, err_code, err_reason, source)
     VALUES (?, ?, 0, ?, ?, 0, 'c', 0, ?, 'raw', 'v', 1207, 'Invalid digit', 'stl')`,
  );
  let id = 1;
  db.transaction(() => {
    for (let day = firstDay; day <= today; day++) {
      const y = new Date((day * DAY_US) / 1000).toISOString().slice(0, 10).replace(/-/g, '/');
      for (let f = 0; f < FEEDS; f++) {
        const start = day * DAY_US + (60 + f + ((day * 7 + f) % 11)) * MINUTE_US;
        const end = start + 40_000_000;
        const q = id++;
        const text = `COPY feeds.feed_${f}\nFROM 's3://landing/feed_${f}/${y}/'\nIAM_ROLE default\nFORMAT AS CSV\nMAXERROR 100;`;
        const aborted = (day + f) % 97 === 0 ? 1 : 0;
        query.run(CONNECTION, q, start, end, 1_000_000, 39_000_000, 40_000_000, aborted, text);
        for (let k = 0; k < FILES && !aborted; k++)
          commit.run(
            CONNECTION,
            q,
            k,
            `s3://landing/feed_${f}/${y}/part-${k}.csv`,
            end,
            25_000 + ((day * 13 + f) % 500),
          );
        for (let e = 0; e < (day + f) % 4; e++)
          error.run(CONNECTION, q, `s3://landing/feed_${f}/${y}/part-0.csv`, e + 1, start);
      }
      for (let k = 0; k < OTHER_PER_NIGHT; k++) {
        const start = day * DAY_US + k * 7 * MINUTE_US;
        query.run(
          CONNECTION,
          id++,
          start,
          start + 5_000_000,
          0,
          5_000_000,
          5_000_000,
          0,
          `SELECT ${k} FROM reports.daily_${k % 30}`,
        );
      }
    }
  })();
  const summarized = summarizeLoads(db, CONNECTION);
  const fillMs = performance.now() - fillStart;
  const args = {
    connectionId: CONNECTION,
    from: new Date((firstDay * DAY_US) / 1000).toISOString(),
    to: new Date().toISOString(),
  };

  const fast: number[] = [];
  const fastCpu: number[] = [];
  const naive: number[] = [];
  const naiveCpu: number[] = [];
  let feeds = 0;
  let cells = 0;
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    let c = process.cpuUsage();
    const ledger = readDeliveryLedger(db, args, new Date());
    fast.push(performance.now() - t);
    fastCpu.push(cpuMs(c));
    feeds = ledger.feeds.length;
    cells = ledger.feeds.reduce((n, f) => n + f.cells.length, 0);
    // Naive: every COPY of the range (and the 28 nights before it) summed per feed and night again.
    t = performance.now();
    c = process.cpuUsage();
    db.transaction(() => rollUpFeedNights(db, CONNECTION, (firstDay - 28) * DAY_US))();
    readDeliveryLedger(db, args, new Date());
    naive.push(performance.now() - t);
    naiveCpu.push(cpuMs(c));
  }
  db.close();
  const f = median(fast);
  const n = median(naive);
  console.log(
    `fill: ${FEEDS} feeds x ${NIGHTS} nights = ${summarized} COPYs (+${OTHER_PER_NIGHT * NIGHTS} other statements) in ${fmt(fillMs)}`,
  );
  console.log(`ledger: ${feeds} feeds, ${cells} cells`);
  console.log(
    `loads.ledger from the feed_nights rollups (median of ${RUNS}): ${fmt(f)} wall, ${fmt(median(fastCpu))} CPU  (goal <= 100 ms)`,
  );
  console.log(
    `naive, every COPY summed per feed and night at read time (median of ${RUNS}): ${fmt(n)} wall, ${fmt(median(naiveCpu))} CPU`,
  );
  console.log(
    `ratio naive / ledger: ${(n / f).toFixed(1)}x wall, ${(median(naiveCpu) / median(fastCpu)).toFixed(1)}x CPU`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

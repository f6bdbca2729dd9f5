// Benchmark: a page of 100 load errors out of 1 M stored (loads.errors; issue #11, goal <= 100 ms).
// Fills a store with 10 000 COPYs over 400 nights, 100 rejected rows each (raw lines as long as the
// demo's), then reads a page in the middle (the 5 000th) by key (`after`: the index load_errors_page
// from the previous page's last error on) against the naive way, LIMIT 100 OFFSET 499 900 with the
// count, which reads and throws away every row before the page. The first page (with its count) too.
// Wall clock and this thread's CPU time (the machine is shared). No assertions.
// Run: npx tsx bench/loadErrors.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readLoadErrors } from '../electron/core/loads/readLoadErrors.ts';
import { openStore } from '../electron/core/store/openStore.ts';
import type { LoadErrorsArgs } from '../shared/model/load.ts';
import { fmt, time } from './benchTiming.ts';

const COPIES = 10_000;
const ERRORS_PER_COPY = 100;
const NIGHTS = 400;
const PAGE = 100;
const DEEP_PAGE = 5_000;
const DAY_US = 86_400_000_000;
const CONNECTION = 'bench';
const RUNS = 7;

const dataDir = mkdtempSync(join(tmpdir(), 'ns-bench-load-errors-'));
try {
  const db = openStore({ dataDir });
  const firstDay = Math.floor((Date.now() * 1000) / DAY_US) - NIGHTS + 1;
  const fillStart = performance.now();
  const insert = db.prepare(
    `INSERT INTO load_errors (connection_id, query, slice, file_name, line_number, start_offset, column_name,
       position, start_us, table_name, raw_line, raw_field_value, err_code, err_reason, source)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 1207, 'Invalid digit, Value ''x'', Pos 3, Type: Integer', 'stl')`,
  );
  db.transaction(() => {
    for (let q = 1; q <= COPIES; q++) {
      const day = firstDay + Math.floor(((q - 1) * NIGHTS) / COPIES);
      const start = day * DAY_US + (q % 25) * 3_600_000_000;
      const table = `feeds.feed_${q % 50}`;
      for (let e = 0; e < ERRORS_PER_COPY; e++)
        insert.run(
          CONNECTION,
          q,
          e % 4,
          `s3://landing/feed_${q % 50}/part-${e % 4}.csv`,
          e + 1,
          e % 2 === 0 ? 'amount' : 'plays',
          3,
          start,
          table,
          `${q},${e},x\t2026-11-28,"Paper Boats",Luna Park,SE,ios,${'y'.repeat(60)}`,
          'x',
        );
    }
  })();
  const fillMs = performance.now() - fillStart;
  const args: LoadErrorsArgs = {
    connectionId: CONNECTION,
    from: new Date((firstDay * DAY_US) / 1000).toISOString(),
    to: new Date().toISOString(),
    limit: PAGE,
  };
  // The cursor the previous page (the 4 999th) ends with, as the UI would hold it.
  const before = readLoadErrors(db, { ...args, offset: (DEEP_PAGE - 2) * PAGE });
  const after = before.next!;
  const byKey = readLoadErrors(db, { ...args, after });
  const byOffset = readLoadErrors(db, { ...args, offset: (DEEP_PAGE - 1) * PAGE });
  const same = JSON.stringify(byKey.rows) === JSON.stringify(byOffset.rows);

  const first = time(RUNS, () => readLoadErrors(db, args));
  const keyset = time(RUNS, () => readLoadErrors(db, { ...args, after }));
  const naive = time(RUNS, () => readLoadErrors(db, { ...args, offset: (DEEP_PAGE - 1) * PAGE }));
  db.close();
  console.log(
    `fill: ${COPIES * ERRORS_PER_COPY} load errors (${COPIES} COPYs, ${NIGHTS} nights) in ${fmt(fillMs)}`,
  );
  console.log(`page ${DEEP_PAGE} by key and by OFFSET hold the same ${byKey.rows.length} rows: ${same}`);
  console.log(
    `first page with the count (median of ${RUNS}): ${fmt(first.wall)} wall, ${fmt(first.cpu)} CPU`,
  );
  console.log(
    `page ${DEEP_PAGE} by key (median of ${RUNS}): ${fmt(keyset.wall)} wall, ${fmt(keyset.cpu)} CPU  (goal <= 100 ms)`,
  );
  console.log(
    `naive, LIMIT ${PAGE} OFFSET ${(DEEP_PAGE - 1) * PAGE} with the count (median of ${RUNS}): ${fmt(naive.wall)} wall, ${fmt(naive.cpu)} CPU`,
  );
  console.log(
    `ratio naive / by key: ${(naive.wall / keyset.wall).toFixed(1)}x wall, ${(naive.cpu / keyset.cpu).toFixed(1)}x CPU`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

// Benchmark: loads.impact (issue #11) of one load over 90 days with 5 M stored scan rows (table_access
// read rows, one per query x table as the table_access job stores them) and their statements in
// `queries`. The picture: 200 report tables read all day by 40 dashboards and analysts; the load
// (day 0) writes raw.feed_0, a nightly job reads it and writes mart.t_0, which 1 read in 100 reads.
// Timed (median of 5, after one untimed run; wall clock and CPU time): readImpact (2 hops, fix time = now) against the naive walk: every hop scans
// the access history and joins each reader to its statement and its writes. No assertions: figures only.
// Run: npx tsx bench/impact.bench.ts [scanRows] [days]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../electron/core/store/openStore.ts';
import { readImpact, type BatchJobs } from '../electron/core/loads/readImpact.ts';
import { fmt, time } from './benchTiming.ts';

const SCAN_ROWS = Number(process.argv[2] ?? 5_000_000);
const DAYS = Number(process.argv[3] ?? 90);
const TABLES = 200;
const RUNS = 5;
const CONNECTION = 'bench-connection';
const DAY_US = 86_400_000_000;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

const dataDir = mkdtempSync(join(tmpdir(), 'ns-impact-bench-'));
try {
  const db = openStore({ dataDir });
  const nowUs = Date.now() * 1000;
  const firstDay = Math.floor(nowUs / DAY_US) - DAYS;
  // The views' secondary indexes on queries (by time, elapsed, fingerprint, ...) are not used by the
  // impact and would make filling 5 M statements take ~20 minutes: the bench drops them.
  for (const { name: index } of db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'queries' AND sql IS NOT NULL",
    )
    .all() as { name: string }[])
    db.exec(`DROP INDEX ${index}`);
  const insertQuery = db.prepare(
    `INSERT INTO queries (connection_id, query, start_us, end_us, user_id, user_name, pid, xid, label, database,
       queue_us, exec_us, elapsed_us, aborted, fingerprint, text, text_complete, source)
     VALUES (?, ?, ?, ?, 100, ?, 1, 1, ?, 'dev', 0, 1000000, 1000000, 0, ?, ?, 1, 'stl')`,
  );
  const insertAccess = db.prepare(
    'INSERT INTO table_access (connection_id, query, table_id, kind, start_us, end_us, actor) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const name = db.prepare(
    'INSERT INTO table_names (connection_id, table_id, table_name, seen_us) VALUES (?, ?, ?, ?)',
  );
  const fillStart = performance.now();
  const perDay = Math.ceil(SCAN_ROWS / DAYS);
  let query = 1;
  // The load: day 0, 00:30.
  const loadQuery = query++;
  const loadUs = firstDay * DAY_US + 30 * 60_000_000;
  db.transaction(() => {
    for (let t = 0; t < TABLES; t++) name.run(CONNECTION, 1000 + t, `t_${t}`, nowUs);
    name.run(CONNECTION, 999, 'feed_0', nowUs);
    insertQuery.run(
      CONNECTION,
      loadQuery,
      loadUs,
      loadUs + 60_000_000,
      'loader',
      'default',
      'copy',
      'COPY raw.feed_0 FROM ...',
    );
    insertAccess.run(CONNECTION, loadQuery, 999, 1, loadUs, loadUs + 60_000_000, 1);
    const actor = db.prepare(
      'INSERT INTO access_actors (connection_id, actor, label, user_name) VALUES (?, ?, ?, ?)',
    );
    actor.run(CONNECTION, 1, 'default', 'loader');
    actor.run(CONNECTION, 2, 'nightly_feed_merge', 'etl');
    for (let a = 0; a < 40; a++) actor.run(CONNECTION, 10 + a, `dashboard_${a}`, `bi_${a % 7}`);
    for (let u = 0; u < 7; u++) actor.run(CONNECTION, 100 + u, 'default', `bi_${u}`);
  })();
  let scans = 0;
  for (let day = 0; day < DAYS && scans < SCAN_ROWS; day++) {
    db.transaction(() => {
      const d0 = (firstDay + day) * DAY_US;
      // The nightly job: reads raw.feed_0 at 01:00, writes mart.t_0.
      const job = query++;
      insertQuery.run(
        CONNECTION,
        job,
        d0 + 3_600_000_000,
        d0 + 3_660_000_000,
        'etl',
        'nightly_feed_merge',
        'j',
        'INSERT INTO t_0 ...',
      );
      insertAccess.run(CONNECTION, job, 999, 0, d0 + 3_600_000_000, d0 + 3_630_000_000, 2);
      insertAccess.run(CONNECTION, job, 1000, 1, d0 + 3_630_000_000, d0 + 3_660_000_000, 2);
      scans++;
      for (let i = 0; i < perDay - 1 && scans < SCAN_ROWS; i++, scans++) {
        const q = query++;
        const at = d0 + Math.floor((i / perDay) * DAY_US);
        const table = i % 100 === 0 ? 1000 : 1001 + (i % (TABLES - 1));
        const label = i % 5 === 0 ? 'default' : `dashboard_${i % 40}`;
        insertQuery.run(CONNECTION, q, at, at + 1_000_000, `bi_${i % 7}`, label, 'd', 'SELECT ...');
        insertAccess.run(
          CONNECTION,
          q,
          table,
          0,
          at,
          at + 900_000,
          i % 5 === 0 ? 100 + (i % 7) : 10 + (i % 40),
        );
      }
    })();
  }
  db.exec('ANALYZE');
  if (process.env.CACHE) db.pragma(`cache_size = -${process.env.CACHE}`);
  const fillMs = performance.now() - fillStart;

  const jobs: BatchJobs = {
    jobOf: (label) => (label === 'nightly_feed_merge' ? label : null),
    runs: [],
  };
  const args = { connectionId: CONNECTION, query: loadQuery };
  let groups = 0;
  let readers = 0;
  const impact = () => {
    const i = readImpact(db, args, jobs, new Date(nowUs / 1000));
    groups = i.groups.length;
    readers = i.groups.reduce((n, g) => n + g.statements, 0);
  };
  // Naive: the same two hops as one query per table, each reader joined to its writes and to its
  // statement in `queries` for its label and user (what the walk would do without actors and the
  // covering per-table index).
  const naiveReaders = db.prepare(
    `SELECT r.query, r.start_us, w.table_id AS wrote, q.label, q.user_name FROM table_access r NOT INDEXED
     LEFT JOIN table_access w ON w.connection_id = r.connection_id AND w.query = r.query AND w.kind = 1
     LEFT JOIN queries q ON q.connection_id = r.connection_id AND q.query = r.query
     WHERE r.connection_id = ? AND r.table_id = ? AND r.kind = 0 AND r.start_us >= ?`,
  );
  const naiveWalk = () => {
    const hop1 = naiveReaders.all(CONNECTION, 999, loadUs) as { wrote: number | null }[];
    const next = new Set(hop1.map((r) => r.wrote).filter((w): w is number => w !== null));
    for (const table of next) naiveReaders.all(CONNECTION, table, loadUs);
  };
  // One untimed run each first: right after writing 1 GB the first reads also pay for the fill (page
  // cache, heap), which is not what a user asking for an impact pays.
  impact();
  naiveWalk();
  const fast = time(RUNS, impact);
  const naive = time(RUNS, naiveWalk);
  db.close();
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores`,
  );
  console.log(
    `fill: ${count(scans)} scan rows (+ their statements) over ${DAYS} days in ${count(fillMs)} ms`,
  );
  console.log(`impact: ${groups} groups, ${count(readers)} reading statements, 2 hops`);
  console.log(
    `loads.impact (median of ${RUNS}): ${fmt(fast.wall)} wall, ${fmt(fast.cpu)} CPU  (goal <= 300 ms)`,
  );
  console.log(
    `naive, a scan of the access history per hop (median of ${RUNS}): ${fmt(naive.wall)} wall, ${fmt(naive.cpu)} CPU`,
  );
  console.log(
    `ratio naive / impact: ${(naive.wall / fast.wall).toFixed(1)}x wall, ${(naive.cpu / fast.cpu).toFixed(1)}x CPU`,
  );
} finally {
  if (process.env.KEEP) console.log(dataDir);
  else rmSync(dataDir, { recursive: true, force: true });
}

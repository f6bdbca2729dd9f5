// Benchmark: evaluating every default alert rule after a poll (issue #12; goal <= 50 ms) on a store of
// 1,000,000 queries over 90 days (synthetic rows through the collector's write path: toQueryRecord ->
// QueryStore.upsert, batch rollups rebuilt as the batches job keeps them), 90 days of minute metrics
// (disk used, health), and 20 feeds x 90 nights of COPYs. The rules are the app's (AlertRuleSet over
// every area's kinds, through AlertService.evaluate: judging and writing incidents):
//   1. the first pass (every rule reads; newly slow included),
//   2. passes after a poll that brought 100 statements, 30 s apart, 20 of them: tonight's batch and
//      a new COPY each time, so the night rules read tonight again (newly slow refreshes every 5 min:
//      its refresh is also timed alone, against the view's list it used to read),
//   3. passes after a poll that brought nothing for tonight,
// against the naive full re-evaluation: every rule uncached and every stored night judged again (each
// night's batch, the ledger and the drift report over 90 nights, newly slow fresh).
// No assertions: figures only.
// Run: npx tsx bench/alertRules.bench.ts [queries]   (PROFILE=1 also prints each rule's cost)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AlertRuleSet } from '../electron/core/alerts/AlertRuleSet.ts';
import { AlertService } from '../electron/core/alerts/AlertService.ts';
import { STORE_RULE_KINDS } from '../electron/core/alerts/storeRuleKinds.ts';
import { AuditLog } from '../electron/core/audit/AuditLog.ts';
import { DEFAULT_NIGHT_SPEC } from '../electron/core/base/batchNight.ts';
import { silentLogger } from '../electron/core/base/Logger.ts';
import { addDays } from '../electron/core/base/zonedTime.ts';
import { BATCH_RULE_KINDS } from '../electron/core/batches/batchAlertRules.ts';
import { readBatchNight } from '../electron/core/batches/readBatchNight.ts';
import { QUERY_HISTORY_JOB } from '../electron/core/collector/jobs/queryHistoryJob.ts';
import { toQueryRecord, type HistoryRow } from '../electron/core/collector/jobs/queryHistoryRecords.ts';
import { FEED_RULE_KINDS } from '../electron/core/loads/feedAlertRules.ts';
import { readDeliveryLedger } from '../electron/core/loads/readDeliveryLedger.ts';
import { readFormatDrift } from '../electron/core/loads/readFormatDrift.ts';
import { BatchRollups } from '../electron/core/store/batches/BatchRollups.ts';
import { rebuildSlice, startRebuild } from '../electron/core/store/batches/BatchRebuild.ts';
import type { QueryRecord } from '../electron/core/store/history/QueryRecord.ts';
import { QueryStore } from '../electron/core/store/history/QueryStore.ts';
import { Watermarks } from '../electron/core/store/history/Watermarks.ts';
import { openStore } from '../electron/core/store/openStore.ts';
import { completedStatement } from './support/syntheticHistory.ts';
import { newlySlowRuleKind } from '../electron/core/views/newlySlowRule.ts';
import { newlySlowFingerprints } from '../electron/core/views/newlySlowFingerprints.ts';
import { readFingerprints } from '../electron/core/views/readFingerprints.ts';
import { count, fmt } from './benchTiming.ts';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const PAGE = 5_000;
const SHAPES = 1_500;
const FEEDS = 20;
const C = 'bench-alerts';
const DAY_US = 86_400_000_000;
const MIN_US = 60_000_000;
// 03:30 UTC: inside tonight's batch window (18:00 -> 12:00 UTC), after the feeds' usual arrival.
const END_US = Date.UTC(2025, 3, 1, 3, 30) * 1000;
const START_US = END_US - 90 * DAY_US;
const STEP_US = Math.floor((END_US - START_US) / TOTAL);
const KINDS = [...STORE_RULE_KINDS, newlySlowRuleKind, ...BATCH_RULE_KINDS, ...FEED_RULE_KINDS];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let nextQuery = 1_000_000;
function row(startUs: number, i: number): HistoryRow {
  const shape = (i * 7919) % SHAPES;
  const minute = (((startUs % DAY_US) + DAY_US) % DAY_US) / MIN_US;
  // Between 01:00 and 06:00 UTC most statements belong to one of 12 nightly jobs.
  const nightly = minute >= 60 && minute < 360 && shape % 4 !== 0;
  const execUs = 200_000 + (shape % 50) * 40_000 + (i % 17) * 10_000;
  const queueUs = (i % 11) * 5_000;
  return completedStatement({
    query: nextQuery++,
    i,
    label: nightly ? `nightly_job_${shape % 12}` : 'default',
    aborted: i % 997 === 0,
    text: `SELECT market, col_${shape}, sum(amount_${shape % 17}) FROM mart.t_${shape % 97} WHERE id > ${i % 1000} GROUP BY 1, 2`,
    startUs,
    queueUs,
    execUs,
  });
}

const dir = mkdtempSync(join(tmpdir(), 'ns-bench-alerts-'));
const db = openStore({ dataDir: dir });
try {
  const store = new QueryStore(db);
  const t0 = performance.now();
  for (let from = 0; from < TOTAL; from += PAGE) {
    const records: QueryRecord[] = [];
    for (let i = from; i < Math.min(TOTAL, from + PAGE); i++)
      records.push(toQueryRecord(C, row(START_US + i * STEP_US, i), undefined, 'stl'));
    db.transaction(() => store.upsert(records))();
  }
  startRebuild(db, C, DEFAULT_NIGHT_SPEC, 'bench');
  while (!rebuildSlice(db, C, 1_000).finished);

  // 90 days of minute points: disk used and cluster health.
  db.transaction(() => {
    for (const [metric, value] of [
      ['PercentageDiskSpaceUsed', (m: number) => 60 + 20 * Math.sin(m / 5000)],
      ['HealthStatus', () => 1],
    ] as const) {
      const series = Number(
        db
          .prepare(
            `INSERT INTO metric_series (connection_id, metric, dims_key, dims_json, period_seconds, updated_at)
             VALUES (?, ?, '[["ClusterIdentifier","c1"]]', '{"ClusterIdentifier":"c1"}', 60, 'x')`,
          )
          .run(C, metric).lastInsertRowid,
      );
      const insert = db.prepare('INSERT INTO metric_points (series_id, ts, value) VALUES (?, ?, ?)');
      for (let m = 0, ts = START_US / 1e6; ts <= END_US / 1e6; ts += 60, m++)
        insert.run(series, ts, value(m));
    }
  })();

  // 20 feeds, one COPY a night each at their usual minute, a few rejects, one oversized on the last night.
  let copyQuery = 9_000_000;
  const copy = db.prepare(
    `INSERT INTO copy_loads (connection_id, query, start_us, end_us, queue_us, exec_us, table_name, source,
       source_prefix, feed_key, file_format, maxerror, files, lines_scanned, rows_loaded, rows_rejected, status)
     VALUES (?, ?, ?, ?, 0, 60000000, ?, ?, ?, ?, 'CSV', 1000, 4, ?, ?, ?, ?)`,
  );
  const addCopy = (feed: number, day: number, rows: number) => {
    const start = day * DAY_US + (30 + feed * 5) * MIN_US;
    const prefix = `s3://landing/feed_${feed}/`;
    copy.run(
      C,
      copyQuery++,
      start,
      start + 60e6,
      `raw.feed_${feed}`,
      `${prefix}x.csv`,
      prefix,
      `raw.feed_${feed} ${prefix}`,
      rows,
      rows - 3,
      3,
      'partial',
    );
  };
  const lastDay = Math.floor(END_US / DAY_US);
  db.transaction(() => {
    for (let day = lastDay - 90; day <= lastDay; day++)
      for (let f = 0; f < FEEDS; f++)
        addCopy(f, day, f === 3 && day === lastDay ? 500_000 : 100_000 + ((day * 7 + f) % 13) * 1000);
  })();
  db.exec('ANALYZE');
  // The collector's history cursor, caught up as after any first start: the alert service keeps the
  // newly-slow verdict between its refreshes only then (cachedRule.ts).
  new Watermarks(db).set(
    C,
    QUERY_HISTORY_JOB,
    { endUs: END_US, query: 0, caughtUp: true, backfillRead: 0 },
    END_US,
  );
  console.log(
    `Alert rules: ${count(TOTAL)} queries over 90 days, 2 x 90 days of minute metrics, ${FEEDS} feeds x 90 nights (filled in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );

  let clock = END_US / 1000;
  const ruleSet = new AlertRuleSet(db, KINDS);
  const service = new AlertService({
    db,
    log: silentLogger,
    rules: [],
    ruleSet,
    secrets: null,
    audit: new AuditLog(db),
    connectionName: () => 'bench',
    now: () => clock,
    defaultTimeZone: 'UTC',
  });
  const pass = () => {
    const t = performance.now();
    service.evaluate(C);
    return performance.now() - t;
  };
  const first = pass();
  const open = () =>
    db.prepare('SELECT count(*) FROM alert_incidents WHERE resolved_us IS NULL').pluck().get();

  // A poll: 100 new statements ending now (most of them tonight's batch); every 6th poll a new COPY
  // (20 feeds arrive over about two hours, a poll every 30 s).
  const rollups = new BatchRollups(db, C, DEFAULT_NIGHT_SPEC);
  const poll = (k: number) => {
    const records: QueryRecord[] = [];
    for (let i = 0; i < 100; i++)
      records.push(
        toQueryRecord(C, row(clock * 1000 - 30e6 + i * 1000, TOTAL + k * 100 + i), undefined, 'stl'),
      );
    db.transaction(() => {
      store.upsert(records, (r) => rollups.add(r));
      rollups.flush();
      if (k % 6 === 0) addCopy(100 + k, lastDay, 50_000);
    })();
  };
  const afterPoll: number[] = [];
  for (let k = 0; k < 20; k++) {
    clock += 30_000;
    poll(k);
    afterPoll.push(pass());
  }
  const quiet: number[] = [];
  for (let k = 0; k < 20; k++) {
    clock += 30_000;
    quiet.push(pass());
  }

  if (process.env.PROFILE) {
    for (let k = 0; k < 3; k++) {
      clock += 30_000;
      if (k === 2) poll(99);
      const line: string[] = [];
      for (const rule of ruleSet.rulesFor(C)) {
        const t = performance.now();
        rule.evaluate({ db, connectionId: C, nowUs: clock * 1000 });
        line.push(`${rule.id} ${(performance.now() - t).toFixed(1)}`);
      }
      console.log(`  per rule${k === 2 ? ' after a poll' : ''}: ${line.join(', ')}`);
    }
  }
  // Naive: every rule built fresh (no cache), and every stored night judged again.
  const naiveTimes: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const nowUs = clock * 1000;
    for (const kind of KINDS)
      kind
        .build({
          threshold: kind.threshold?.default ?? null,
          durationMinutes: kind.duration?.default ?? null,
        })
        .evaluate({ db, connectionId: C, nowUs });
    const range = {
      connectionId: C,
      from: new Date(START_US / 1000).toISOString(),
      to: new Date(nowUs / 1000).toISOString(),
    };
    readDeliveryLedger(db, range, new Date(clock));
    readFormatDrift(db, range);
    const lastNight = new Date(nowUs / 1000).toISOString().slice(0, 10);
    for (let n = 0; n < 90; n++) readBatchNight(db, { connectionId: C, night: addDays(lastNight, -n) });
    naiveTimes.push(performance.now() - t);
  }
  // The newly slow verdict read afresh, as its cache (5 min of the clock) runs out.
  const slowRefresh: number[] = [];
  for (let k = 0; k < 3; k++) {
    const rule = newlySlowRuleKind.build({ threshold: null, durationMinutes: null });
    const t = performance.now();
    rule.evaluate({ db, connectionId: C, nowUs: clock * 1000 });
    slowRefresh.push(performance.now() - t);
  }
  // The way the rule read it before: the slow-queries view's list over the last 36 h (every fingerprint
  // judged, from the day rollups), then its newly slow groups.
  const viewPath: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const nowUs = clock * 1000;
    readFingerprints(db, {
      connectionId: C,
      from: new Date((nowUs - 36 * 3600e6) / 1000).toISOString(),
      to: new Date(nowUs / 1000).toISOString(),
      sort: 'newlySlow',
      limit: 20,
    });
    viewPath.push(performance.now() - t);
  }
  // The rule's own worst case: a minimum every long statement passes (1 s here: most fingerprints of
  // this history have runs that long), so most fingerprints read their 15 days for the exact verdict.
  const manyCandidates: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    newlySlowFingerprints(db, C, clock * 1000, { k: 3, minRecentUs: 1_000_000, limit: 20 });
    manyCandidates.push(performance.now() - t);
  }
  const candidates = db
    .prepare(
      `SELECT count(DISTINCT fingerprint) FROM queries
       WHERE connection_id = ? AND start_us >= ? AND start_us <= ? AND elapsed_us >= 1000000`,
    )
    .pluck()
    .get(C, clock * 1000 - 36 * 3600e6, clock * 1000) as number;
  const naive = median(naiveTimes);
  const typical = median(afterPoll);
  console.log(
    `  first pass (every rule reads, newly slow included): ${fmt(first)}; ${open()} incidents open`,
  );
  console.log(
    `  after a poll with 100 new statements, a COPY every 6th (20 passes, 30 s apart): median ${fmt(typical)}, max ${fmt(Math.max(...afterPoll))} (a newly slow refresh every 5 min)`,
  );
  console.log(
    `  after a poll with nothing new for tonight: median ${fmt(median(quiet))}, max ${fmt(Math.max(...quiet))}`,
  );
  console.log(
    `  newly slow read afresh (once every 5 min of passes): median ${fmt(median(slowRefresh))}, max ${fmt(Math.max(...slowRefresh))} (only fingerprints with a run >= 1 min in 36 h); through the view's list (as before): median ${fmt(median(viewPath))}, ratio ${(median(viewPath) / median(slowRefresh)).toFixed(0)}x`,
  );
  console.log(
    `  newly slow with a 1 s minimum instead of 1 min (${count(candidates)} fingerprints with a run that long in 36 h): median ${fmt(median(manyCandidates))}, ratio to the view's list ${(median(viewPath) / median(manyCandidates)).toFixed(1)}x`,
  );
  console.log(`  naive full re-evaluation (every rule fresh, 90 nights judged again): median ${fmt(naive)}`);
  const worst = Math.max(...afterPoll, ...quiet);
  const passes = [
    ...afterPoll.map((t, i) => [`poll ${i + 1}`, t] as const),
    ...quiet.map((t, i) => [`quiet ${i + 1}`, t] as const),
  ].sort((x, y) => y[1] - x[1]);
  const slowest = passes.slice(0, 3).map(([which, t]) => `${which} ${fmt(t)}`);
  console.log(`  slowest passes (load ${loadavg()[0]!.toFixed(1)}): ${slowest.join(', ')}`);
  console.log(
    `  goal <= 50 ms every pass: median ${typical <= 50 ? 'met' : 'NOT met'}, slowest pass ${fmt(worst)} ${worst <= 50 ? 'met' : 'NOT met'}; ratio naive / after a poll ${(naive / typical).toFixed(1)}x, naive / quiet ${(naive / median(quiet)).toFixed(1)}x`,
  );
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

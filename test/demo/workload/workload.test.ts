// The generated history in a real PostgreSQL with the emulated catalog: every planted scenario
// (electron/demo/workload/scenarios.ts) must be findable with the SQL a Redshift user would write
// against the system views, logged in as the app's monitoring user.
// Long because it checks every scenario of the manifest against one generated history.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_WLM_CONFIGURATION } from '../../../electron/demo/defaultWlmConfiguration.ts';
import { readWlm } from '../../../electron/demo/workload/jobs.ts';
import { SCENARIOS, scenarioCalendar } from '../../../electron/demo/workload/scenarios.ts';
import { writeWorkload, type WriteResult } from '../../../electron/demo/workload/writeWorkload.ts';
import { createCatalogDatabase, type CatalogDatabase } from '../catalog/catalogDatabase.ts';

const NOW = new Date('2025-03-10T12:00:00Z');
const NIGHTS = 21;
const calendar = scenarioCalendar(NOW, NIGHTS);

let db: CatalogDatabase;
let monitor: pg.Client;
let superuser: pg.Client;
let written: WriteResult;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

async function rows<T extends Record<string, unknown>>(
  client: pg.Client,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return (await client.query<T>(sql, params)).rows;
}

beforeAll(async () => {
  db = await createCatalogDatabase();
  written = await writeWorkload(db.admin, { seed: 20250310, scale: 'small', nights: NIGHTS, now: NOW });
  // Fresh logins pick up the database's search_path (rs_system) like a Redshift session would.
  monitor = await db.connectAs('nightshift_monitor');
  const address = inject('pg');
  superuser = await db.connectAs(address.user, address.password);
});

afterAll(async () => {
  await db?.destroy();
});

describe('the generated history', () => {
  it('fills every relation the workload owns, with the real roles as userid', async () => {
    for (const [relation, count] of Object.entries(written.rows)) {
      expect(count, relation).toBeGreaterThan(0);
    }
    const users = await rows<{ usename: string }>(
      monitor,
      `SELECT DISTINCT u.usename FROM stl_query q JOIN pg_user u ON u.usesysid = q.userid ORDER BY 1`,
    );
    expect(users.map((u) => u.usename)).toEqual([
      'analyst_anna',
      'analyst_ben',
      'bi_user',
      'etl_user',
      'loader',
    ]);
    const system = await rows<{ n: string }>(
      monitor,
      `SELECT count(*) AS n FROM stl_query WHERE userid = 1 AND label = 'health'`,
    );
    expect(Number(system[0]?.n)).toBeGreaterThan(0);
    // A regular analyst sees only her own rows (REFERENCE 6.4).
    const anna = await db.connectAs('analyst_anna');
    const seen = await rows<{ usename: string }>(
      anna,
      `SELECT DISTINCT u.usename FROM stl_query q JOIN pg_user u ON u.usesysid = q.userid`,
    );
    expect(seen.map((u) => u.usename)).toEqual(['analyst_anna']);
  });

  it('has a recurring batch statement that becomes ≥5x slower on the regression night and stays slow', async () => {
    const runs = await rows<{ night: string; exec_s: number; elapsed_s: number }>(
      monitor,
      `SELECT trunc(q.starttime)::text AS night,
              w.total_exec_time / 1000000.0 AS exec_s,
              datediff('ms', q.starttime, q.endtime) / 1000.0 AS elapsed_s
       FROM stl_query q JOIN stl_wlm_query w USING (userid, query)
       WHERE trim(q.label) = $1 AND q.querytxt LIKE $2 || '%'
       ORDER BY q.starttime`,
      [SCENARIOS.regression.label, SCENARIOS.regression.textPrefix],
    );
    expect(runs).toHaveLength(NIGHTS);
    const before = runs.filter((r) => r.night < calendar.regression.date);
    const after = runs.filter((r) => r.night >= calendar.regression.date);
    expect(after.map((r) => r.night)[0]).toBe(calendar.regression.date);
    const execMedian = median(before.map((r) => Number(r.exec_s)));
    const elapsedMedian = median(before.map((r) => Number(r.elapsed_s)));
    for (const r of after) {
      expect(Number(r.exec_s)).toBeGreaterThanOrEqual(5 * execMedian);
      expect(Number(r.elapsed_s)).toBeGreaterThanOrEqual(5 * elapsedMedian);
    }
    // Earlier runs are stable: within ±35 % of their median (runtimes grow ~2 % a night).
    for (const r of before) expect(Math.abs(Number(r.exec_s) / execMedian - 1)).toBeLessThan(0.35);
    // Same statement with different literals: one generic hash.
    const hashes = await rows<{ h: string; n: string }>(
      monitor,
      `SELECT generic_query_hash AS h, count(*) AS n, count(DISTINCT user_query_hash) AS distinct_texts
       FROM sys_query_history WHERE trim(query_label) = $1 AND query_text LIKE $2 || '%' GROUP BY 1`,
      [SCENARIOS.regression.label, SCENARIOS.regression.textPrefix],
    );
    expect(hashes).toHaveLength(1);
    expect(Number(hashes[0]?.n)).toBe(NIGHTS);
  });

  it('reports rows scanned and CPU per query: the regressed statement scans the same rows, the creep more', async () => {
    // SVL_QUERY_METRICS_SUMMARY (REFERENCE 1.28): whole seconds, one row per completed query.
    const runs = await rows<{ night: string; scanned: string; cpu: string; exec: string }>(
      monitor,
      `SELECT trunc(q.starttime)::text AS night, m.scan_row_count AS scanned, m.query_cpu_time AS cpu,
              m.query_execution_time AS exec
       FROM stl_query q JOIN svl_query_metrics_summary m ON m.query = q.query AND m.userid = q.userid
       WHERE trim(q.label) = $1 AND q.querytxt LIKE $2 || '%'
       ORDER BY q.starttime`,
      [SCENARIOS.regression.label, SCENARIOS.regression.textPrefix],
    );
    expect(runs).toHaveLength(NIGHTS);
    const before = runs.filter((r) => r.night < calendar.regression.date);
    const slow = runs.find((r) => r.night === calendar.regression.date)!;
    const rowsMedian = median(before.map((r) => Number(r.scanned)));
    const execMedian = median(before.map((r) => Number(r.exec)));
    expect(Number(slow.exec)).toBeGreaterThanOrEqual(5 * execMedian);
    expect(Number(slow.scanned) / rowsMedian).toBeGreaterThan(0.8);
    expect(Number(slow.scanned) / rowsMedian).toBeLessThan(1.25);
    // Its nested loop burns CPU nearly all the time it runs.
    expect(Number(slow.cpu)).toBeGreaterThan(0.8 * Number(slow.exec));

    // Every nightly job scans more as the batch creeps: the first week against the last.
    const nights = await rows<{ night: string; scanned: string }>(
      monitor,
      `SELECT trunc(q.starttime)::text AS night, sum(m.scan_row_count) AS scanned
       FROM stl_query q JOIN svl_query_metrics_summary m ON m.query = q.query
       WHERE trim(q.label) LIKE 'nightly_%' AND trunc(q.starttime) NOT IN (${calendar.monthStarts.map((d) => `'${d}'`).join(', ') || "'none'"})
       GROUP BY 1 ORDER BY 1`,
    );
    const first = nights.slice(0, 5).reduce((n, r) => n + Number(r.scanned), 0);
    const last = nights.slice(-5).reduce((n, r) => n + Number(r.scanned), 0);
    expect(last / first).toBeGreaterThan(1.1);
    // Only user-defined queues are reported (SQA's service class 14 is not).
    const classes = await rows<{ c: number }>(
      monitor,
      'SELECT DISTINCT service_class AS c FROM svl_query_metrics_summary ORDER BY 1',
    );
    for (const c of classes) expect(Number(c.c)).toBeLessThanOrEqual(13);
  });

  it('makes other batch statements queue behind the slow run (blast radius)', async () => {
    const blocked = await rows<{ night: string; waiting: string; wait_s: number }>(
      monitor,
      `SELECT trunc(slow.exec_start_time)::text AS night, count(*) AS waiting,
              sum(other.total_queue_time) / 1000000.0 AS wait_s
       FROM stl_query q
       JOIN stl_wlm_query slow USING (userid, query)
       JOIN stl_wlm_query other
         ON other.service_class = slow.service_class AND other.query <> slow.query
        AND other.queue_start_time BETWEEN slow.exec_start_time AND slow.exec_end_time
        AND other.total_queue_time > 0
       WHERE trim(q.label) = $1 AND q.querytxt LIKE $2 || '%'
       GROUP BY 1 ORDER BY 1`,
      [SCENARIOS.regression.label, SCENARIOS.regression.textPrefix],
    );
    const slowNights = blocked.filter((b) => b.night >= calendar.regression.date);
    expect(slowNights.length).toBeGreaterThanOrEqual(SCENARIOS.regression.daysBeforeNow + 1);
    for (const b of slowNights) expect(Number(b.waiting)).toBeGreaterThan(0);
  });

  it('queues statements in etl_nightly while never running more than its slots at once', async () => {
    const { queues } = readWlm(DEMO_WLM_CONFIGURATION);
    const peaks = await rows<{ service_class: number; peak: number; queued: string }>(
      monitor,
      `WITH events AS (
         SELECT service_class, exec_start_time AS t, slot_count AS delta FROM stl_wlm_query
         UNION ALL
         SELECT service_class, exec_end_time, -slot_count FROM stl_wlm_query
       ), running AS (
         SELECT service_class, sum(delta) OVER (PARTITION BY service_class ORDER BY t, delta ROWS UNBOUNDED PRECEDING) AS n
         FROM events
       )
       SELECT r.service_class, max(r.n)::int AS peak,
              (SELECT count(*) FROM stl_wlm_query w WHERE w.service_class = r.service_class AND w.total_queue_time > 0) AS queued
       FROM running r GROUP BY 1 ORDER BY 1`,
    );
    const etl = peaks.find((p) => p.service_class === SCENARIOS.queueWaits.serviceClass);
    expect(etl?.peak).toBe(SCENARIOS.queueWaits.slots);
    expect(Number(etl?.queued)).toBeGreaterThan(NIGHTS);
    for (const p of peaks)
      expect(p.peak, `service class ${p.service_class}`).toBeLessThanOrEqual(
        queues.get(p.service_class)?.slots ?? 0,
      );
    // Every night of the batch has waits in etl_nightly, and the names match the configuration.
    const nights = await rows<{ night: string; queued: string; name: string }>(
      monitor,
      `SELECT trunc(service_class_start_time)::text AS night, count(*) AS queued, max(trim(service_class_name)) AS name
       FROM stl_wlm_query WHERE service_class = 6 AND total_queue_time > 0 GROUP BY 1`,
    );
    expect(nights.length).toBeGreaterThanOrEqual(NIGHTS - 1);
    expect(new Set(nights.map((n) => n.name))).toEqual(new Set([SCENARIOS.queueWaits.queueName]));
  });

  it('creeps the batch finish time later night after night', async () => {
    const finish = await rows<{ night: string; minutes: number }>(
      monitor,
      `SELECT night::text, datediff('second', night, finished) / 60.0 AS minutes
       FROM (SELECT trunc(starttime) AS night, max(endtime) AS finished FROM stl_query WHERE label LIKE $1 GROUP BY 1) n
       ORDER BY 1`,
      [SCENARIOS.batchCreep.labelPattern],
    );
    const ordinary = finish.filter((f) => !calendar.batchDisrupted.includes(f.night));
    expect(ordinary.length).toBeGreaterThanOrEqual(8);
    const xs = ordinary.map((f) => (Date.parse(f.night) - Date.parse(calendar.firstNight)) / 86_400_000);
    const ys = ordinary.map((f) => Number(f.minutes));
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const slope =
      xs.reduce((s, x, i) => s + (x - mx) * ((ys[i] ?? 0) - my), 0) /
      xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(slope).toBeGreaterThan(1.5); // minutes later per night
    expect(slope).toBeLessThan(5);
    const first = ys[0] ?? 0;
    const last = ys[ys.length - 1] ?? 0;
    expect(last - first).toBeGreaterThan(20);
  });

  it('has month-start days with at least twice the queries and longer runtimes', async () => {
    // Runtimes compared per kind of work: the dashboards' execution time.
    const days = await rows<{ day: string; queries: string; avg_s: number }>(
      monitor,
      `SELECT trunc(q.starttime)::text AS day, count(*) AS queries,
              avg(CASE WHEN q.label LIKE 'dashboard_%' THEN w.total_exec_time END) / 1000000.0 AS avg_s
       FROM stl_query q LEFT JOIN stl_wlm_query w USING (userid, query)
       WHERE q.userid > 1 GROUP BY 1 ORDER BY 1`,
    );
    expect(calendar.monthStarts).toEqual(['2025-03-01', '2025-03-02']);
    const ordinary = days.filter(
      (d) => !calendar.monthStarts.includes(d.day) && d.day !== calendar.lastNight,
    );
    const typical = median(ordinary.map((d) => Number(d.queries)));
    const typicalRuntime = median(ordinary.map((d) => Number(d.avg_s)));
    for (const day of calendar.monthStarts) {
      const d = days.find((x) => x.day === day);
      expect(Number(d?.queries)).toBeGreaterThanOrEqual(2 * typical);
      expect(Number(d?.avg_s)).toBeGreaterThan(typicalRuntime);
    }
  });
});

describe('COPY loads', () => {
  it('has a feed that delivered nothing on one night', async () => {
    const feed = SCENARIOS.silentFeed.feed;
    const perNight = await rows<{ night: string; files: string }>(
      monitor,
      `SELECT trunc(curtime)::text AS night, count(*) AS files FROM stl_load_commits
       WHERE filename LIKE '%/' || $1 || '/%' GROUP BY 1 ORDER BY 1`,
      [feed],
    );
    expect(perNight.map((p) => p.night)).not.toContain(calendar.silentFeed.date);
    expect(perNight.length).toBe(NIGHTS - 1);
    const history = await rows<{ n: string }>(
      monitor,
      `SELECT count(*) AS n FROM sys_load_history WHERE table_name = $1 AND trunc(start_time) = $2::date`,
      [feed, calendar.silentFeed.date],
    );
    expect(Number(history[0]?.n)).toBe(0);
  });

  it('has a feed that delivered about 10x its usual rows on one night', async () => {
    const loads = await rows<{ night: string; loaded: string }>(
      monitor,
      `SELECT trunc(start_time)::text AS night, sum(loaded_rows) AS loaded FROM sys_load_history
       WHERE table_name = $1 AND status = 'completed' GROUP BY 1 ORDER BY 1`,
      [SCENARIOS.oversizedFeed.feed],
    );
    const usual = median(loads.map((l) => Number(l.loaded)));
    const big = loads.find((l) => l.night === calendar.oversizedFeed.date);
    const ratio = Number(big?.loaded) / usual;
    expect(ratio).toBeGreaterThan(0.75 * SCENARIOS.oversizedFeed.factor);
    expect(ratio).toBeLessThan(1.3 * SCENARIOS.oversizedFeed.factor);
    const others = loads
      .filter((l) => l.night !== calendar.oversizedFeed.date)
      .map((l) => Number(l.loaded) / usual);
    expect(Math.max(...others)).toBeLessThan(2);
  });

  it('rejects lines of a feed that changed its column count, from that night on', async () => {
    const errors = await rows<{ night: string; code: number; n: string; reason: string }>(
      monitor,
      `SELECT trunc(starttime)::text AS night, err_code AS code, count(*) AS n, max(trim(err_reason)) AS reason
       FROM stl_load_errors WHERE trim(filename) LIKE '%/' || $1 || '/%' AND err_code IN (1202, 1214)
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [SCENARIOS.columnCountChange.feed],
    );
    const extra = errors.filter((e) => e.code === 1202);
    expect(extra.map((e) => e.night)).toEqual(
      Array.from({ length: SCENARIOS.columnCountChange.fromDaysBeforeNow + 1 }, (_, i) =>
        new Date(Date.parse(calendar.columnCountChange.date) + i * 86_400_000).toISOString().slice(0, 10),
      ),
    );
    expect(extra[0]?.reason).toBe('Extra column(s) found');
    expect(errors.some((e) => e.code === 1214 && e.reason === 'Delimiter not found')).toBe(true);
    // MAXERROR lets the loads succeed partially: fewer rows, many errors.
    const history = await rows<{ night: string; status: string; errors: string; loaded: string }>(
      monitor,
      `SELECT trunc(start_time)::text AS night, status, error_count AS errors, loaded_rows AS loaded
       FROM sys_load_history WHERE table_name = $1 ORDER BY start_time`,
      [SCENARIOS.columnCountChange.feed],
    );
    for (const h of history) {
      expect(h.status).toBe('completed');
      if (h.night >= calendar.columnCountChange.date) expect(Number(h.errors)).toBeGreaterThan(1000);
      else expect(Number(h.errors)).toBeLessThan(20);
    }
  });

  it('covers the common load error codes with hostile raw lines and partial / failed loads', async () => {
    const codes = await rows<{ code: number }>(
      monitor,
      `SELECT DISTINCT err_code AS code FROM stl_load_errors ORDER BY 1`,
    );
    expect(codes.map((c) => c.code)).toEqual(
      expect.arrayContaining([
        1201, 1202, 1203, 1204, 1205, 1206, 1207, 1208, 1209, 1210, 1211, 1213, 1214, 1215, 1216, 1220, 1222,
        1224,
      ]),
    );
    const samples = await rows<{
      tabs: string;
      newlines: string;
      dates: string;
      overflow: string;
      split: string;
      script: string;
    }>(
      monitor,
      `SELECT sum(CASE WHEN strpos(raw_line, chr(9)) > 0 THEN 1 ELSE 0 END) AS tabs,
              sum(CASE WHEN strpos(raw_line, chr(10)) > 0 THEN 1 ELSE 0 END) AS newlines,
              sum(CASE WHEN err_code = 1205 THEN 1 ELSE 0 END) AS dates,
              sum(CASE WHEN err_code IN (1204, 1222) AND err_reason LIKE '%overflow%' THEN 1 ELSE 0 END) AS overflow,
              sum(CASE WHEN is_partial = 1 AND line_number = -1 THEN 1 ELSE 0 END) AS split,
              sum(CASE WHEN raw_line LIKE '%<script>%' THEN 1 ELSE 0 END) AS script
       FROM stl_load_errors`,
    );
    for (const [name, n] of Object.entries(samples[0] ?? {})) expect(Number(n), name).toBeGreaterThan(0);
    // Each rejected line has its column-by-column detail, the failing column last (REFERENCE 1.14).
    const detail = await rows<{ missing: string }>(
      monitor,
      `SELECT count(*) AS missing FROM stl_load_errors e
       WHERE NOT EXISTS (SELECT 1 FROM stl_loaderror_detail d
                         WHERE d.query = e.query AND d.line_number = e.line_number AND trim(d.colname) = trim(e.colname))`,
    );
    expect(Number(detail[0]?.missing)).toBe(0);
    const partial = await rows<{ n: string }>(
      monitor,
      `SELECT count(*) AS n FROM sys_load_history WHERE status = 'completed' AND error_count > 0 AND loaded_rows > 0`,
    );
    expect(Number(partial[0]?.n)).toBeGreaterThan(NIGHTS);
    const failed = await rows<{ table_name: string; night: string; loaded: string; message: string }>(
      monitor,
      `SELECT h.table_name, trunc(h.start_time)::text AS night, h.loaded_rows AS loaded, trim(q.error_message) AS message
       FROM sys_load_history h JOIN sys_query_history q USING (query_id)
       WHERE h.status = 'aborted'`,
    );
    expect(failed).toEqual([
      {
        table_name: SCENARIOS.failedLoad.feed,
        night: calendar.failedLoad.date,
        loaded: '0',
        message: `Load into table '${SCENARIOS.failedLoad.feed}' failed.  Check 'stl_load_errors' system table for details.`,
      },
    ]);
    const sysErrors = await rows<{ stl: string; sys: string }>(
      monitor,
      `SELECT (SELECT count(*) FROM stl_load_errors) AS stl, (SELECT count(*) FROM sys_load_error_detail) AS sys`,
    );
    expect(sysErrors[0]?.sys).toBe(sysErrors[0]?.stl);
  });
});

describe('QMR, alerts and text', () => {
  it('logs QMR rule actions with the configuration’s rule names and aborts the runaway', async () => {
    const actions = await rows<{
      rule: string;
      action: string;
      night: string;
      service_class: number;
      aborted: number;
      status: string;
    }>(
      monitor,
      `SELECT trim(a.rule) AS rule, trim(a.action) AS action, trunc(a.recordtime)::text AS night, a.service_class,
              q.aborted, (SELECT trim(h.status) FROM sys_query_history h
                          WHERE h.session_id = q.pid AND h.start_time = q.starttime AND h.transaction_id = q.xid) AS status
       FROM stl_wlm_rule_action a JOIN stl_query q USING (userid, query) ORDER BY a.recordtime`,
    );
    const aborts = actions.filter((a) => a.action === 'abort');
    expect(aborts).toEqual([
      {
        rule: 'etl_kill_after_2h',
        action: 'abort',
        night: calendar.qmrAbort.date,
        service_class: 6,
        aborted: 1,
        status: 'canceled',
      },
    ]);
    const logs = actions.filter((a) => a.action === 'log');
    expect(logs.length).toBeGreaterThan(5);
    expect(new Set(logs.map((l) => l.rule))).toEqual(new Set(['bi_log_nested_loop']));
    const aborted = await rows<{ exec_s: number }>(
      monitor,
      `SELECT w.total_exec_time / 1000000.0 AS exec_s FROM stl_wlm_rule_action a JOIN stl_wlm_query w USING (userid, query)
       WHERE trim(a.action) = 'abort'`,
    );
    expect(Number(aborted[0]?.exec_s)).toBeGreaterThan(SCENARIOS.qmrAbort.limitSeconds);
    expect(Number(aborted[0]?.exec_s)).toBeLessThan(SCENARIOS.qmrAbort.limitSeconds + 10);
  });

  it('raises the optimizer alerts with solutions', async () => {
    const alerts = await rows<{ event: string; solution: string }>(
      monitor,
      `SELECT DISTINCT split_part(trim(event), ':', 1) AS event, trim(solution) AS solution FROM stl_alert_event_log`,
    );
    const events = alerts.map((a) => a.event);
    for (const expected of [
      'Missing query planner statistics',
      'Nested Loop Join in the query',
      'Very selective query filter',
      'Distributed a large number of rows across the network',
      'Broadcasted a large number of rows across the network',
      'Scanned a large number of deleted rows',
    ]) {
      expect(events).toContain(expected);
    }
    for (const a of alerts) expect(a.solution.length).toBeGreaterThan(10);
  });

  it('stores statement text in pieces exactly as record_query would', async () => {
    // Batch and dashboard statements (no hostile strings): pieces vs the catalog's own splitter.
    const mismatches = await rows<{ n: string }>(
      superuser,
      `SELECT count(*) AS n FROM rs_internal.stl_query q
       WHERE q.userid IN (SELECT usesysid FROM pg_user WHERE usename IN ('etl_user', 'bi_user', 'loader'))
         AND (SELECT string_agg(rtrim(t.text), '|' ORDER BY t.sequence) FROM rs_internal.stl_querytext t WHERE t.query = q.query)
             IS DISTINCT FROM
             (SELECT string_agg(rtrim(s.piece), '|' ORDER BY s.piece_no) FROM rs_internal.split_statement_text(rtrim(q.querytxt), 200) s)`,
    );
    expect(Number(mismatches[0]?.n)).toBe(0);
    const hashes = await rows<{ n: string; total: string }>(
      superuser,
      `SELECT sum(CASE WHEN generic_query_hash = encode(substr(sha256(convert_to(regexp_replace(regexp_replace(rtrim(query_text),
                 '''([^'']|'''')*''', '?', 'g'), '\\m[0-9]+(\\.[0-9]+)?\\M', '?', 'g'), 'UTF8')), 1, 8), 'base64')
                 AND user_query_hash = encode(substr(sha256(convert_to(rtrim(query_text), 'UTF8')), 1, 8), 'base64')
               THEN 0 ELSE 1 END) AS n, count(*) AS total
       FROM rs_internal.sys_query_history
       WHERE user_id IN (SELECT usesysid FROM pg_user WHERE usename IN ('etl_user', 'bi_user', 'loader'))`,
    );
    expect(Number(hashes[0]?.total)).toBeGreaterThan(1000);
    expect(Number(hashes[0]?.n)).toBe(0);
    // Reassembly the AWS way gives back the full text of long statements (> 4000 characters).
    const long = await rows<{ full_length: number; cut: number }>(
      monitor,
      `SELECT length(replace(string_agg(CASE WHEN length(rtrim(t.text)) = 0 THEN t.text::text ELSE rtrim(t.text) END, '' ORDER BY t.sequence), '\\n', chr(10))) AS full_length,
              max(length(q.querytxt)) AS cut
       FROM stl_query q JOIN stl_querytext t USING (query) GROUP BY q.query HAVING count(*) > 20 LIMIT 5`,
    );
    expect(long.length).toBeGreaterThan(0);
    for (const l of long) {
      expect(l.cut).toBeLessThanOrEqual(4000);
      expect(l.full_length).toBeGreaterThan(4000);
    }
  });

  it('plants hostile strings in ad hoc SQL, labels and rejected rows', async () => {
    const found = await rows<{
      sql: string;
      label: string;
      ctrl: string;
      rtl: string;
      emoji: string;
      long: string;
    }>(
      monitor,
      `SELECT (SELECT count(*) FROM stl_query WHERE querytxt LIKE '%<svg onload=alert(1)>%') AS sql,
              (SELECT count(*) FROM stl_query WHERE label LIKE '%<script>%' OR label LIKE '%onerror=%') AS label,
              (SELECT count(*) FROM stl_query WHERE strpos(querytxt, chr(1)) > 0 OR strpos(label, chr(27)) > 0) AS ctrl,
              (SELECT count(*) FROM stl_query WHERE strpos(querytxt, chr(8238)) > 0 OR strpos(label, chr(8238)) > 0) AS rtl,
              (SELECT count(*) FROM stl_load_errors WHERE strpos(raw_field_value, '🎵') > 0 OR strpos(raw_field_value, '👍🏽') > 0) AS emoji,
              (SELECT count(*) FROM stl_load_errors WHERE length(raw_field_value) = 1024 AND err_code = 1204) AS long`,
    );
    for (const [name, n] of Object.entries(found[0] ?? {})) expect(Number(n), name).toBeGreaterThan(0);
  });

  it('records utility, DDL, commits, sessions and table info', async () => {
    const counts = await rows<Record<string, string>>(
      superuser,
      `SELECT (SELECT count(*) FROM stl_utilitytext WHERE text LIKE 'SET query_group TO ''nightly_%') AS set_group,
              (SELECT count(*) FROM stl_ddltext WHERE text LIKE 'CREATE TEMP TABLE%') AS ddl,
              (SELECT count(*) FROM stl_commit_stats WHERE node = -1) AS commits_leader,
              (SELECT count(*) FROM stl_commit_stats WHERE node = 0) AS commits_node0,
              (SELECT count(*) FROM sys_session_history WHERE status = 'timed out') AS timed_out,
              (SELECT count(*) FROM svv_table_info WHERE "schema" = 'raw') AS feed_tables,
              (SELECT count(*) FROM sys_query_history WHERE query_type = 'UTILITY') AS sys_utility`,
    );
    const c = counts[0] ?? {};
    for (const [name, n] of Object.entries(c)) expect(Number(n), name).toBeGreaterThan(0);
    expect(c.commits_leader).toBe(c.commits_node0);
    expect(Number(c.feed_tables)).toBe(5);
    const stale = await rows<{ table: string; stats_off: string }>(
      superuser,
      `SELECT "table", stats_off::text FROM svv_table_info WHERE stats_off > 20 ORDER BY 1`,
    );
    expect(stale.map((s) => s.table)).toContain('catalog_tracks');
  });
});

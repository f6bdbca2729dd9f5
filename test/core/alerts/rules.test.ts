// The default rules on a real store, each on the rows its collector job writes: what fires, at which
// severity, with which numbers and link, and what stays quiet (old data, too few statements).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { AlertRuleSet } from '../../../electron/core/alerts/AlertRuleSet.ts';
import { cachedRule } from '../../../electron/core/alerts/cachedRule.ts';
import type { AlertRuleKind } from '../../../electron/core/base/AlertRule.ts';
import { QUERY_HISTORY_JOB } from '../../../electron/core/collector/jobs/queryHistoryJob.ts';
import { Watermarks } from '../../../electron/core/store/history/Watermarks.ts';
import { clusterHealthRule } from '../../../electron/core/alerts/rules/clusterHealthRule.ts';
import { collectorRule } from '../../../electron/core/alerts/rules/collectorRule.ts';
import { longRunningRule } from '../../../electron/core/alerts/rules/longRunningRule.ts';
import { queueWaitRule } from '../../../electron/core/alerts/rules/queueWaitRule.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';

const MIN_US = 60e6;
const NOW_US = Date.parse('2026-06-10T02:00:00Z') * 1000;
let db: Database.Database;
const ctx = (nowUs = NOW_US) => ({ db, connectionId: 'x', nowUs });

beforeEach(() => {
  db = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'ns-rules-')) });
});

function query(n: number, startUs: number, queueUs: number, serviceClass = 6): void {
  db.prepare(
    `INSERT INTO queries (connection_id, query, start_us, end_us, user_id, pid, xid, label, database,
       service_class, queue_name, queue_us, exec_us, elapsed_us, aborted, fingerprint, text, text_complete, source)
     VALUES ('x', ?, ?, ?, 100, 1, 1, 'nightly_x', 'dev', ?, 'etl_nightly', ?, 1000000, ?, 0, 'f', 'select 1', 1, 'stl')`,
  ).run(n, startUs, startUs + queueUs + 1e6, serviceClass, queueUs, queueUs + 1e6);
}

describe('queue wait', () => {
  it('fires when the p95 wait of the last 30 minutes is over 15 minutes, per queue, with the numbers', () => {
    for (let i = 0; i < 20; i++) query(i, NOW_US - 25 * MIN_US + i * 30e6, (i < 18 ? 2 : 20) * MIN_US);
    // p95 of 20 waits is the 19th smallest: 20 min.
    const [found, ...more] = queueWaitRule().evaluate(ctx());
    expect(more).toEqual([]);
    expect(found).toMatchObject({ subject: 'queue:6', severity: 'warning', link: '#/wlm?c=x' });
    expect(found!.message).toMatch(
      /^Queue "etl_nightly" \(service class 6\): p95 wait 20 min over 20 statements in the last 30 min \(rule: queue wait p95 over 15 min/,
    );
  });

  it('stays quiet below the threshold and with too few statements', () => {
    for (let i = 0; i < 4; i++) query(i, NOW_US - 10 * MIN_US, 40 * MIN_US);
    expect(queueWaitRule().evaluate(ctx())).toEqual([]);
  });
});

describe('long-running statement', () => {
  const live = (query: number, execUs: number, polledUs: number) =>
    db
      .prepare(
        `INSERT INTO live_statements (connection_id, query, pid, user_name, label, service_class, slot_count,
           state, wlm_start_us, queue_us, exec_us, polled_us)
         VALUES ('x', ?, 7, 'etl_user', 'nightly_big', 6, 1, 'Running', 0, ?, ?, ?)`,
      )
      .run(query, 5 * MIN_US, execUs, polledUs);

  it('reports a statement in its queue for longer than 2 h 30 min at a recent poll, and not an old poll', () => {
    live(1, 160 * MIN_US, NOW_US - MIN_US);
    live(2, 30 * MIN_US, NOW_US - MIN_US);
    const [found, ...more] = longRunningRule().evaluate(ctx());
    expect(more).toEqual([]);
    expect(found).toMatchObject({ subject: 'statement:1', severity: 'warning', link: '#/live?c=x' });
    expect(found!.message).toMatch(
      /^Statement 1 by etl_user \(nightly_big\) in service class 6 is running: 2 h 45 min so far \(5 min queued\)/,
    );
    expect(longRunningRule().evaluate(ctx(NOW_US + 30 * MIN_US))).toEqual([]);
  });
});

describe('collector', () => {
  it('warns after 15 minutes of failing, pages after 2 hours, one incident for all jobs', () => {
    const open = db.prepare(
      "INSERT INTO collection_gaps (connection_id, job, from_us, to_us, reason) VALUES ('x', ?, ?, NULL, 'connection refused')",
    );
    open.run('query_history', NOW_US - 20 * MIN_US);
    open.run('live_activity', NOW_US - 10 * MIN_US);
    const [warning] = collectorRule().evaluate(ctx());
    expect(warning).toMatchObject({ subject: 'collection', severity: 'warning' });
    expect(warning!.message).toMatch(/^Nothing collected for 20 min by query_history: connection refused/);
    const later = collectorRule().evaluate(ctx(NOW_US + 2 * 60 * MIN_US));
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({ subject: 'collection', severity: 'critical' });
    expect(later[0]!.message).toMatch(/by query_history, live_activity/);
  });
});

describe('cluster health', () => {
  it('pages when HealthStatus is 0 at every point of the last 10 minutes, not for one bad minute', () => {
    const series = Number(
      db
        .prepare(
          `INSERT INTO metric_series (connection_id, metric, dims_key, dims_json, period_seconds, updated_at)
           VALUES ('x', 'HealthStatus', '[["ClusterIdentifier","c1"]]', '{"ClusterIdentifier":"c1"}', 60, 'x')`,
        )
        .run().lastInsertRowid,
    );
    const nowS = NOW_US / 1e6;
    const point = db.prepare('INSERT OR REPLACE INTO metric_points (series_id, ts, value) VALUES (?, ?, ?)');
    for (let m = 0; m <= 10; m++) point.run(series, nowS - m * 60, m === 3 ? 0 : 1);
    expect(clusterHealthRule().evaluate(ctx())).toEqual([]);
    for (let m = 0; m <= 10; m++) point.run(series, nowS - m * 60, 0);
    expect(clusterHealthRule().evaluate(ctx())).toMatchObject([{ subject: 'cluster', severity: 'critical' }]);
  });
});

describe('a slow-moving rule read less often', () => {
  it('keeps its findings per connection for the interval of the judged clock, then reads again', () => {
    let reads = 0;
    const rule = cachedRule(
      {
        id: 'counting',
        description: 'counts its reads',
        evaluate: () => [{ subject: `read-${++reads}`, severity: 'info', message: 'm', link: '#/' }],
      },
      5 * 60_000,
    );
    expect(rule.evaluate(ctx())[0]!.subject).toBe('read-1');
    expect(rule.evaluate(ctx(NOW_US + 4 * MIN_US))[0]!.subject).toBe('read-1');
    expect(rule.evaluate({ ...ctx(), connectionId: 'y' })[0]!.subject).toBe('read-2');
    expect(rule.evaluate(ctx(NOW_US + 5 * MIN_US))[0]!.subject).toBe('read-3');
    // An earlier instant (a replay going back) is never answered from a later reading.
    expect(rule.evaluate(ctx(NOW_US - MIN_US))[0]!.subject).toBe('read-4');
  });
});

describe('a slow-moving rule in force while the history is still arriving', () => {
  it('is read at every pass until the query history has caught up, then kept for its interval', () => {
    let reads = 0;
    const counting: AlertRuleKind = {
      id: 'counting',
      title: 'Counts its reads',
      threshold: null,
      duration: null,
      severity: 'warning',
      scopes: [],
      cacheMs: 5 * 60_000,
      build: () => ({
        id: 'counting',
        description: 'counts its reads',
        evaluate: () => [{ subject: `read-${++reads}`, severity: 'warning', message: 'm', link: '#/' }],
      }),
    };
    const [rule] = new AlertRuleSet(db, [counting]).rulesFor('x');
    const cursor = (caughtUp: boolean, caughtUpSinceUs?: number) =>
      new Watermarks(db).set(
        'x',
        QUERY_HISTORY_JOB,
        {
          endUs: NOW_US,
          query: 1,
          caughtUp,
          backfillRead: 0,
          ...(caughtUpSinceUs ? { caughtUpSinceUs } : {}),
        },
        NOW_US,
      );
    const at = (minutes: number) => rule!.evaluate(ctx(NOW_US + minutes * MIN_US))[0]!.subject;

    // A first start: no history read yet, then a backfill under way. A verdict on part of the history
    // is not kept (the first pass's would have hidden the rest's regressions for 5 minutes).
    expect(at(0)).toBe('read-1');
    cursor(false);
    expect(at(1)).toBe('read-2');
    cursor(true, NOW_US + 1.5 * MIN_US);
    expect(at(2)).toBe('read-3');
    expect(at(3)).toBe('read-3');
    // Older history appeared and was read again from the start between two passes (the demo writes its
    // nights newest first): the history caught up anew, and the verdict judged before is dropped.
    cursor(true, NOW_US + 3.5 * MIN_US);
    expect(at(4)).toBe('read-4');
    expect(at(5)).toBe('read-4');
    // A rewind a pass sees while it is still under way.
    cursor(false);
    expect(at(6)).toBe('read-5');
    cursor(true, NOW_US + 6.5 * MIN_US);
    expect(at(7)).toBe('read-6');
    expect(at(8)).toBe('read-6');
  });
});

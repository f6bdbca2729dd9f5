// The replay on the demo's 75 nights (issue #12), on a store the real collector filled from the real
// double (PostgreSQL engine): with the default rules at most one critical page a night on average, and
// every planted story of the scenario manifest (electron/demo/workload/scenarios.ts) in its own night's
// digest or as a page; with an SLA set, the nights past it page once each; an edited rule set is
// replayed beside the rules in force, over the same nights. The replays run as in the core, in the
// replay's worker thread on the store file: other calls are answered while one runs, and one cancels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayComparison, ReplayNight, ReplayProgressEvent } from '../../../shared/model/alertRule.ts';
import { ALERT_RULE_KINDS } from '../../../electron/core/alertRuleKinds.ts';
import { AlertRuleService } from '../../../electron/core/alerts/AlertRuleService.ts';
import { AlertRuleSet } from '../../../electron/core/alerts/AlertRuleSet.ts';
import { AuditLog } from '../../../electron/core/audit/AuditLog.ts';
import { replayWorker } from './support/replayWorker.ts';
import {
  SCENARIOS,
  scenarioCalendar,
  type ScenarioCalendar,
} from '../../../electron/demo/workload/scenarios.ts';
import { formatClock } from '../../../electron/core/base/batchNight.ts';
import { minutesOfClock } from '../../../electron/core/base/zonedTime.ts';
import { waitForValue } from '../../support/waitFor.ts';
import { admin, startViewsBed, type ViewsBed } from '../views/support/viewsBed.ts';

const NIGHTS = 75;
let bed: ViewsBed;
let service: AlertRuleService;
let replay: ReplayComparison;
let calendar: ScenarioCalendar;
const progress: ReplayProgressEvent[] = [];

/** Every line of a night: its pages and its digest. */
const linesOf = (side: { nights: ReplayNight[] }, date: string): string[] => {
  const night = side.nights.find((n) => n.digestDate === date);
  return night ? [...night.paged, ...night.digest] : [];
};

beforeAll(async () => {
  bed = await startViewsBed(NIGHTS);
  calendar = scenarioCalendar(bed.now, NIGHTS);
  // The loads job summarizes COPYs once their statements are stored: wait for the newest ones (the
  // hourly feeds load at :05, so the two hours before the history's end hold one, even past midnight).
  await waitForValue(
    () =>
      (bed.db
        .prepare('SELECT count(*) FROM copy_loads WHERE connection_id = ? AND start_us >= ?')
        .pluck()
        .get(bed.connectionId, (bed.now.getTime() - 2 * 3_600_000) * 1000) as number) > 0
        ? true
        : null,
    { what: 'the newest COPYs to be summarized', timeoutMs: 400_000, intervalMs: 1_000 },
  );
  const ruleSet = new AlertRuleSet(bed.db, ALERT_RULE_KINDS);
  // Digest at 10:00 UTC: a feed's night (its UTC day) and a batch night (18:00 -> 12:00 UTC, named
  // after its morning) both land in the digest of their own date.
  service = new AlertRuleService({
    db: bed.db,
    ruleSet,
    audit: new AuditLog(bed.db),
    defaultTimeZone: 'UTC',
    replays: replayWorker(bed.db),
    onReplayProgress: (p) => progress.push(p),
  });
  replay = await service.replay({ connectionId: bed.connectionId, nights: NIGHTS });
}, 900_000);

afterAll(async () => {
  await bed?.stop();
});

describe('the replay of the default rules on the demo', () => {
  it('pages at most once a night on average', () => {
    expect(replay.current.nights.length).toBeGreaterThan(0);
    expect(replay.current.pages).toBeLessThanOrEqual(NIGHTS);
    expect(replay.current.pages).toBeGreaterThan(0);
    expect(replay.summary).toMatch(
      new RegExp(`^Last ${NIGHTS} nights: \\d+ pages? and \\d+ digest items? with the current rules\\.$`),
    );
    expect(replay.edited).toBeNull();
  });

  it('puts every planted story in its own night, in the digest or as a page', () => {
    const on = (date: string) => linesOf(replay.current, date).join('\n');
    expect(on(calendar.regression.date)).toContain(SCENARIOS.regression.label);
    expect(on(calendar.qmrAbort.date)).toMatch(
      new RegExp(`${SCENARIOS.qmrAbort.label} .*aborted by a QMR rule \\(action abort\\)`),
    );
    expect(on(calendar.silentFeed.date)).toMatch(new RegExp(`${SCENARIOS.silentFeed.feed}.*nothing arrived`));
    expect(on(calendar.oversizedFeed.date)).toMatch(
      new RegExp(`${SCENARIOS.oversizedFeed.feed}.*rows, \\d+\\.\\d× its median`),
    );
    expect(on(calendar.columnCountChange.date)).toMatch(
      new RegExp(`${SCENARIOS.columnCountChange.feed} on ${calendar.columnCountChange.date}: new error 1202`),
    );
    expect(on(calendar.lateFeed.date)).toMatch(
      new RegExp(`${SCENARIOS.lateFeed.feed}.*after its usual arrival`),
    );
    // The failed COPY is the one page of its night: nothing of it was loaded.
    const failed = replay.current.nights.find((n) => n.digestDate === calendar.failedLoad.date)!;
    expect(failed.paged.join('\n')).toMatch(new RegExp(`${SCENARIOS.failedLoad.feed}.*over MAXERROR`));
    // Month-start queueing: the batch waits for etl_nightly slots on the last month start.
    const monthStart = calendar.monthStarts.filter((d) => d <= calendar.lastNight).at(-2)!;
    const starts = [monthStart, calendar.monthStarts.at(-1)!].map(on).join('\n');
    expect(starts).toMatch(new RegExp(`Queue "${SCENARIOS.queueWaits.queueName}".*p95 wait`));
  });

  it('keeps quiet nights quiet: most nights have nothing', () => {
    const loud = replay.current.nights.filter((n) => n.pages + n.digestItems > 0).length;
    expect(loud).toBeLessThan(NIGHTS / 2);
  });
});

describe('with an SLA and an edited rule set', () => {
  it('pages once for each night past the SLA, and replays the edited set beside the rules in force', async () => {
    const nightOn = (night: string) =>
      bed.api['batches.night']({ connectionId: bed.connectionId, night }, admin);
    // The regression's slot-holding statement makes its night finish later than its median (scenario
    // regression); how late depends on the date's creep and month starts. An SLA 20 minutes before that
    // finish puts the night past it, by less than the edited rule's two hours.
    const regression = (await nightOn(calendar.regression.date)).finish!;
    expect(regression.deltaMinutes!).toBeGreaterThan(20);
    const sla = formatClock(minutesOfClock(regression.clock)! - 20);
    await bed.api['batches.setSettings'](
      {
        connectionId: bed.connectionId,
        timeZone: 'UTC',
        nightStart: '18:00',
        nightEnd: '12:00',
        sla,
      },
      admin,
    );
    const withSla = await service.replay({
      connectionId: bed.connectionId,
      nights: 30,
      rules: {
        // "Never page for a failed feed" and "only page when the batch is 2 hours past its SLA".
        'feed-failed': {
          enabled: true,
          severity: 'warning',
          threshold: null,
          durationMinutes: null,
          scope: null,
        },
        'batch-sla': {
          enabled: true,
          severity: 'critical',
          threshold: 120,
          durationMinutes: null,
          scope: null,
        },
      },
    });
    const slaPages = (n: ReplayNight) => n.paged.filter((m) => m.includes(`past the ${sla} SLA`)).length;
    // Every replayed night pages once when the batch view has it past the SLA, and never otherwise.
    const paged = withSla.current.nights.map((n) => ({ night: n.digestDate, pages: slaPages(n) }));
    const past = await Promise.all(
      withSla.current.nights.map(async (n) => {
        const finish = (await nightOn(n.digestDate)).finish;
        return { night: n.digestDate, pages: (finish?.slaMarginMinutes ?? 0) > 0 ? 1 : 0 };
      }),
    );
    expect(paged).toEqual(past);
    expect(slaPages(withSla.current.nights.find((n) => n.digestDate === calendar.regression.date)!)).toBe(1);
    expect(withSla.current.pages).toBeLessThanOrEqual(30);
    expect(withSla.edited).not.toBeNull();
    expect(withSla.edited!.pages).toBeLessThan(withSla.current.pages);
    expect(linesOf(withSla.edited!, calendar.failedLoad.date).join('\n')).toContain(
      SCENARIOS.failedLoad.feed,
    );
    expect(withSla.summary).toBe(
      `Last 30 nights: ${withSla.current.pages} pages and ${withSla.current.digestItems} digest items with the current rules, ` +
        `${withSla.edited!.pages} page${withSla.edited!.pages === 1 ? '' : 's'} and ${withSla.edited!.digestItems} digest items with these.`,
    );
  });
});

describe('a replay in its worker thread', () => {
  it('reports its progress, lets other calls through while it runs, and stops when cancelled', async () => {
    const mine = () => progress.filter((p) => p.replayId === 'long-replay');
    let settled = false;
    const running = service
      .replay({ connectionId: bed.connectionId, nights: NIGHTS, replayId: 'long-replay' })
      .finally(() => (settled = true));
    running.catch(() => undefined);
    await waitForValue(() => mine().find((p) => !p.finished && p.done > 0) ?? null, {
      what: 'the replay to report progress',
      timeoutMs: 120_000,
    });
    // A call through the same event loop is answered while the replay is still on its way.
    const settings = await bed.api['batches.settings']({ connectionId: bed.connectionId }, admin);
    expect(settings).toHaveProperty('timeZone');
    expect(settled).toBe(false);
    const seen = mine().at(-1)!;
    expect(seen.done).toBeLessThan(seen.total);
    expect(service.cancelReplay({ replayId: 'long-replay' })).toEqual({ cancelled: true });
    await expect(running).rejects.toThrow(/cancelled/);
    expect(mine().at(-1)).toMatchObject({ finished: true, connectionId: bed.connectionId });
    expect(service.cancelReplay({ replayId: 'long-replay' })).toEqual({ cancelled: false });
  });
});

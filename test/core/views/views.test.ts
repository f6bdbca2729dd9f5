// The on-call views on a store filled by the real collector from the real double (21 nights, scenarios
// in electron/demo/workload/scenarios.ts): what a user of each view would notice.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FingerprintGroup } from '../../../shared/model/fingerprint.ts';
import { HOSTILE_STRINGS } from '../../../electron/demo/workload/hostileStrings.ts';
import { SCENARIOS, scenarioCalendar } from '../../../electron/demo/workload/scenarios.ts';
import { waitFor } from '../../support/waitFor.ts';
import { admin, startViewsBed, type ViewsBed } from './support/viewsBed.ts';

let bed: ViewsBed;
const DAY_MS = 86_400_000;
let range: { connectionId: string; from: string; to: string };

beforeAll(async () => {
  bed = await startViewsBed();
  range = {
    connectionId: bed.connectionId,
    from: new Date(Date.now() - 22 * DAY_MS).toISOString(),
    to: new Date().toISOString(),
  };
}, 600_000);

afterAll(async () => {
  await bed?.stop();
});

const regressed = (g: FingerprintGroup) => g.textPreview.startsWith(SCENARIOS.regression.textPrefix);

describe('slow queries by fingerprint', () => {
  it('lists the regressed statement first, flagged newly slow', async () => {
    const page = await bed.api['queries.fingerprints']({ ...range, limit: 20 }, admin);
    expect(page.total).toBeGreaterThan(20);
    expect(page.k).toBe(3);
    const first = page.groups[0]!;
    expect(regressed(first)).toBe(true);
    expect(first.newlySlow).toBe(true);
    expect(first.ratio).toBeGreaterThanOrEqual(3);
    expect(first.recentMedianMs!).toBeGreaterThan(first.baselineMedianMs!);
    expect(first.labels).toEqual([SCENARIOS.regression.label]);
    expect(first.count).toBeGreaterThanOrEqual(15);
    expect(first.p50Ms).toBeLessThanOrEqual(first.p95Ms);
    expect(first.p95Ms).toBeLessThanOrEqual(first.maxMs);
    expect(first.trend.length).toBeLessThanOrEqual(30);
    expect(first.trend.some((p) => p.v === null)).toBe(true); // nights only: buckets without a run
    // Without the newly-slow sort the regression is no longer on top by default rules.
    const byCount = await bed.api['queries.fingerprints']({ ...range, sort: 'count', limit: 5 }, admin);
    expect(byCount.groups[0]!.count).toBeGreaterThanOrEqual(byCount.groups[1]!.count);
    // A stricter threshold than its slowdown clears the flag.
    const strict = await bed.api['queries.fingerprints']({ ...range, k: 50, limit: 5 }, admin);
    expect(strict.groups.some((g) => g.newlySlow)).toBe(false);
  });

  it('filters change the groups: user, label, aborted, minimum duration, text', async () => {
    const all = await bed.api['queries.fingerprints']({ ...range, limit: 500 }, admin);
    const ben = await bed.api['queries.fingerprints']({ ...range, user: 'analyst_ben', limit: 500 }, admin);
    expect(ben.total).toBeGreaterThan(0);
    expect(ben.total).toBeLessThan(all.total);
    for (const g of ben.groups) expect(g.users).toEqual(['analyst_ben']);

    const label = await bed.api['queries.fingerprints'](
      { ...range, label: SCENARIOS.regression.label, limit: 500 },
      admin,
    );
    for (const g of label.groups) expect(g.labels).toEqual([SCENARIOS.regression.label]);
    expect(label.groups.some(regressed)).toBe(true);

    const aborted = await bed.api['queries.fingerprints']({ ...range, aborted: true, limit: 500 }, admin);
    expect(aborted.total).toBeGreaterThan(0);
    for (const g of aborted.groups) expect(g.abortedCount).toBe(g.count);

    const slow = await bed.api['queries.fingerprints'](
      { ...range, minDurationMs: 600_000, limit: 500 },
      admin,
    );
    expect(slow.total).toBeLessThan(all.total);
    for (const g of slow.groups) expect(g.p50Ms).toBeGreaterThanOrEqual(600_000);

    const text = await bed.api['queries.fingerprints'](
      { ...range, text: 'track_royalties_daily', limit: 500 },
      admin,
    );
    expect(text.total).toBeLessThan(all.total);
    expect(text.groups.some(regressed)).toBe(true);
  });

  it("shows a fingerprint's runs, bucketed to the slowest run when there are too many", async () => {
    const [first] = (await bed.api['queries.fingerprints']({ ...range, limit: 1 }, admin)).groups;
    const args = {
      connectionId: bed.connectionId,
      fingerprint: first!.fingerprint,
      from: range.from,
      to: range.to,
    };
    const every = await bed.api['queries.runs']({ ...args, maxPoints: 1000 }, admin);
    expect(every.bucketed).toBe(false);
    expect(every.points).toHaveLength(first!.count);
    const few = await bed.api['queries.runs']({ ...args, maxPoints: 5 }, admin);
    expect(few.bucketed).toBe(true);
    expect(few.points.length).toBeLessThanOrEqual(5);
    expect(Math.max(...few.points.map((p) => p.elapsedMs))).toBe(first!.maxMs);
  });
});

describe('blast radius', () => {
  it('lists the batch statements that queued behind the regressed query, with their wait', async () => {
    const [first] = (await bed.api['queries.fingerprints']({ ...range, limit: 1 }, admin)).groups;
    const runs = await bed.api['queries.runs'](
      {
        connectionId: bed.connectionId,
        fingerprint: first!.fingerprint,
        from: range.from,
        to: range.to,
        maxPoints: 1000,
      },
      admin,
    );
    const slowest = runs.points.reduce((a, b) => (b.elapsedMs > a.elapsedMs ? b : a));
    const detail = await bed.api['queries.get'](
      { connectionId: bed.connectionId, query: slowest.query },
      admin,
    );
    const blast = await bed.api['queries.blastRadius'](
      { connectionId: bed.connectionId, query: slowest.query, startTime: detail.startTime },
      admin,
    );
    expect(blast.serviceClass).toBe(SCENARIOS.queueWaits.serviceClass);
    expect(blast.queueName).toBe(SCENARIOS.queueWaits.queueName);
    expect(blast.heldFrom).not.toBeNull();
    expect(blast.victims.length).toBeGreaterThan(0);
    expect(blast.totalWaitMs).toBeGreaterThan(0);
    for (const v of blast.victims) {
      expect(v.serviceClass).toBe(6);
      expect(v.waitedMs).toBeGreaterThan(0);
      expect(v.waitedMs).toBeLessThanOrEqual(v.queueMs);
      expect(v.query).not.toBe(slowest.query);
    }
    expect(blast.victims.some((v) => v.label.startsWith('nightly_'))).toBe(true);
    const waits = blast.victims.map((v) => v.waitedMs);
    expect(waits).toEqual([...waits].sort((a, b) => b - a));
    expect(blast.totalWaitMs).toBeCloseTo(
      waits.reduce((a, b) => a + b, 0),
      3,
    );

    // The detail of the regressed run carries the optimizer's alerts with advice in words.
    const alerts = detail.alerts.map((a) => a.event);
    expect(alerts.some((e) => /Missing query planner statistics/i.test(e))).toBe(true);
    const missing = detail.alerts.find((a) => /statistics/i.test(a.event))!;
    expect(missing.suggestion).toMatch(/ANALYZE/);
    expect(Array.isArray(detail.ruleActions)).toBe(true);
  });
});

describe('executed steps', () => {
  it('reads the steps from the cluster once, then serves them from the store', async () => {
    const [first] = (await bed.api['queries.fingerprints']({ ...range, limit: 1 }, admin)).groups;
    const args = {
      connectionId: bed.connectionId,
      query: first!.latestQuery,
      startTime: first!.latestStartTime,
    };
    const read = await bed.api['queries.steps'](args, admin);
    expect(read.available).toBe(true);
    expect(read.steps.length).toBeGreaterThan(0);
    expect(read.steps.some((s) => /scan/.test(s.label))).toBe(true);
    // The cluster forgets them: the store still has them.
    const direct = new pg.Client(bed.double.superuser);
    direct.on('error', () => undefined);
    await direct.connect();
    await direct.query('DELETE FROM rs_internal.svl_query_summary WHERE query = $1', [args.query]);
    await direct.end();
    const again = await bed.api['queries.steps'](args, admin);
    expect(again).toEqual(read);
    const stored = bed.db
      .prepare('SELECT count(*) AS n FROM query_steps WHERE query = ?')
      .get(args.query) as {
      n: number;
    };
    expect(stored.n).toBe(read.steps.length);

    const none = await bed.api['queries.steps'](
      { connectionId: bed.connectionId, query: 2_000_000_000, startTime: range.to },
      admin,
    );
    expect(none).toMatchObject({ available: false, steps: [] });
    expect(none.reason).toMatch(/no longer holds/);
  });
});

describe('hostile text', () => {
  it('comes back byte-exact through the history views', async () => {
    const values = HOSTILE_STRINGS.filter((h) => h.category !== 'long-line').map((h) => h.value);
    const rows = bed.db
      .prepare(
        `SELECT query, start_us, text FROM queries WHERE connection_id = ? AND user_name = 'analyst_ben'`,
      )
      .all(bed.connectionId) as { query: number; start_us: number; text: string }[];
    const found = values.filter((v) => rows.some((r) => r.text.includes(v)));
    expect(found.length).toBeGreaterThan(20);
    const sample = rows.find((r) => found.some((v) => r.text.includes(v)))!;
    const detail = await bed.api['queries.get'](
      { connectionId: bed.connectionId, query: sample.query },
      admin,
    );
    expect(detail.text).toBe(sample.text);
    const needle = found.find((v) => sample.text.includes(v) && v.length >= 8)!;
    const groups = await bed.api['queries.fingerprints']({ ...range, text: needle, limit: 50 }, admin);
    expect(groups.total).toBeGreaterThan(0);
    for (const g of groups.groups) {
      const latest = await bed.api['queries.get'](
        { connectionId: bed.connectionId, query: g.latestQuery, startTime: g.latestStartTime },
        admin,
      );
      expect(g.textPreview).toBe(latest.text.slice(0, 200));
    }
  });
});

describe('live, overview and WLM pressure', () => {
  // Long enough that two statements stay queued while a busy machine's sampler catches them.
  const SLEEP_SQL = `SELECT pg_sleep(12) AS nap, '${HOSTILE_STRINGS[0]!.value.replace(/'/g, "''")} 🎵\tend' AS note`;

  it('shows running and queued statements, their queue, and the full text on demand', async () => {
    // Five batch statements at once in etl_nightly (3 slots): two must queue (SCENARIOS.queueWaits).
    const clients = await Promise.all(Array.from({ length: 5 }, () => bed.connectAs('etl_user')));
    for (const c of clients) await c.query(`SET query_group TO 'nightly_views_test'`);
    const pids = await Promise.all(
      clients.map(
        async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid,
      ),
    );
    const sleeping = clients.map((c) => c.query(SLEEP_SQL).catch(() => undefined));
    const live = await waitFor(
      () => bed.api['live.get']({ connectionId: bed.connectionId }, admin),
      (s) => s.statements.filter((x) => x.serviceClass === 6 && x.queued).length > 0,
      { what: 'a queued statement in the live view' },
    );
    expect(live.polledAt).not.toBeNull();
    const etl = live.statements.filter((s) => s.serviceClass === 6);
    expect(etl.every((s) => s.queueName === 'etl_nightly')).toBe(true);
    expect(etl.filter((s) => !s.queued).length).toBeLessThanOrEqual(3);
    for (const s of etl) expect(s.elapsedMs).toBeCloseTo(s.queueMs + s.execMs, 6);
    const running = etl.find((s) => !s.queued && s.pid !== null)!;
    expect(live.sessions.some((s) => s.currentQuery === running.query && s.pid === running.pid)).toBe(true);
    const text = await bed.api['live.text']({ connectionId: bed.connectionId, query: running.query }, admin);
    expect(text.text).toBe(SLEEP_SQL);
    expect(text.complete).toBe(true);

    const overview = await bed.api['overview.get']({ connectionId: bed.connectionId }, admin);
    expect(overview.liveRunning + overview.liveQueued).toBeGreaterThan(0);

    // The samples the collector takes meanwhile show the queue filling up (waited for, not timed).
    const pressureNow = () =>
      bed.api['wlm.pressure'](
        {
          connectionId: bed.connectionId,
          from: new Date(Date.now() - 120_000).toISOString(),
          to: new Date().toISOString(),
          maxPoints: 120,
        },
        admin,
      );
    const pressure = await waitFor(
      pressureNow,
      (p) =>
        p.queues.some(
          (q) =>
            q.queueName === 'etl_nightly' &&
            q.points.some((x) => x.source === 'samples' && (x.queued ?? 0) > 0),
        ),
      { what: 'a sampled queue wait in etl_nightly', timeoutMs: 30_000 },
    );
    // Seen: cancel ours (running or queued) rather than wait out two rounds of sleeps.
    const canceller = await bed.connectAs('etl_user');
    for (const pid of pids) await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
    await Promise.all(sleeping);
    const etlPressure = pressure.queues.find((q) => q.queueName === 'etl_nightly')!;
    expect(etlPressure.serviceClass).toBe(6);
    expect(etlPressure.points.some((p) => (p.queued ?? 0) > 0)).toBe(true);
    expect(etlPressure.points.length).toBeLessThanOrEqual(120);
    expect(etlPressure.highWater.some((h) => h.queued > 0)).toBe(true);
    // Every point says where its values come from; none is a zero standing in for a gap.
    for (const p of etlPressure.points) expect(p.source === null).toBe(p.running === null);
  }, 120_000);

  it('pressure over the history: queue waits of the batch, the configuration, gaps as nulls', async () => {
    const pressure = await bed.api['wlm.pressure']({ ...range, maxPoints: 200 }, admin);
    expect(pressure.resolutionSeconds).toBeGreaterThan(0);
    const etl = pressure.queues.find((q) => q.serviceClass === 6)!;
    expect(etl.queueName).toBe('etl_nightly');
    expect(etl.points.length).toBeLessThanOrEqual(200);
    expect(etl.points.some((p) => (p.waitP95Ms ?? 0) > 0)).toBe(true);
    // Samples only exist since collection began: the older buckets come from the query history.
    const derived = etl.points.filter((p) => p.source === 'history');
    expect(derived.length).toBeGreaterThan(100);
    for (const p of derived) expect(p.running).not.toBeNull();
    expect(Math.max(...derived.map((p) => p.running!))).toBe(SCENARIOS.queueWaits.slots);
    expect(etl.highWaterBucketSeconds).toBe(86_400);
    expect(pressure.currentConfig).not.toBeNull();
    const row = pressure.currentConfig!.find((r) => r.serviceClass === 6)!;
    expect(row).toMatchObject({ name: 'etl_nightly', concurrency: 3 });
    expect(pressure.shortQueryAcceleration).toBe(true);
  });

  it('the regression night, long before sampling began: etl_nightly full and queueing, from history', async () => {
    const night = Date.parse(`${scenarioCalendar(bed.now, 21).regression.date}T00:00:00Z`);
    const pressure = await bed.api['wlm.pressure'](
      {
        connectionId: bed.connectionId,
        from: new Date(night).toISOString(),
        to: new Date(night + DAY_MS - 1).toISOString(),
        maxPoints: 96,
      },
      admin,
    );
    const etl = pressure.queues.find((q) => q.serviceClass === SCENARIOS.queueWaits.serviceClass)!;
    expect(etl.points.every((p) => p.source === 'history')).toBe(true);
    // Never more statements executing than the queue's 3 slots, all 3 in use at the peak, others waiting.
    const running = etl.points.map((p) => p.running!);
    expect(Math.max(...running)).toBe(SCENARIOS.queueWaits.slots);
    expect(etl.points.some((p) => p.queued! > 0)).toBe(true);
    expect(etl.points.some((p) => p.running === 0)).toBe(true); // quiet daytime buckets: 0, not null
  });

  it('a collection gap of the WLM sampler comes back as a gap with null points', async () => {
    // Drop every session through the proxy until a wlm_state poll fails, then let it recover.
    const gapRows = () =>
      bed.db
        .prepare(`SELECT from_us, to_us FROM collection_gaps WHERE connection_id = ? AND job = 'wlm_state'`)
        .all(bed.connectionId) as { from_us: number; to_us: number | null }[];
    await waitFor(
      () => {
        bed.double.proxy.disconnectAll();
        return gapRows();
      },
      (g) => g.length > 0,
      { what: 'a gap opened by the dropped sessions', intervalMs: 20 },
    );
    const [gap] = await waitFor(gapRows, (g) => g.length > 0 && g.every((x) => x.to_us !== null), {
      what: 'a closed gap',
    });
    const fromUs = gap!.from_us;
    const toUs = gap!.to_us!;
    const pressure = await bed.api['wlm.pressure'](
      {
        connectionId: bed.connectionId,
        from: new Date(fromUs / 1000 - 5_000).toISOString(),
        to: new Date(toUs / 1000 + 5_000).toISOString(),
        maxPoints: 2_000,
      },
      admin,
    );
    expect(pressure.gaps.length).toBeGreaterThan(0);
    const width = pressure.resolutionSeconds * 1000;
    const etl = pressure.queues.find((q) => q.serviceClass === 6)!;
    const inside = etl.points.filter((p) => p.t * 1000 > fromUs && (p.t + width) * 1000 < toUs);
    // No sample inside the gap: only the query history (where complete) speaks for those buckets.
    for (const p of inside) expect(p.source).not.toBe('samples');
    expect(etl.points.some((p) => p.running !== null)).toBe(true);
  }, 90_000);

  it('overview: cluster status, CloudWatch values, queues now, recent alerts, slowest of the hour', async () => {
    const overview = await waitFor(
      () => bed.api['overview.get']({ connectionId: bed.connectionId }, admin),
      (o) => o.metrics.every((m) => m.value !== null) && o.clusterStatus !== null,
      { what: 'CloudWatch values and the cluster status' },
    );
    expect(overview.clusterStatus).toBe('available');
    expect(overview.cloudWatchDimensions).toEqual({ ClusterIdentifier: 'nightshift-demo' });
    expect(overview.metrics.map((m) => m.metric)).toEqual([
      'CPUUtilization',
      'PercentageDiskSpaceUsed',
      'DatabaseConnections',
      'HealthStatus',
    ]);
    expect(overview.queues.map((q) => q.queueName)).toContain('etl_nightly');
    expect(overview.alerts.length).toBeLessThanOrEqual(10);
    const times = overview.alerts.map((a) => a.eventTime);
    expect(times).toEqual([...times].sort().reverse());
    const slow = overview.slowest.map((q) => q.elapsedMs);
    expect(slow).toEqual([...slow].sort((a, b) => b - a));
    expect(overview.slowest.length).toBeLessThanOrEqual(10);
  });
});

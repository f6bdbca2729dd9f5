// The loads view, a COPY's errors and the delivery ledger on a store filled by the real collector from
// the real double (21 nights): every planted feed story of the scenario manifest shows where a user
// would look for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadsJob } from '../../../electron/core/collector/jobs/loadsJob.ts';
import { createQueryHistoryJob } from '../../../electron/core/collector/jobs/queryHistoryJob.ts';
import { createTableAccessJob } from '../../../electron/core/collector/jobs/tableAccessJob.ts';
import { readDeliveryLedger } from '../../../electron/core/loads/readDeliveryLedger.ts';
import { readImpact } from '../../../electron/core/loads/readImpact.ts';
import { readLoads } from '../../../electron/core/loads/readLoads.ts';
import type { DeliveryLedger, FeedLedger, LoadRow } from '../../../shared/model/load.ts';
import { FEEDS, type FeedName } from '../../../electron/demo/workload/feeds.ts';
import {
  SCENARIOS,
  scenarioCalendar,
  type ScenarioCalendar,
} from '../../../electron/demo/workload/scenarios.ts';
import { waitForValue } from '../../support/waitFor.ts';
import { readAsServerless } from '../views/support/readAsServerless.ts';
import { admin, startViewsBed, type ViewsBed } from '../views/support/viewsBed.ts';
import { grantTableInfo } from './support/grantTableInfo.ts';

let bed: ViewsBed;
let range: { connectionId: string; from: string; to: string };
let ledger: DeliveryLedger;
const DAY_MS = 86_400_000;
let calendar: ScenarioCalendar;

const inFeed = (feed: FeedName) => (path: string) => path.includes(`/${feed}/`);
const feedOf = (name: FeedName): FeedLedger => {
  const feed = ledger.feeds.find((f) => inFeed(name)(f.sourcePrefix));
  if (!feed) throw new Error(`no feed learned for ${name}: ${ledger.feeds.map((f) => f.feedKey).join(', ')}`);
  return feed;
};
const cellOf = (name: FeedName, night: string) => {
  const cell = feedOf(name).cells.find((c) => c.night === night);
  if (!cell) throw new Error(`no ${night} in the ledger (${ledger.nights[0]} .. ${ledger.nights.at(-1)})`);
  return cell;
};

async function loadsOf(feed: FeedName, night: string): Promise<LoadRow[]> {
  const page = await bed.api['loads.list'](
    {
      connectionId: range.connectionId,
      from: `${night}T00:00:00Z`,
      to: `${night}T23:59:59Z`,
      source: `/${feed}/`,
    },
    admin,
  );
  return page.rows;
}

beforeAll(async () => {
  bed = await startViewsBed();
  calendar = scenarioCalendar(bed.now, 21);
  range = {
    connectionId: bed.connectionId,
    from: new Date(Date.now() - 22 * DAY_MS).toISOString(),
    to: new Date().toISOString(),
  };
  // The loads job summarizes COPYs once their statements are stored: wait for the newest night's.
  await waitForValue(
    async () => ((await loadsOf('user_profiles', calendar.failedLoad.date)).length > 0 ? true : null),
    { what: 'the COPYs of the failed-load night to be summarized', timeoutMs: 240_000, intervalMs: 1_000 },
  );
  ledger = await bed.api['loads.ledger'](range, admin);
}, 480_000);

afterAll(async () => {
  await bed?.stop();
});

describe('loads view', () => {
  it('lists every COPY with its table, source, files, rows, MAXERROR and status', async () => {
    const page = await bed.api['loads.list']({ ...range, limit: 500 }, admin);
    expect(page.total).toBeGreaterThan(100);
    const royalties = (await loadsOf('royalties_daily', calendar.columnCountChange.date))[0]!;
    expect(royalties.tableName).toMatch(/royalties_daily$/);
    expect(royalties.sourcePrefix).toMatch(/^s3:\/\/.*\/royalties_daily\/\d{4}\/\d{2}\/\d{2}\/$/);
    expect(royalties.maxerror).toBe(FEEDS.royalties_daily.maxerror);
    expect(royalties.files).toBe(FEEDS.royalties_daily.files);
    expect(royalties.linesScanned).toBeGreaterThan(0);
    expect(royalties.fileFormat).toBe('csv');
    expect(royalties.durationMs).toBeGreaterThan(0);
    const profiles = (await loadsOf('user_profiles', calendar.columnCountChange.date))[0]!;
    expect(profiles.fileFormat).toBe('json');
    // Sorting and filtering.
    const byRejects = await bed.api['loads.list']({ ...range, sort: 'rejected', limit: 50 }, admin);
    for (let i = 1; i < byRejects.rows.length; i++)
      expect(byRejects.rows[i - 1]!.rowsRejected).toBeGreaterThanOrEqual(byRejects.rows[i]!.rowsRejected);
    const aborted = await bed.api['loads.list']({ ...range, status: 'aborted', limit: 50 }, admin);
    expect(aborted.rows.every((r) => r.status === 'aborted')).toBe(true);
  });

  it('shows the failed user_profiles load aborted, over its MAXERROR', async () => {
    const [failed] = await loadsOf('user_profiles', calendar.failedLoad.date);
    expect(failed!.status).toBe('aborted');
    expect(failed!.rowsLoaded).toBe(0);
    expect(failed!.rowsRejected).toBeGreaterThan(FEEDS.user_profiles.maxerror);
  });

  it("groups a COPY's errors by code and column, with reason, meaning and raw rows", async () => {
    const [first] = await loadsOf('catalog_tracks', calendar.columnCountChange.date);
    expect(first!.status).toBe('partial');
    const detail = await bed.api['loads.get'](
      { connectionId: range.connectionId, query: first!.query, startTime: first!.startTime },
      admin,
    );
    expect(detail.load?.query).toBe(first!.query);
    const extra = detail.groups.find((g) => g.errCode === 1202);
    expect(extra).toBeDefined();
    expect(extra!.meaning).toMatch(/more columns/i);
    expect(extra!.fix.length).toBeGreaterThan(10);
    expect(extra!.samples.length).toBeGreaterThan(0);
    expect(extra!.samples[0]!.rawLine.split('|').length).toBe(FEEDS.catalog_tracks.columns.length + 1);
    // The night before the change has no 1202.
    const dayBefore = new Date(Date.parse(`${calendar.columnCountChange.date}T00:00:00Z`) - DAY_MS)
      .toISOString()
      .slice(0, 10);
    const [before] = await loadsOf('catalog_tracks', dayBefore);
    const beforeDetail = await bed.api['loads.get'](
      { connectionId: range.connectionId, query: before!.query, startTime: before!.startTime },
      admin,
    );
    expect(beforeDetail.groups.some((g) => g.errCode === 1202)).toBe(false);
  });
});

describe('delivery ledger', () => {
  it('learns one feed per delivery, hourly and nightly alike', () => {
    for (const name of Object.keys(FEEDS) as FeedName[]) expect(feedOf(name).tableName).toMatch(name);
    expect(ledger.nights.at(-1)).toBe(calendar.lastNight);
  });

  it('shows the silent feed missing on its night', () => {
    expect(cellOf('ad_impressions', calendar.silentFeed.date).state).toBe('missing');
  });

  it('shows the oversized feed at about 10x its median, oversized', () => {
    const cell = cellOf('royalties_daily', calendar.oversizedFeed.date);
    expect(cell.flags).toContain('oversized');
    expect(cell.rowsRatio!).toBeGreaterThan(7);
    expect(cell.rowsRatio!).toBeLessThan(13);
  });

  it('shows the failed load failed and the late feed late', () => {
    expect(cellOf('user_profiles', calendar.failedLoad.date).state).toBe('failed');
    expect(cellOf('royalties_daily', calendar.lateFeed.date).flags).toContain('late');
  });

  it('shows the column change as partial from its first night, ordinary nights on time', () => {
    expect(cellOf('catalog_tracks', calendar.columnCountChange.date).flags).toContain('partial');
    const ordinary = feedOf('royalties_daily').cells.filter(
      (c) => c.state === 'on-time' || c.state === 'partial',
    );
    expect(ordinary.length).toBeGreaterThan(10);
  });
});

describe('format drift', () => {
  it('reports the column change as a new error 1202 from its first night, with lines before and after', async () => {
    const { drifts } = await bed.api['loads.drift'](range, admin);
    const extra = drifts.find(
      (d) => d.kind === 'new-error' && d.errCode === 1202 && inFeed('catalog_tracks')(d.feedKey),
    );
    expect(extra).toBeDefined();
    expect(extra!.firstNight).toBe(calendar.columnCountChange.date);
    // Every night since (tonight's too once its COPY ran).
    expect(extra!.nights).toBeGreaterThanOrEqual(SCENARIOS.columnCountChange.fromDaysBeforeNow);
    expect(extra!.columns.length).toBeGreaterThan(0);
    expect(extra!.reason).toMatch(/extra column/i);
    expect(extra!.after.length).toBeGreaterThan(0);
    for (const row of extra!.after) expect(row.errCode).toBe(1202);
    // No feed drifts into 1202 but the one whose supplier added a column.
    expect(drifts.filter((d) => d.errCode === 1202 && d.kind === 'new-error')).toHaveLength(1);
  });
});

describe('bytes delivered', () => {
  it('shows bytes per night and per file from STL_FILE_SCAN, in line with the feed', () => {
    const cell = cellOf('royalties_daily', calendar.columnCountChange.date);
    const feed = FEEDS.royalties_daily;
    expect(cell.files).toBe(feed.files);
    expect(cell.bytes).toBeGreaterThan(0);
    // Each file is its lines x the feed's bytes per row (within the double's 3 % jitter).
    expect(cell.bytes / cell.rows).toBeGreaterThan(feed.bytesPerRow * 0.95);
    expect(cell.bytes / cell.rows).toBeLessThan(feed.bytesPerRow * 1.05);
    expect(cell.bytesPerFile).toBe(Math.round(cell.bytes / cell.files));
    // A failed COPY read no file to the end: nothing counted.
    expect(cellOf('user_profiles', calendar.failedLoad.date).bytes).toBe(0);
  });
});

describe('feed editing', () => {
  const royalties = () => feedOf('royalties_daily').feedKey;
  const audited = (action: string) =>
    bed.db
      .prepare(
        'SELECT params_json, before_text, after_text FROM audit_log WHERE action = ? ORDER BY seq DESC',
      )
      .get(action) as { params_json: string; before_text: string; after_text: string } | undefined;
  const reread = async () => (ledger = await bed.api['loads.ledger'](range, admin));

  it('renames and mutes a feed: still shown with its states, no longer counted as problems; audited', async () => {
    const before = feedOf('royalties_daily');
    expect(before.problems).toBeGreaterThan(0);
    const saved = await bed.api['loads.setFeed'](
      { connectionId: range.connectionId, feedKey: royalties(), name: 'Royalties (label X)', muted: true },
      admin,
    );
    expect(saved).toMatchObject({ name: 'Royalties (label X)', muted: true, oversizedAt: 3 });
    await reread();
    const after = feedOf('royalties_daily');
    expect(after).toMatchObject({ name: 'Royalties (label X)', muted: true, problems: 0 });
    expect(cellOf('royalties_daily', calendar.oversizedFeed.date).flags).toContain('oversized');
    const record = audited('loads.setFeed')!;
    expect(JSON.parse(record.before_text)).toMatchObject({ name: null, muted: false });
    expect(JSON.parse(record.after_text)).toMatchObject({ name: 'Royalties (label X)', muted: true });
    // The drift report carries the name and the mute as well.
    await bed.api['loads.setFeed'](
      { connectionId: range.connectionId, feedKey: royalties(), name: null, muted: false },
      admin,
    );
    await reread();
    expect(feedOf('royalties_daily')).toMatchObject({ name: null, muted: false });
  });

  it("applies a feed's own oversized threshold to its nights", async () => {
    await bed.api['loads.setFeed'](
      { connectionId: range.connectionId, feedKey: royalties(), oversizedAt: 20 },
      admin,
    );
    await reread();
    expect(cellOf('royalties_daily', calendar.oversizedFeed.date).flags).not.toContain('oversized');
    expect(feedOf('royalties_daily').oversizedAt).toBe(20);
    await bed.api['loads.setFeed'](
      { connectionId: range.connectionId, feedKey: royalties(), oversizedAt: null },
      admin,
    );
    await reread();
    expect(cellOf('royalties_daily', calendar.oversizedFeed.date).flags).toContain('oversized');
  });

  it('merges two learned feeds into one (its COPYs listed together), refuses a loop, and splits them again', async () => {
    const plays = feedOf('plays_events').feedKey;
    const ads = feedOf('ad_impressions').feedKey;
    const count = ledger.feeds.length;
    await bed.api['loads.mergeFeeds']({ connectionId: range.connectionId, feedKey: ads, into: plays }, admin);
    await reread();
    expect(ledger.feeds).toHaveLength(count - 1);
    const merged = ledger.feeds.find((f) => f.feedKey === plays)!;
    expect(merged.mergedFeedKeys).toEqual([ads]);
    const night = calendar.columnCountChange.date;
    const both = await bed.api['loads.list'](
      { ...range, from: `${night}T00:00:00Z`, to: `${night}T23:59:59Z`, feedKey: plays, limit: 500 },
      admin,
    );
    expect(new Set(both.rows.map((r) => r.feedKey))).toEqual(new Set([plays, ads]));
    await expect(
      bed.api['loads.mergeFeeds']({ connectionId: range.connectionId, feedKey: plays, into: ads }, admin),
    ).rejects.toThrow(/loop/);
    expect(JSON.parse(audited('loads.mergeFeeds')!.after_text)).toMatchObject({ mergedInto: plays });
    await bed.api['loads.mergeFeeds']({ connectionId: range.connectionId, feedKey: ads, into: null }, admin);
    await reread();
    expect(ledger.feeds).toHaveLength(count);
    expect(cellOf('ad_impressions', calendar.silentFeed.date).state).toBe('missing');
  });
});

describe('on a Serverless endpoint (SYS_LOAD_HISTORY / SYS_LOAD_DETAIL / SYS_LOAD_ERROR_DETAIL)', () => {
  it('lists the COPYs under their SYS ids with files and bytes, the ledger tells the same stories, impact names schema.table', async () => {
    // The same double read as Serverless reads it: SYS views only, into a store of its own. SVV_TABLE_INFO,
    // once granted, gives impact the tables' schemas (SYS_QUERY_DETAIL gives the bare name, as STL_SCAN).
    await grantTableInfo(bed);
    const store = await readAsServerless(bed, null, [
      createQueryHistoryJob,
      createLoadsJob,
      createTableAccessJob,
    ]);
    const { db, connectionId } = store;
    try {
      const sls = { connectionId, from: range.from, to: range.to };
      const night = calendar.columnCountChange.date;
      const day = { connectionId, from: `${night}T00:00:00Z`, to: `${night}T23:59:59Z` };
      const sysRoyalties = readLoads(db, { ...day, source: '/royalties_daily/' }).rows[0]!;
      const stlRoyalties = (await loadsOf('royalties_daily', night))[0]!;
      // The same COPY, another id: SYS query ids are not STL's.
      expect(sysRoyalties.query).not.toBe(stlRoyalties.query);
      expect(Math.abs(Date.parse(sysRoyalties.startTime) - Date.parse(stlRoyalties.startTime))).toBeLessThan(
        5_000,
      );
      expect(sysRoyalties).toMatchObject({
        files: FEEDS.royalties_daily.files,
        maxerror: FEEDS.royalties_daily.maxerror,
      });
      expect(sysRoyalties.rowsLoaded).toBeGreaterThan(0);
      const profiles = readLoads(db, { ...day, source: '/user_profiles/' }).rows[0]!;
      expect(profiles.fileFormat).toBe('json');
      const sysLedger = readDeliveryLedger(db, sls, new Date());
      const cell = (feed: FeedName, date: string) =>
        sysLedger.feeds.find((f) => inFeed(feed)(f.sourcePrefix))!.cells.find((c) => c.night === date)!;
      expect(cell('royalties_daily', night).bytes).toBeGreaterThan(0);
      expect(cell('ad_impressions', calendar.silentFeed.date).state).toBe('missing');
      expect(cell('royalties_daily', calendar.oversizedFeed.date).flags).toContain('oversized');
      expect(cell('user_profiles', calendar.failedLoad.date).state).toBe('failed');
      // Bytes per delivered file from SYS_LOAD_DETAIL: every file of the COPY, the same bytes as the
      // provisioned ledger counts from STL_FILE_SCAN, night after night.
      for (const c of feedOf('royalties_daily').cells.filter((x) => x.loads > 0 && x.state !== 'failed'))
        expect({ night: c.night, bytes: cell('royalties_daily', c.night).bytes }).toEqual({
          night: c.night,
          bytes: c.bytes,
        });
      expect(cell('royalties_daily', night).bytesPerFile).toBe(cellOf('royalties_daily', night).bytesPerFile);
      const perFile = db
        .prepare(
          "SELECT count(*) AS files, sum(bytes) AS bytes FROM load_commits WHERE connection_id = ? AND query = ? AND source = 'sys' AND slice = 0",
        )
        .get(connectionId, sysRoyalties.query) as { files: number; bytes: number };
      expect(perFile.files).toBe(FEEDS.royalties_daily.files);
      expect(perFile.bytes).toBeGreaterThan(0);

      // Impact names tables schema.table on Serverless too.
      const failedSys = readLoads(db, {
        connectionId,
        from: `${calendar.failedLoad.date}T00:00:00Z`,
        to: `${calendar.failedLoad.date}T23:59:59Z`,
        source: '/user_profiles/',
      }).rows.find((r) => r.status === 'aborted')!;
      const impact = readImpact(
        db,
        { connectionId, query: failedSys.query, startTime: failedSys.startTime },
        { jobOf: () => null, runs: [] },
        new Date(),
      );
      const named = [
        ...impact.tables.map((t) => t.tableName),
        ...impact.groups.flatMap((g) => [...g.readTables, ...g.wroteTables]),
      ];
      expect(impact.groups.length).toBeGreaterThan(0);
      expect(named).toContain(failedSys.tableName);
      for (const name of named) expect(name).toMatch(/^[a-z_]+\.[a-z_0-9]+$/);
    } finally {
      store.close();
    }
  }, 300_000);
});

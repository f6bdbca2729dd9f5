// The impact of bad data and "late because a job started", on a store filled by the real collector from
// the real double (21 nights), checked against the scenario manifest: which jobs and dashboards the
// workload's SQL says read the tables a load wrote (electron/demo/workload/jobs.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadRow } from '../../../shared/model/load.ts';
import { scenarioCalendar, type ScenarioCalendar } from '../../../electron/demo/workload/scenarios.ts';
import {
  DASHBOARDS,
  ETL_JOBS,
  type NightLiterals,
  type StatementTemplate,
} from '../../../electron/demo/workload/jobs.ts';
import { tableAccessOf } from '../../../electron/demo/workload/tableAccess.ts';
import type { TableKey } from '../../../electron/demo/workload/tables.ts';
import { Watermarks } from '../../../electron/core/store/history/Watermarks.ts';
import type { SinceCursor } from '../../../electron/core/collector/jobs/readSince.ts';
import { waitForValue } from '../../support/waitFor.ts';
import { admin, startViewsBed, type ViewsBed } from '../views/support/viewsBed.ts';
import { grantTableInfo } from './support/grantTableInfo.ts';

let bed: ViewsBed;
let failed: LoadRow;
const DAY_MS = 86_400_000;
let calendar: ScenarioCalendar;

// Any night's literals: only the tables a statement names matter here.
const literals = new Proxy({}, { get: () => '2026-01-01' }) as NightLiterals;
const reads = (templates: readonly StatementTemplate[], table: TableKey): boolean =>
  templates.some((t) =>
    Array.from({ length: t.repeat ?? 1 }, (_, i) => tableAccessOf(t.sql(literals, i))).some((a) =>
      a.reads.includes(table),
    ),
  );
const jobsReading = (table: TableKey) =>
  ETL_JOBS.filter(
    (j) =>
      !j.monthStartOnly &&
      reads(
        j.transactions.flatMap((t) => t.statements),
        table,
      ),
  );
const dashboardsReading = (table: TableKey) =>
  DASHBOARDS.filter((d) => reads(d.tiles, table)).map((d) => d.label);

beforeAll(async () => {
  bed = await startViewsBed();
  calendar = scenarioCalendar(bed.now, 21);
  const connectionId = bed.connectionId;
  failed = await waitForValue(
    async () => {
      const page = await bed.api['loads.list'](
        {
          connectionId,
          from: `${calendar.failedLoad.date}T00:00:00Z`,
          to: `${calendar.failedLoad.date}T23:59:59Z`,
          source: '/user_profiles/',
        },
        admin,
      );
      return page.rows.find((r) => r.status === 'aborted') ?? null;
    },
    { what: 'the failed user_profiles COPY', timeoutMs: 240_000, intervalMs: 1_000 },
  );
  // Every table read and write of the history is stored once the table_access job has caught up.
  await waitForValue(
    async () => {
      const w = new Watermarks(bed.db).get<SinceCursor | null>(connectionId, 'table_access');
      return w?.value?.caughtUp === true && w.value.maxUs > Date.now() * 1000 - DAY_MS * 1000 ? true : null;
    },
    { what: 'the table reads and writes to be collected', timeoutMs: 240_000, intervalMs: 1_000 },
  );
}, 600_000);

afterAll(async () => {
  await bed?.stop();
});

describe('impact of bad data', () => {
  it('lists the jobs and dashboards that read user_profiles after the failed load, as a to-do list', async () => {
    const impact = await bed.api['loads.impact'](
      { connectionId: bed.connectionId, query: failed.query, startTime: failed.startTime },
      admin,
    );
    expect(impact.origin.load?.status).toBe('aborted');
    expect(impact.hops).toBe(2);
    const origin = impact.tables.filter((t) => t.hop === 0);
    expect(origin.map((t) => t.tableName)).toEqual([failed.tableName]);

    // Hop 1: the jobs whose SQL reads raw.user_profiles, on the failed night and every night since.
    const expectedJobs = jobsReading('user_profiles').map((j) => j.label);
    expect(expectedJobs).toContain('nightly_user_profiles_merge');
    const jobs = impact.groups.filter((g) => g.kind === 'job');
    expect(jobs.filter((g) => g.hop === 1).map((g) => g.label)).toEqual(expectedJobs);
    const merge = jobs.find((g) => g.label === 'nightly_user_profiles_merge')!;
    expect(merge.nights).toContain(calendar.failedLoad.date);
    expect(merge.nights.every((n) => n >= calendar.failedLoad.date)).toBe(true);
    expect(merge.wroteTables.length).toBeGreaterThan(0);
    expect(Date.parse(merge.firstTime)).toBeGreaterThanOrEqual(Date.parse(failed.startTime));

    // Hop 2: the dashboards that read what the merge wrote (analytics.user_profiles).
    // (Of the manifest's dashboards, those the double's scale refreshes; other labels read it too.)
    const generated = new Set(
      (
        bed.db
          .prepare('SELECT DISTINCT label FROM queries WHERE connection_id = ?')
          .all(bed.connectionId) as {
          label: string;
        }[]
      ).map((r) => r.label),
    );
    const dashboards = impact.groups.filter((g) => g.kind === 'dashboard').map((g) => g.label);
    const expectedDashboards = dashboardsReading('profiles').filter((d) => generated.has(d));
    expect(expectedDashboards.length).toBeGreaterThan(0);
    for (const d of expectedDashboards) expect(dashboards).toContain(d);
    const manifest = new Set(DASHBOARDS.map((d) => d.label));
    for (const d of dashboards.filter((l) => manifest.has(l))) expect(expectedDashboards).toContain(d);

    expect(impact.todo.some((t) => t.startsWith('Re-run') && t.includes('nightly_user_profiles_merge'))).toBe(
      true,
    );
    expect(impact.todo.some((t) => t.startsWith(`Refresh ${dashboards.length} dashboard`))).toBe(true);
  });

  it('follows one hop only when asked, and stops at the fix time', async () => {
    const base = { connectionId: bed.connectionId, query: failed.query, startTime: failed.startTime };
    const one = await bed.api['loads.impact']({ ...base, hops: 1 }, admin);
    expect(one.groups.filter((g) => g.kind === 'dashboard')).toEqual([]);
    expect(one.groups.some((g) => g.label === 'nightly_user_profiles_merge')).toBe(true);
    // Fixed before the night's merge ran: nothing read it yet.
    const early = await bed.api['loads.impact']({ ...base, until: failed.endTime }, admin);
    expect(early.groups).toEqual([]);
    expect(early.todo.at(-1)).toMatch(/^Nothing read/);
  });

  it('exports the impact as Markdown and CSV', async () => {
    const args = { connectionId: bed.connectionId, query: failed.query, startTime: failed.startTime };
    const md = await bed.api['loads.impactExport']({ ...args, format: 'markdown' }, admin);
    expect(md.filename).toMatch(/\.md$/);
    expect(md.text).toContain('## To do');
    expect(md.text).toContain('nightly\\_user\\_profiles\\_merge');
    const csv = await bed.api['loads.impactExport']({ ...args, format: 'csv' }, admin);
    expect(csv.text.split('\r\n')[0]).toBe(
      'kind,label,hop,statements,first_utc,last_utc,nights,read_tables,wrote_tables,sample_query',
    );
    expect(csv.text).toContain('job,nightly_user_profiles_merge,1,');
  });

  it('says so when the statement is not stored', async () => {
    await expect(
      bed.api['loads.impact']({ connectionId: bed.connectionId, query: 2_000_000_000 }, admin),
    ).rejects.toThrow(/not in the stored history/);
  });
});

describe('late because a job started', () => {
  it('shows the late feed late with the jobs that read its table before it arrived', async () => {
    const to = new Date().toISOString();
    const ledger = await bed.api['loads.ledger'](
      { connectionId: bed.connectionId, from: new Date(Date.now() - 20 * DAY_MS).toISOString(), to },
      admin,
    );
    const feed = ledger.feeds.find((f) => f.sourcePrefix.includes('/royalties_daily/'))!;
    const cell = feed.cells.find((c) => c.night === calendar.lateFeed.date)!;
    expect(cell.flags).toContain('late');
    // From the manifest: jobs that read royalties_daily without waiting for its feed.
    const expected = jobsReading('royalties_daily')
      .filter((j) => !j.after.includes('feed:royalties_daily'))
      .map((j) => j.label);
    expect(expected.length).toBeGreaterThan(0);
    expect(cell.jobsBeforeArrival).toEqual(expect.arrayContaining(expected));
    // On ordinary nights the feed is there before anything reads it.
    const named = feed.cells.filter((c) => (c.jobsBeforeArrival ?? []).length > 0).map((c) => c.night);
    expect(named).toEqual([calendar.lateFeed.date]);
  });
});

describe('impact groups by the jobs the batch views show', () => {
  it('shows a job renamed in the job editor under its new name, in impact and in the ledger', async () => {
    const connectionId = bed.connectionId;
    const args = { connectionId, query: failed.query, startTime: failed.startTime };
    const rules = [
      {
        action: 'job' as const,
        labelPattern: 'nightly_user_profiles_merge',
        user: null,
        queue: null,
        name: 'profiles merge (renamed)',
        splitBy: 'none' as const,
      },
    ];
    try {
      await bed.api['batches.setJobRules']({ connectionId, rules }, admin);
      const impact = await bed.api['loads.impact'](args, admin);
      const labels = impact.groups.filter((g) => g.kind === 'job').map((g) => g.label);
      expect(labels).toContain('profiles merge (renamed)');
      expect(labels).not.toContain('nightly_user_profiles_merge');
      const renamed = impact.groups.find((g) => g.label === 'profiles merge (renamed)')!;
      expect(renamed.hop).toBe(1);
      expect(renamed.nights).toContain(calendar.failedLoad.date);
      expect(impact.todo.some((t) => t.startsWith('Re-run') && t.includes('profiles merge (renamed)'))).toBe(
        true,
      );
      // Hidden in the job editor: no longer a job to re-run, nor a dashboard to refresh; still listed,
      // as hidden, since it read the bad data.
      await bed.api['batches.setJobRules'](
        { connectionId, rules: [{ ...rules[0]!, action: 'hide' as const, name: '' }] },
        admin,
      );
      const hidden = await bed.api['loads.impact'](args, admin);
      const merge = hidden.groups.filter((g) => g.label === 'nightly_user_profiles_merge');
      expect(merge.map((g) => g.kind)).toEqual(['hidden']);
      expect(merge[0]!.hop).toBe(1);
      expect(
        hidden.todo.some((t) => t.includes('nightly_user_profiles_merge') && t.startsWith('Check')),
      ).toBe(true);
      expect(
        hidden.todo.some((t) => /^(Re-run|Refresh)/.test(t) && t.includes('nightly_user_profiles_merge')),
      ).toBe(false);
    } finally {
      await bed.api['batches.setJobRules']({ connectionId, rules: [] }, admin);
    }
  });
});

describe('impact names tables with their schema', () => {
  it('shows schema.table once the login may read SVV_TABLE_INFO (STL_SCAN gives the bare name)', async () => {
    const args = { connectionId: bed.connectionId, query: failed.query, startTime: failed.startTime };
    // The bare double keeps the monitoring login unprivileged: the names are bare until it is granted.
    await grantTableInfo(bed);
    const impact = await waitForValue(
      async () => {
        const i = await bed.api['loads.impact'](args, admin);
        const merge = i.groups.find((g) => g.label === 'nightly_user_profiles_merge');
        return merge?.wroteTables.includes('analytics.user_profiles') ? i : null;
      },
      { what: 'schema-qualified table names', timeoutMs: 120_000, intervalMs: 1_000 },
    );
    const merge = impact.groups.find((g) => g.label === 'nightly_user_profiles_merge')!;
    expect(merge.readTables).toContain('raw.user_profiles');
  });
});

// The impact of bad data (issue #11) in real Chromium on the shared demo server: from the failed
// user_profiles load's detail, the impact view shows the to-do list (re-run the profile merge, refresh
// the dashboards), exports it as Markdown (a real download), and shows every label as text, the
// hostile query_group labels analysts set included (they read analytics.user_profiles). Needs the built
// renderer (`npm run build:renderer`).
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Impact } from '../../../shared/model/impact.ts';
import type { LoadsPage } from '../../../shared/model/load.ts';
import { testIds } from '../../../shared/testIds.ts';
import { scenarioCalendar } from '../../../electron/demo/workload/scenarios.ts';
import { HOSTILE_STRINGS } from '../../../electron/demo/workload/hostileStrings.ts';
import { launchChromium, recordDialogs, requireBuiltRenderer, UI_WAIT } from '../../support/browser.ts';
import {
  DEMO_NIGHTS,
  callDemo,
  useSharedDemoBed,
  type DemoBed,
  sharedDemoNow,
} from '../../support/demoBed.ts';
import { waitForValue } from '../../support/waitFor.ts';
import { closeAll } from '../support/closeAll.ts';

const ids = testIds;
const HOOK = 300_000;
const calendar = scenarioCalendar(sharedDemoNow(), DEMO_NIGHTS);

describe('impact of bad data in the browser', { timeout: 600_000 }, () => {
  let bed: DemoBed;
  let browser: Browser;
  let page: Page;
  let impact: Impact;
  let failed: LoadsPage['rows'][number];
  const dialogs: string[] = [];

  const api = <T>(method: string, args: unknown): Promise<T> => callDemo<T>(bed, method, args);

  beforeAll(async () => {
    requireBuiltRenderer();
    [bed, browser] = await Promise.all([useSharedDemoBed(), launchChromium()]);
    failed = await waitForValue(
      async () => {
        const p = await api<LoadsPage>('loads.list', {
          connectionId: bed.connectionId,
          from: `${calendar.failedLoad.date}T00:00:00Z`,
          to: `${calendar.failedLoad.date}T23:59:59Z`,
          source: '/user_profiles/',
          status: 'aborted',
        });
        return p.rows[0] ?? null;
      },
      { what: 'the failed user_profiles COPY', timeoutMs: 240_000, intervalMs: 1_000 },
    );
    // The reads and writes are collected once the history is: wait until the dashboards show.
    impact = await waitForValue(
      async () => {
        const i = await api<Impact>('loads.impact', {
          connectionId: bed.connectionId,
          query: failed.query,
          startTime: failed.startTime,
        });
        return i.groups.some((g) => g.kind === 'dashboard') ? i : null;
      },
      {
        what: 'the impact of the failed load to reach the dashboards',
        timeoutMs: 240_000,
        intervalMs: 2_000,
      },
    );
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    recordDialogs(page, dialogs);
    await page.goto(`${bed.server.url}#/connections`);
    await page.getByTestId(ids.connections.page).waitFor();
  }, HOOK);

  afterAll(() => closeAll(browser, bed), HOOK);

  it("opens from the load's detail and reads as a to-do list", async () => {
    await page.evaluate(
      ({ c, q, t }) => {
        window.location.hash = `#/query?${new URLSearchParams({ c, q, t }).toString()}`;
      },
      { c: bed.connectionId, q: String(failed.query), t: failed.startTime },
    );
    await page.getByTestId(ids.loadDetail.panel).waitFor();
    await page.getByTestId(ids.impact.link).click();
    await page.getByTestId(ids.impact.todo).waitFor();
    // A stable URL: the statement and its start are in it.
    expect(page.url()).toContain('#/impact?');
    expect(page.url()).toContain(`q=${failed.query}`);
    const items = page.getByTestId(ids.impact.todoItem);
    await expect.poll(() => items.count(), UI_WAIT).toBe(impact.todo.length);
    const texts = await items.allTextContents();
    expect(texts).toEqual(impact.todo);
    expect(texts.some((t) => /^Re-run .*nightly_user_profiles_merge/.test(t))).toBe(true);
    expect(texts.some((t) => /^Refresh \d+ dashboards?/.test(t))).toBe(true);
    const merge = page.locator(
      `[data-testid="${ids.impact.group}"][data-kind="job"][data-label="nightly_user_profiles_merge"]`,
    );
    expect(await merge.count()).toBe(1);
  });

  it('shows every label and table name as text, hostile ones included', async () => {
    const corpus = new Set(HOSTILE_STRINGS.map((h) => h.value));
    const hostile = impact.groups.filter((g) => corpus.has(g.label));
    expect(hostile.length).toBeGreaterThan(0);
    const groups = page.getByTestId(ids.impact.group);
    await expect.poll(() => groups.count(), UI_WAIT).toBe(impact.groups.length);
    const shown = await groups.evaluateAll((rows) =>
      rows.map((r) => ({
        label: r.getAttribute('data-label'),
        text: r.querySelector('td a')?.textContent ?? null,
        elements: r.querySelector('td')?.querySelectorAll('*').length ?? 0,
      })),
    );
    for (const g of impact.groups) {
      const row = shown.find((s) => s.label === g.label);
      expect(row, g.label).toBeDefined();
      // Exactly the label, in the one link the cell holds: nothing of it became markup.
      expect(row!.text).toBe(g.label);
      expect(row!.elements).toBe(1);
    }
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('exports the impact as Markdown, downloaded', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId(ids.impact.exportMarkdown).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`nightshift-impact-${failed.query}.md`);
    const text = readFileSync(await file.path(), 'utf8');
    expect(text).toContain('## To do');
    expect(text).toContain('nightly\\_user\\_profiles\\_merge');
    // Hostile labels are escaped: every markup character in the report comes with a backslash.
    expect(text).not.toMatch(/(^|[^\\])</m);
  });
});

// Feed editing (issue #11) in real Chromium on the shared demo server through door 2 (admin): on the
// delivery ledger a user renames and mutes the royalties feed; the grid updates in place (its name,
// greyed, no longer counted as problems) while its planted stories stay visible as the scenario
// manifest says (the oversized night still ~10x, the silent feed still missing), and the audit log
// shows the change. The feed is restored at the end: other files read the same server.
// Needs the built renderer (`npm run build:renderer`).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryLedger } from '../../../shared/model/load.ts';
import { testIds } from '../../../shared/testIds.ts';
import { SCENARIOS, scenarioCalendar } from '../../../electron/demo/workload/scenarios.ts';
import { launchChromium, requireBuiltRenderer, UI_WAIT } from '../../support/browser.ts';
import {
  DEMO_NIGHTS,
  callDemo,
  useSharedDemoBed,
  type DemoBed,
  sharedDemoNow,
} from '../../support/demoBed.ts';
import { waitForValue } from '../../support/waitFor.ts';

const ids = testIds;
const HOOK = 300_000;
const DAY_MS = 86_400_000;
const calendar = scenarioCalendar(sharedDemoNow(), DEMO_NIGHTS);
// Markup in a name must come back as text.
const NAME = 'Royalties <b>label X</b>';

describe('feed editing in the browser', { timeout: 600_000 }, () => {
  let bed: DemoBed;
  let browser: Browser;
  let page: Page;
  let royaltiesKey = '';
  const pageErrors: string[] = [];
  const range = () => `${Date.now() - (DEMO_NIGHTS + 1) * DAY_MS}-${Date.now()}`;

  const api = <T>(method: string, args: unknown): Promise<T> => callDemo<T>(bed, method, args);

  const link = (pageId: string, params: Record<string, string> = {}) =>
    `#/${pageId}?${new URLSearchParams({ c: bed.connectionId, ...params }).toString()}`;

  async function open(hash: string, testId: string) {
    await page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
    await page.getByTestId(testId).waitFor();
  }

  const row = (feed: string) => page.locator(`[data-testid="${ids.feeds.row}"][data-feed*="/${feed}/"]`);
  const cell = (feed: string, night: string) =>
    row(feed).locator(`[data-testid="${ids.feeds.cell}"][data-night="${night}"]`);
  const problems = async () => Number(await page.getByTestId(ids.feeds.problems).getAttribute('data-count'));

  beforeAll(async () => {
    requireBuiltRenderer();
    [bed, browser] = await Promise.all([useSharedDemoBed(), launchChromium()]);
    // The oversized night's COPY summarized: the ledger has its story.
    const ledger = await waitForValue(
      async () => {
        const l = await api<DeliveryLedger>('loads.ledger', {
          connectionId: bed.connectionId,
          from: new Date(Date.now() - DEMO_NIGHTS * DAY_MS).toISOString(),
          to: new Date().toISOString(),
        });
        const feed = l.feeds.find((f) => f.sourcePrefix.includes('/royalties_daily/'));
        return feed?.cells.some((c) => c.night === calendar.oversizedFeed.date && c.loads > 0) ? l : null;
      },
      { what: 'the oversized night in the ledger', timeoutMs: 240_000, intervalMs: 1_000 },
    );
    royaltiesKey = ledger.feeds.find((f) => f.sourcePrefix.includes('/royalties_daily/'))!.feedKey;
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${bed.server.url}#/connections`);
    await page.getByTestId(ids.connections.page).waitFor();
  }, HOOK);

  afterAll(async () => {
    if (royaltiesKey !== '')
      await api('loads.setFeed', {
        connectionId: bed.connectionId,
        feedKey: royaltiesKey,
        name: null,
        muted: false,
      });
    await browser?.close();
    await bed?.stop();
  }, HOOK);

  it('renames and mutes a feed: the grid updates, its stories stay visible, the audit log shows it', async () => {
    await open(link('feeds', { range: range() }), ids.feeds.page);
    await page.getByTestId(ids.feeds.grid).waitFor();
    // The manifest's stories before the edit.
    const oversized = cell('royalties_daily', calendar.oversizedFeed.date);
    await expect.poll(() => oversized.getAttribute('data-flags'), UI_WAIT).toContain('oversized');
    const ratio = /\((\d+\.\d)× the median\)/.exec((await oversized.getAttribute('title')) ?? '');
    expect(Number(ratio?.[1])).toBeGreaterThan(SCENARIOS.oversizedFeed.factor * 0.7);
    expect(Number(ratio?.[1])).toBeLessThan(SCENARIOS.oversizedFeed.factor * 1.3);
    expect(await cell('ad_impressions', calendar.silentFeed.date).getAttribute('data-state')).toBe('missing');
    const before = await problems();
    expect(before).toBeGreaterThan(0);

    await row('royalties_daily').getByTestId(ids.feeds.edit).click();
    const editor = page.getByTestId(ids.feeds.editor);
    await editor.waitFor();
    await editor.getByTestId(ids.feeds.editName).fill(NAME);
    await editor.getByTestId(ids.feeds.editMuted).check();
    await editor.getByTestId(ids.feeds.editSave).click();
    await expect.poll(() => page.getByTestId(ids.feeds.editMessage).textContent(), UI_WAIT).toMatch(/^Saved/);

    // The grid, asked again: the new name as text, greyed, not counted; the stories unchanged.
    await expect.poll(() => row('royalties_daily').getAttribute('data-muted'), UI_WAIT).toBe('true');
    expect(await row('royalties_daily').getByTestId(ids.feeds.name).textContent()).toBe(NAME);
    expect(await row('royalties_daily').locator('b').count()).toBe(0);
    await expect.poll(problems, UI_WAIT).toBeLessThan(before);
    expect(await oversized.getAttribute('data-flags')).toContain('oversized');
    expect(await cell('ad_impressions', calendar.silentFeed.date).getAttribute('data-state')).toBe('missing');

    // The audit log has the change, with what it was before.
    await open(link('audit'), ids.audit.page);
    const record = page.locator(`[data-testid="${ids.audit.row}"][data-action="loads.setFeed"]`);
    await expect.poll(() => record.count(), UI_WAIT).toBeGreaterThan(0);
    expect(await record.first().getAttribute('data-outcome')).toBe('ok');
    expect(pageErrors).toEqual([]);
  });
});

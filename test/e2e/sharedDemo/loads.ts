// Loads and deliveries (issue #11) in real Chromium on the shared demo server: the delivery ledger
// shows every planted feed story of the scenario manifest on its night, a cell leads to that night's
// COPYs and a COPY to its query detail with the load summary, and the hostile strings planted in
// user_profiles' rejected rows are shown verbatim with every invisible character labelled and copied
// back exactly. Needs the built renderer (`npx vite build`).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadDetail, LoadsPage } from '../../../shared/model/load.ts';
import { visibleText, failingRange } from '../../../shared/loads/visibleText.ts';
import { testIds } from '../../../shared/testIds.ts';
import { scenarioCalendar } from '../../../electron/demo/workload/scenarios.ts';
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
const DAY_MS = 86_400_000;
const calendar = scenarioCalendar(sharedDemoNow(), DEMO_NIGHTS);

interface DomSegment {
  kind: string;
  text: string;
  label: string;
}

describe('loads and deliveries in the browser', { timeout: 600_000 }, () => {
  let bed: DemoBed;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const range = () => `${Date.now() - (DEMO_NIGHTS + 1) * DAY_MS}-${Date.now()}`;

  const api = <T>(method: string, args: unknown): Promise<T> => callDemo<T>(bed, method, args);

  const link = (pageId: string, params: Record<string, string | number> = {}) =>
    `#/${pageId}?${new URLSearchParams({ c: bed.connectionId, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) }).toString()}`;

  async function open(hash: string, testId: string) {
    await page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
    await page.getByTestId(testId).waitFor();
  }

  /** The COPYs of a feed on a night, once the collector has summarized them. */
  async function loadsOf(feed: string, night: string): Promise<LoadsPage> {
    return waitForValue(
      async () => {
        const p = await api<LoadsPage>('loads.list', {
          connectionId: bed.connectionId,
          from: `${night}T00:00:00Z`,
          to: `${night}T23:59:59Z`,
          source: `/${feed}/`,
        });
        return p.rows.length > 0 ? p : null;
      },
      { what: `the ${feed} COPYs of ${night}`, timeoutMs: 240_000, intervalMs: 1_000 },
    );
  }

  beforeAll(async () => {
    requireBuiltRenderer();
    [bed, browser] = await Promise.all([useSharedDemoBed(), launchChromium()]);
    await loadsOf('user_profiles', calendar.failedLoad.date);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const origin = new URL(bed.server.url).origin;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await context.addInitScript(() => {
      (window as unknown as { __pwned?: unknown }).__pwned = undefined;
    });
    page = await context.newPage();
    recordDialogs(page, dialogs);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${bed.server.url}#/connections`);
    await page.getByTestId(ids.connections.page).waitFor();
  }, HOOK);

  afterAll(() => closeAll(browser, bed), HOOK);

  const cell = (feed: string, night: string) =>
    page
      .locator(`[data-testid="${ids.feeds.row}"][data-feed*="/${feed}/"]`)
      .locator(`[data-testid="${ids.feeds.cell}"][data-night="${night}"]`);

  it('the ledger shows the silent, oversized, failed and late feeds on their nights', async () => {
    await open(link('feeds', { range: range() }), ids.feeds.page);
    await page.getByTestId(ids.feeds.grid).waitFor();
    const state = (feed: string, night: string) => cell(feed, night).getAttribute('data-state');
    const flags = (feed: string, night: string) => cell(feed, night).getAttribute('data-flags');
    await expect.poll(() => state('ad_impressions', calendar.silentFeed.date), UI_WAIT).toBe('missing');
    expect(await flags('royalties_daily', calendar.oversizedFeed.date)).toContain('oversized');
    expect(await cell('royalties_daily', calendar.oversizedFeed.date).getAttribute('title')).toMatch(
      /\((9|10|11)\.\d× the median\)/,
    );
    expect(await state('user_profiles', calendar.failedLoad.date)).toBe('failed');
    expect(await flags('royalties_daily', calendar.lateFeed.date)).toContain('late');
    expect(await flags('catalog_tracks', calendar.columnCountChange.date)).toContain('partial');
    // Format drift: the catalog supplier's extra column, from its first night.
    const drift = page.locator(
      `[data-testid="${ids.feeds.drift}"][data-kind="new-error"][data-code="1202"][data-feed*="/catalog_tracks/"]`,
    );
    await expect.poll(() => drift.count(), UI_WAIT).toBe(1);
    expect(await drift.getAttribute('data-first-night')).toBe(calendar.columnCountChange.date);
    expect(await drift.locator('summary').textContent()).toMatch(/new error 1202/);
  });

  it("a cell opens that night's COPYs, and a COPY its query detail with the load summary", async () => {
    await cell('user_profiles', calendar.failedLoad.date).locator('a').click();
    await page.getByTestId(ids.loads.page).waitFor();
    await page.getByTestId(ids.loads.filterFeed).waitFor();
    const rows = page.getByTestId(ids.loads.row);
    await expect.poll(() => rows.count(), UI_WAIT).toBe(1);
    expect(await rows.first().getAttribute('data-status')).toBe('aborted');
    await rows.first().getByTestId(ids.loads.rowLink).click();
    await page.getByTestId(ids.loadDetail.panel).waitFor();
    expect(await page.getByTestId(ids.loadDetail.status).textContent()).toBe('aborted');
    expect(await page.getByTestId(ids.loadDetail.maxerror).textContent()).toBe('100');
    expect(await page.getByTestId(ids.loadDetail.group).count()).toBeGreaterThan(0);
  });

  it('shows hostile rejected rows verbatim, invisible characters labelled, and copies them back exactly', async () => {
    const [load] = (await loadsOf('user_profiles', calendar.columnCountChange.date)).rows;
    const detail = await api<LoadDetail>('loads.get', {
      connectionId: bed.connectionId,
      query: load!.query,
      startTime: load!.startTime,
    });
    const samples = detail.groups.flatMap((g) => g.samples);
    expect(samples.length).toBeGreaterThan(30);
    await open(link('query', { q: load!.query, t: load!.startTime }), ids.loadDetail.panel);
    await expect.poll(() => page.getByTestId(ids.loadDetail.sample).count(), UI_WAIT).toBe(samples.length);

    const dom = async (testId: string): Promise<DomSegment[][]> =>
      page.getByTestId(testId).evaluateAll((codes) =>
        codes.map((code) =>
          [...code.children]
            .filter((el) => el.tagName === 'SPAN' && !el.classList.contains('muted'))
            .map((el) => {
              const kind = el.getAttribute('data-kind') ?? 'text';
              // A token's text is its stand-in glyph; its <sub> is the short label.
              const glyph = [...el.childNodes]
                .filter((n) => n.nodeType === 3)
                .map((n) => n.textContent)
                .join('');
              return { kind, text: glyph, label: el.getAttribute('title') ?? '' };
            }),
        ),
      );
    const expected = (text: string, failing: { start: number; end: number } | null) =>
      visibleText(text, failing).map((s) => ({ kind: s.kind, text: s.shown, label: s.label }));
    const lines = await dom(ids.loadDetail.rawLine);
    const fields = await dom(ids.loadDetail.rawField);
    let invisibles = 0;
    samples.forEach((s, i) => {
      const want = expected(s.rawLine, failingRange(s.rawLine, s.rawFieldValue));
      expect({ i, line: lines[i] }).toEqual({ i, line: want });
      const wantField = expected(
        s.rawFieldValue,
        s.position !== null && s.position < s.rawFieldValue.length
          ? { start: s.position, end: s.position + 1 }
          : null,
      );
      expect({ i, field: fields[i] }).toEqual({ i, field: wantField });
      invisibles += want.filter((w) => w.kind !== 'text').length;
    });
    // The corpus plants control characters, bidi overrides and tabs: some must have been labelled.
    expect(invisibles).toBeGreaterThan(0);
    expect(await page.getByTestId(ids.loadDetail.invisible).count()).toBeGreaterThan(0);

    // Copy gives back the original text, byte for byte, for a line with invisible characters.
    const index = samples.findIndex((s) =>
      visibleText(s.rawFieldValue).some((seg) => seg.kind !== 'text' && seg.kind !== 'non-ascii'),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    await page.getByTestId(ids.loadDetail.copyField).nth(index).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()), UI_WAIT)
      .toBe(samples[index]!.rawFieldValue);
    await page.getByTestId(ids.loadDetail.copyLine).nth(index).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()), UI_WAIT)
      .toBe(samples[index]!.rawLine);

    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    expect({ pwned, dialogs, pageErrors }).toEqual({ pwned: undefined, dialogs: [], pageErrors: [] });
  });
});

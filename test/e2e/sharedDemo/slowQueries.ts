// The slow queries view and the query detail as the on-call engineer uses them, in real Chromium
// against door 2 on the demo bed (the Redshift double on PostgreSQL in live mode, 21 nights). The
// double's regression scenario (electron/demo/workload/scenarios.ts SCENARIOS.regression: the
// royalty calculation runs ~8× slower since two nights ago) must be listed first as newly slow; its
// detail shows the statements that queued behind it and its run history. Filters, sorting, the range
// picker and the time zone must change what is shown. Needs the built renderer (`npx vite build`).
// Screenshots (light and dark) land in test-artifacts/screenshots/.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../electron/demo/workload/scenarios.ts';
import type { QueryDetail } from '../../../shared/model/query.ts';
import { testIds } from '../../../shared/testIds.ts';
import { launchChromium, screenshot } from '../../support/browser.ts';
import { useSharedDemoBed, type DemoBed } from '../../support/demoBed.ts';
import { closeAll } from '../support/closeAll.ts';

const ids = testIds.slow;
const qd = testIds.queryDetail;
const tb = testIds.viewToolbar;
const REGRESSION = SCENARIOS.regression;
/** A zone that is never UTC and has no daylight saving: the UTC/local switch must change every time. */
const LOCAL_ZONE = 'Asia/Kolkata';

/** "850 ms", "12.4 s", "3 min 20 s", "1 h 05 min" (formatDuration) back to milliseconds. */
function parseDuration(text: string): number {
  const t = text.trim();
  let m = /^(\d+) ms$/.exec(t);
  if (m) return Number(m[1]);
  m = /^([\d.]+) s$/.exec(t);
  if (m) return Number(m[1]) * 1000;
  m = /^(\d+) min (\d+) s$/.exec(t);
  if (m) return (Number(m[1]) * 60 + Number(m[2])) * 1000;
  m = /^(\d+) h (\d+) min$/.exec(t);
  if (m) return (Number(m[1]) * 3600 + Number(m[2]) * 60) * 1000;
  throw new Error(`not a duration: ${JSON.stringify(text)}`);
}

describe('slow queries and query detail (door 2, demo bed)', () => {
  let bed: DemoBed;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    bed = await useSharedDemoBed();
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      colorScheme: 'light',
      timezoneId: LOCAL_ZONE,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(bed.server.url).origin,
    });
    page = await context.newPage();
  }, 300_000);

  afterAll(() => closeAll(browser, bed), 60_000);

  const open = async (hash: string) => {
    await page.goto(`${bed.server.url}${hash}`);
    await page.getByTestId(testIds.app.root).waitFor();
  };

  /** Both themes of what is on screen now, with a tall viewport so the whole page is in the shot. */
  const shoot = async (name: string, settle: () => Promise<void>) => {
    await page.setViewportSize({ width: 1400, height: 2000 });
    await screenshot(page, `slow-${name}-light`);
    await page.getByTestId(testIds.app.themeToggle).click();
    await settle();
    await screenshot(page, `slow-${name}-dark`);
    await page.getByTestId(testIds.app.themeToggle).click();
    await page.setViewportSize({ width: 1400, height: 900 });
  };

  const groupRows = () => page.getByTestId(ids.groupRow);
  /** Waits for the fingerprint table to answer the current filters (not the previous ones). */
  const groupsSettle = async () => {
    await page.locator(`[data-testid="${ids.page}"][aria-busy="false"]`).waitFor();
    await page.getByTestId(ids.total).or(page.getByTestId(ids.empty)).first().waitFor();
  };
  const texts = (l: Locator) => l.allTextContents();
  /** How much of a statement a group row shows (store/history/readQueryHistory.ts). */
  const PREVIEW_CHARS = 200;

  it('lists the regressed query first, as newly slow with its ratio', async () => {
    // A week: the default 24 hours holds last night's run only until the same hour tonight.
    await open('#/slow?range=7d');
    await groupsSettle();
    const first = groupRows().first();
    await expect.poll(() => first.getAttribute('data-newly-slow')).toBe('true');
    const badge = await first.getByTestId(ids.groupBadge).textContent();
    expect(badge).toMatch(/^newly slow ×\d+(\.\d)?$/);
    const ratio = Number(badge!.replace('newly slow ×', ''));
    expect(ratio).toBeGreaterThanOrEqual(3);
    expect(await first.getByTestId(ids.groupText).textContent()).toMatch(
      new RegExp(`^${REGRESSION.textPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(await first.getByTestId(ids.groupLabels).textContent()).toContain(REGRESSION.label);
    // Only the newly slow come before the rest.
    const flags = await groupRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-newly-slow')));
    const firstPlain = flags.indexOf('false');
    expect(flags.slice(firstPlain).every((f) => f === 'false')).toBe(true);
    await shoot('by-fingerprint', groupsSettle);
  });

  it('opens the detail: full text, copy, blast radius with waits, run history chart', async () => {
    await open('#/slow?range=7d');
    await groupsSettle();
    await groupRows().first().getByTestId(ids.groupText).click();
    await page.getByTestId(qd.page).waitFor();
    const shown = page.getByTestId(qd.text);
    await shown.waitFor();
    const text = (await shown.textContent()) ?? '';
    expect(text.startsWith(REGRESSION.textPrefix)).toBe(true);

    // The text on screen is the stored text, verbatim, and Copy puts exactly that on the clipboard.
    const params = new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
    const stored = (
      (
        await bed.server.call('queries.get', {
          connectionId: bed.connectionId,
          query: Number(params.get('q')),
          startTime: params.get('t') ?? undefined,
        })
      ).body as { result: QueryDetail }
    ).result;
    expect(text).toBe(stored.text);
    expect(await page.getByTestId(qd.facts).textContent()).toContain(REGRESSION.label);
    await page.getByTestId(qd.copy).click();
    await expect.poll(() => page.getByTestId(qd.copied).textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(stored.text);

    // Blast radius: statements that queued in etl_nightly behind it, with a total wait above zero.
    const summary = page.getByTestId(qd.blastSummary);
    await summary.waitFor();
    const sentence = (await summary.textContent()) ?? '';
    const match = /^(\d+) statements? waited (.+) in (.+) while this query held its slots\.$/.exec(sentence);
    expect(match, sentence).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(1);
    expect(parseDuration(match![2]!)).toBeGreaterThan(0);
    expect(match![3]).toBe(SCENARIOS.queueWaits.queueName);
    const victims = page.getByTestId(qd.blastRow);
    expect(await victims.count()).toBe(Number(match![1]));

    // The run history is drawn (a line, not the empty message), with this run marked.
    const chart = page.getByTestId(qd.runsChart);
    await expect.poll(() => chart.getAttribute('data-state')).toBe('drawn');
    await chart.locator('.recharts-line-curve, .recharts-line-dots').first().waitFor();
    expect(await chart.textContent()).toContain('this run');
    await shoot('detail', async () => {
      await chart.locator('.recharts-line-dots').first().waitFor();
    });

    // Dragging across the run history zooms: the toolbar shows the window and a way back.
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
    await page.getByTestId(testIds.charts.zoomSelection).waitFor();
    await page.mouse.up();
    const zoomWindow = page.getByTestId(tb.rangeWindow);
    await zoomWindow.waitFor();
    expect(await zoomWindow.textContent()).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d – \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    );
    expect(await page.getByTestId(tb.rangeBack).textContent()).toBe('Back to last 7 days');
    await page.getByTestId(tb.rangeBack).click();
    await zoomWindow.waitFor({ state: 'detached' });
    expect(await page.getByTestId(tb.rangePreset).inputValue()).toBe('7d');

    // A victim links to its own detail.
    const victimId = (await victims.first().getByTestId(qd.blastLink).textContent()) ?? '';
    await victims.first().getByTestId(qd.blastLink).click();
    await expect.poll(() => page.getByTestId(qd.title).textContent()).toContain(`Query ${victimId}`);
    await page.getByTestId(qd.text).waitFor();
  });

  it('filters by user and by text change the groups shown', async () => {
    await open('#/slow?range=7d');
    await groupsSettle();
    const setUser = async (user: string) => {
      await page.getByTestId(ids.filterUser).fill(user);
      await groupsSettle();
      await expect
        .poll(async () => {
          const users = await texts(page.getByTestId(ids.groupUsers));
          return users.length > 0 && users.every((u) => u.split(', ').includes(user));
        })
        .toBe(true);
      return texts(page.getByTestId(ids.groupText));
    };
    const etl = await setUser('etl_user');
    const anna = await setUser('analyst_anna');
    expect(etl.some((t) => t.startsWith(REGRESSION.textPrefix))).toBe(true);
    expect(anna.some((t) => t.startsWith(REGRESSION.textPrefix))).toBe(false);
    expect(new Set(anna)).not.toEqual(new Set(etl));

    await page.getByTestId(ids.filterClear).click();
    await page.getByTestId(ids.filterText).fill('royalty.track_royalties_daily');
    await expect
      .poll(async () => {
        const shownTexts = await texts(page.getByTestId(ids.groupText));
        // The filter matches the whole statement; a group shows its first 200 characters, so a match
        // further in (the month-start INSERT ... SELECT) is shown by a cut preview.
        const shows = (t: string) => t.includes('royalty.track_royalties_daily') || t.length >= PREVIEW_CHARS;
        return shownTexts.some((t) => t.includes('royalty.track_royalties_daily')) && shownTexts.every(shows);
      })
      .toBe(true);
    await page.getByTestId(ids.filterText).fill('no statement contains this ⟂ string');
    await expect.poll(() => page.getByTestId(ids.empty).textContent()).toMatch(/nothing matched the filters/);
    await page.getByTestId(ids.filterClear).click();
  });

  it('all runs: sorting by elapsed and filtering by user change the rows; pages load as you scroll', async () => {
    await open('#/slow?tab=runs&range=7d');
    const rows = page.getByTestId(ids.runRow);
    await rows.first().waitFor();
    const elapsedOf = async () =>
      (await texts(page.getByTestId(ids.runElapsed))).slice(0, 10).map(parseDuration);

    const sortByElapsed = page.locator(`[data-testid="${ids.runsSort}"][data-sort="elapsedMs"]`);
    await sortByElapsed.click();
    await expect.poll(() => sortByElapsed.locator('xpath=..').getAttribute('aria-sort')).toBe('descending');
    await expect
      .poll(async () => {
        const e = await elapsedOf();
        return e.length === 10 && e.every((v, i) => i === 0 || e[i - 1]! >= v);
      })
      .toBe(true);
    const desc = await elapsedOf();
    await screenshot(page, 'slow-all-runs-light');
    await page.getByTestId(testIds.app.themeToggle).click();
    await screenshot(page, 'slow-all-runs-dark');
    await page.getByTestId(testIds.app.themeToggle).click();

    await sortByElapsed.click();
    await expect.poll(() => sortByElapsed.locator('xpath=..').getAttribute('aria-sort')).toBe('ascending');
    await expect
      .poll(async () => {
        const e = await elapsedOf();
        return e.length === 10 && e.every((v, i) => i === 0 || e[i - 1]! <= v) && e[0]! < desc[0]!;
      })
      .toBe(true);

    // Only the rows in view exist; scrolling to the end fetches the last page on demand.
    const totalText = (await page.getByTestId(ids.total).textContent()) ?? '';
    const total = Number(totalText.replace(/[^\d]/g, ''));
    expect(total).toBeGreaterThan(600);
    expect(await rows.count()).toBeLessThan(100);
    await page.getByTestId(ids.runsTable).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect
      .poll(() => page.locator(`[data-testid="${ids.runRow}"][aria-rowindex="${total + 1}"]`).count())
      .toBe(1);

    // Filtering by user: every row is that user's.
    for (const user of ['analyst_anna', 'etl_user']) {
      await page.getByTestId(ids.filterUser).fill(user);
      await expect
        .poll(async () => {
          const users = await texts(page.getByTestId(ids.runUser));
          return users.length > 0 && users.every((u) => u === user);
        })
        .toBe(true);
    }
    await page.getByTestId(ids.filterClear).click();
  });

  it('the range picker answers for the last 7 and the last 90 days', async () => {
    await open('#/slow');
    await groupsSettle();
    for (const preset of ['7d', '90d'] as const) {
      await page.getByTestId(tb.rangePreset).selectOption(preset);
      await groupsSettle();
      await expect.poll(() => groupRows().count()).toBeGreaterThan(0);
      expect(await page.getByTestId(ids.error).count()).toBe(0);
      expect(await page.getByTestId(ids.total).textContent()).toMatch(/^\d[\d,]* fingerprints/);
      // The regressed query is still there, and still newly slow (judged on the last 36 hours).
      expect(await groupRows().first().getAttribute('data-newly-slow')).toBe('true');
    }
    await page.getByTestId(testIds.nav.slow).click();
    await page.getByTestId(ids.tabRuns).click();
    await page.getByTestId(ids.runRow).first().waitFor();
    expect(await page.getByTestId(ids.error).count()).toBe(0);
  });

  it('switching between UTC and local time changes the times shown', async () => {
    await open('#/slow?tab=runs');
    await page.getByTestId(tb.zoneUtc).click();
    const firstStart = page.getByTestId(ids.runStart).first();
    await firstStart.waitFor();
    const header = page.getByRole('columnheader').first();
    await expect.poll(() => header.textContent()).toContain('(UTC)');
    const utc = (await firstStart.textContent()) ?? '';
    await page.getByTestId(tb.zoneLocal).click();
    await expect.poll(() => header.textContent()).toContain('local (UTC+05:30)');
    const local = (await firstStart.textContent()) ?? '';
    expect(local).not.toBe(utc);
    // Same instant, shown 5 h 30 min later on the wall clock.
    const asUtc = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);
    expect(asUtc(local) - asUtc(utc)).toBe(5.5 * 3_600_000);
    await page.getByTestId(tb.zoneUtc).click();
  });
});

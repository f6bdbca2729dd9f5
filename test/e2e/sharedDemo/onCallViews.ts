// The on-call views as the engineer woken at night uses them, in real Chromium against door 2 on the
// Redshift double (real PostgreSQL, live mode): fill etl_nightly (3 slots) with 5 statements of our
// own, then check that the live view, the overview and the WLM pressure view all show the queue full
// with statements waiting; that the live view keeps the reader's selection and scroll across its
// 5-second refreshes; that sorting and filtering change the rows; and that every overview tile opens its
// view; and, last, the path from a live statement to its detail (issue #14): make room in etl_nightly
// (cancel the double's own statements holding its slots), open one of ours that runs from the live
// view's side panel, see its live detail (text read from the cluster, executing so far,
// ours waiting behind it), cancel it, and the same page turns into its stored detail (aborted) once the
// collector has read it. Needs the built renderer (`npx vite build`). Screenshots land in
// test-artifacts/screenshots/.
import type pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot, LiveStatement } from '../../../shared/model/live.ts';
import type { WlmPressure } from '../../../shared/model/pressure.ts';
import { testIds } from '../../../shared/testIds.ts';
import { launchChromium, newPage, requireBuiltRenderer, screenshot, UI_WAIT } from '../../support/browser.ts';
import { useSharedDemoBed, type DemoBed } from '../../support/demoBed.ts';
import { waitFor } from '../../support/waitFor.ts';

const ids = testIds;
const ETL_CLASS = 6;
/** In every statement we start, so the filter finds exactly ours. */
const MARKER = 'oncall_fill_marker';
/** Long enough to outlast the file; the sessions are ended in afterAll. */
const FILL = `SELECT pg_sleep(900) AS ${MARKER}`;
const CLIENTS = 5;
const SLOTS = 3;
const HOOK = 300_000;

describe('on-call views: overview, live activity, WLM pressure', { timeout: 240_000 }, () => {
  let bed: DemoBed;
  let browser: Browser;
  let page: Page;
  const fillers: pg.Client[] = [];

  beforeAll(async () => {
    requireBuiltRenderer();
    [bed, browser] = await Promise.all([useSharedDemoBed(), launchChromium()]);
    // Fill etl_nightly: 3 run, 2 wait for a slot (routed by query_group nightly_*).
    for (let i = 0; i < CLIENTS; i++) {
      const client = await bed.openClient('etl_user');
      await client.query("SET query_group TO 'nightly_fill'");
      client.query(FILL).catch(() => undefined);
      fillers.push(client);
    }
    page = await newPage(browser, { viewport: { width: 1360, height: 820 } });
  }, HOOK);

  afterAll(async () => {
    // Ending the sessions cancels the sleeping statements.
    await Promise.all(fillers.map((c) => c.end().catch(() => undefined)));
    await browser?.close();
    await bed?.stop();
  }, HOOK);

  const ours = () => page.getByTestId(ids.live.row).filter({ hasText: MARKER });

  it('live activity: the filled queue shows our statements queued in etl_nightly', async () => {
    await page.goto(`${bed.server.url}#/live`);
    await page.getByTestId(ids.live.page).waitFor();
    await expect.poll(() => ours().count(), UI_WAIT).toBe(CLIENTS);
    // At least 2 of ours wait (more when the double's own nightly work holds a slot too).
    await expect
      .poll(() => ours().and(page.locator('[data-queued="true"]')).count(), UI_WAIT)
      .toBeGreaterThanOrEqual(CLIENTS - SLOTS);
    expect(await ours().and(page.locator('[data-queued="false"]')).count()).toBeLessThanOrEqual(SLOTS);
    const queued = ours().and(page.locator('[data-queued="true"]'));
    for (const row of await queued.all()) {
      expect(await row.getByTestId(ids.live.cellQueue).textContent()).toContain('etl_nightly');
      expect(await row.getByTestId(ids.live.cellState).textContent()).toMatch(/^Queued/);
      expect(await row.getByTestId(ids.live.cellUser).textContent()).toBe('etl_user');
    }
    // The label comes from STV_INFLIGHT, which holds only executing statements (REFERENCE 1.11).
    for (const row of await ours().and(page.locator('[data-queued="false"]')).all()) {
      expect(await row.getByTestId(ids.live.cellLabel).textContent()).toBe('nightly_fill');
    }
    expect(await page.getByTestId(ids.live.polled).textContent()).toMatch(/^Last polled \d+ s ago$/);
    expect(await page.getByTestId(ids.live.polled).getAttribute('data-stale')).toBe('false');
    // Our sessions are listed below, with their current statement.
    const sessionPids = await ours().getByTestId(ids.live.cellPid).allTextContents();
    for (const pid of sessionPids) {
      await page
        .getByTestId(ids.live.sessionRow)
        .and(page.locator(`[data-pid="${pid}"]`))
        .waitFor();
    }
  });

  it('live activity: filters and sorting change the rows', async () => {
    const all = await page.getByTestId(ids.live.row).count();
    expect(all).toBeGreaterThanOrEqual(CLIENTS);

    await page.getByTestId(ids.live.filterText).fill(MARKER);
    await expect.poll(() => page.getByTestId(ids.live.row).count(), UI_WAIT).toBe(CLIENTS);
    for (const text of await page.getByTestId(ids.live.cellText).allTextContents())
      expect(text).toContain(MARKER);

    const states = async () =>
      page.getByTestId(ids.live.row).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-queued')));
    await page.getByTestId(ids.live.filterState).selectOption('queued');
    await expect
      .poll(states, UI_WAIT)
      .toSatisfy((s: (string | null)[]) => s.length >= CLIENTS - SLOTS && s.every((q) => q === 'true'));
    await page.getByTestId(ids.live.filterState).selectOption('running');
    await expect
      .poll(states, UI_WAIT)
      .toSatisfy((s: (string | null)[]) => s.length <= SLOTS && s.every((q) => q === 'false'));
    await page.getByTestId(ids.live.filterState).selectOption('all');
    await page.getByTestId(ids.live.filterQueue).selectOption(String(ETL_CLASS));
    await expect.poll(() => page.getByTestId(ids.live.row).count(), UI_WAIT).toBe(CLIENTS);
    await page.getByTestId(ids.live.filterText).fill('no statement says this');
    await expect.poll(() => page.getByTestId(ids.live.row).count(), UI_WAIT).toBe(0);
    expect(await page.getByTestId(ids.live.empty).textContent()).toBe('No statement matches the filters.');
    await page.getByTestId(ids.live.filterText).fill(MARKER);

    // Sort by PID: first click largest first, second click smallest first.
    const pids = async () => (await page.getByTestId(ids.live.cellPid).allTextContents()).map(Number);
    const pidHeader = page.getByTestId(ids.live.sortHeader).and(page.locator('[data-sort-key="pid"]'));
    await pidHeader.click();
    const desc = await pids();
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await pidHeader.click();
    const asc = await pids();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc).not.toEqual(desc);
    // Sort by state: the queued ones together.
    await page.getByTestId(ids.live.sortHeader).and(page.locator('[data-sort-key="state"]')).click();
    const words = await page.getByTestId(ids.live.cellState).allTextContents();
    expect(words).toEqual([...words].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));

    await page.getByTestId(ids.live.filterText).fill('');
    await page.getByTestId(ids.live.filterQueue).selectOption('');
    await expect.poll(() => page.getByTestId(ids.live.row).count(), UI_WAIT).toBeGreaterThanOrEqual(CLIENTS);
  });

  it('live activity: a refresh keeps the selected row selected and the scroll position', async () => {
    // A short window, so the page scrolls; only our statements, so no row comes or goes above the
    // reader (the double's own work does, and the browser's scroll anchoring then moves the page).
    await page.setViewportSize({ width: 1360, height: 360 });
    await page.getByTestId(ids.live.filterText).fill(MARKER);
    await expect.poll(() => page.getByTestId(ids.live.row).count(), UI_WAIT).toBe(CLIENTS);
    const row = ours().and(page.locator('[data-queued="true"]')).last();
    const query = await row.getAttribute('data-query');
    expect(query).not.toBeNull();
    await row.click();
    const panel = page.getByTestId(ids.live.panel);
    await panel.and(page.locator(`[data-query="${query}"]`)).waitFor();
    await expect.poll(() => panel.getByTestId(ids.live.panelText).textContent(), UI_WAIT).toContain(MARKER);

    const selectedRow = page.locator(`[data-testid="${ids.live.row}"][data-query="${query}"]`);
    // Tag the row's DOM node: the same node after the refresh means it was updated in place.
    await selectedRow.evaluate((el) => el.setAttribute('data-tagged', 'before-refresh'));
    await selectedRow.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const scroller = page.locator('main.content');
    const before = await scroller.evaluate((el) => el.scrollTop);
    expect(before).toBeGreaterThan(50);
    const rowTop = async () => selectedRow.evaluate((el) => el.getBoundingClientRect().top);
    const topBefore = await rowTop();

    let answers = 0;
    page.on('response', (r) => {
      if (r.url().includes('/api/live.get')) answers++;
    });
    // Both kinds of refresh: the toolbar's Refresh (read at once), then the page's own 5 s timer. The
    // click is dispatched: Playwright's click would first scroll the toolbar into view, which is the
    // reader scrolling, not the refresh.
    await page.getByTestId(ids.viewToolbar.refresh).dispatchEvent('click');
    await expect.poll(() => answers, { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    // Let React commit the second answer.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

    expect(await scroller.evaluate((el) => el.scrollTop)).toBeCloseTo(before, 0);
    expect(await rowTop()).toBeCloseTo(topBefore, 0);
    expect(await selectedRow.getAttribute('aria-selected')).toBe('true');
    expect(await selectedRow.getAttribute('data-tagged')).toBe('before-refresh');
    expect(await page.locator('[data-testid="live-row"][aria-selected="true"]').count()).toBe(1);
    expect(await panel.getAttribute('data-query')).toBe(query);
    await page.getByTestId(ids.live.filterText).fill('');
    await page.setViewportSize({ width: 1360, height: 820 });
  });

  it('overview: the queue tile says statements are queued, and every tile opens its view', async () => {
    await page.goto(`${bed.server.url}#/overview`);
    await page.getByTestId(ids.overview.page).waitFor();
    const etl = page
      .getByTestId(ids.overview.queueRow)
      .and(page.locator(`[data-service-class="${ETL_CLASS}"]`));
    await expect
      .poll(async () => Number(await etl.getAttribute('data-queued')), UI_WAIT)
      .toBeGreaterThanOrEqual(1);
    expect(await etl.getAttribute('data-full')).toBe('true');
    expect(await etl.textContent()).toContain('etl_nightly');
    expect(
      Number((await page.getByTestId(ids.overview.queuedTotal).textContent())?.split(' ')[0]),
    ).toBeGreaterThanOrEqual(1);
    // CloudWatch tiles show a value and a trend on the demo (it has an AWS stand-in).
    await expect.poll(() => page.getByTestId(ids.overview.metric).count(), UI_WAIT).toBe(3);
    await expect.poll(() => page.getByTestId(ids.charts.sparkline).count(), UI_WAIT).toBe(3);
    await page
      .getByTestId(ids.overview.collector)
      .getByText(/^Connected/)
      .waitFor();

    const pageOf: Record<string, string> = {
      live: ids.live.page,
      wlm: ids.pressure.page,
      slow: ids.slow.page,
      connections: ids.connections.page,
      batches: ids.batches.page,
    };
    const links = page.getByTestId(ids.overview.tileLink);
    const count = await links.count();
    expect(count).toBeGreaterThanOrEqual(8);
    const targets = new Set<string>();
    for (let i = 0; i < count; i++) {
      const link = page.getByTestId(ids.overview.tileLink).nth(i);
      const target = await link.getAttribute('data-target');
      expect(target).not.toBeNull();
      targets.add(target as string);
      expect(await link.getAttribute('href')).toMatch(new RegExp(`^#/${target}\\?`));
      await link.click();
      await page.getByTestId(pageOf[target as string] as string).waitFor();
      expect(new URL(page.url()).hash).toMatch(new RegExp(`^#/${target}\\?c=`));
      await page.goBack();
      await page.getByTestId(ids.overview.page).waitFor();
      await page
        .getByTestId(ids.overview.tileLink)
        .nth(count - 1)
        .waitFor();
    }
    expect([...targets].sort()).toEqual(['batches', 'connections', 'live', 'slow', 'wlm']);
    // A slow query opens its detail.
    const slowLink = page.getByTestId(ids.overview.slowRow).first().locator('a');
    if ((await page.getByTestId(ids.overview.slowRow).count()) > 0) {
      expect(await slowLink.getAttribute('href')).toMatch(/^#\/query\?.*q=\d+/);
    }
  });

  it('WLM pressure: etl_nightly shows queued statements once the collector has sampled them', async () => {
    // First the collector's wlm_state poll must have seen the queue full (read through the API).
    await expect
      .poll(async () => {
        const now = Date.now();
        const res = (await bed.server.call('wlm.pressure', {
          connectionId: bed.connectionId,
          from: new Date(now - 3_600_000).toISOString(),
          to: new Date(now).toISOString(),
          maxPoints: 120,
        })) as { body: { result?: WlmPressure } };
        const etl = res.body.result?.queues.find((q) => q.serviceClass === ETL_CLASS);
        return Math.max(0, ...(etl?.points.map((p) => p.queued ?? 0) ?? []));
      }, UI_WAIT)
      .toBeGreaterThanOrEqual(1);

    await page.goto(`${bed.server.url}#/wlm?range=1h`);
    const card = page
      .getByTestId(ids.pressure.queue)
      .and(page.locator(`[data-service-class="${ETL_CLASS}"]`));
    await card.waitFor();
    await expect
      .poll(async () => Number(await card.getAttribute('data-peak-queued')), UI_WAIT)
      .toBeGreaterThanOrEqual(1);
    expect(Number(await card.getByTestId(ids.pressure.peakQueued).textContent())).toBeGreaterThanOrEqual(1);
    await card.getByTestId(ids.pressure.slotsChart).and(page.locator('[data-state="drawn"]')).waitFor();
    await card.getByTestId(ids.pressure.waitChart).waitFor();
    // The hourly high-water table says so too.
    await card.getByTestId(ids.pressure.highWater).locator('summary').click();
    const hot = card.getByTestId(ids.pressure.highWaterRow).and(page.locator(':not([data-queued="0"])'));
    expect(await hot.count()).toBeGreaterThanOrEqual(1);
    // The configuration table lists the queue with its 3 slots and its query groups.
    const cfg = page
      .getByTestId(ids.pressure.configRow)
      .and(page.locator(`[data-service-class="${ETL_CLASS}"]`));
    expect(await cfg.textContent()).toContain('etl_nightly');
    expect(await cfg.textContent()).toContain('nightly_*');
  });

  it('WLM pressure: dragging across a chart zooms the range', async () => {
    await page.goto(`${bed.server.url}#/wlm?range=6h`);
    const chart = page
      .getByTestId(ids.pressure.queue)
      .and(page.locator(`[data-service-class="${ETL_CLASS}"]`))
      .getByTestId(ids.pressure.slotsChart);
    await chart.and(page.locator('[data-state="drawn"]')).waitFor();
    const box = await chart.boundingBox();
    expect(box).not.toBeNull();
    const b = box as { x: number; y: number; width: number; height: number };
    await page.mouse.move(b.x + b.width * 0.3, b.y + b.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * 0.6, b.y + b.height * 0.5, { steps: 5 });
    await page.mouse.up();
    // The range is now the dragged window: the toolbar shows it, with a way back.
    await page.getByTestId(ids.viewToolbar.rangeWindow).waitFor();
    await page.getByTestId(ids.viewToolbar.rangeBack).click();
    await page.getByTestId(ids.viewToolbar.rangeWindow).waitFor({ state: 'detached' });
  });

  it('screenshots: overview, live, pressure in light and dark', async () => {
    await page.setViewportSize({ width: 1360, height: 900 });
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') await page.getByTestId(ids.app.themeToggle).click();
      await page.goto(`${bed.server.url}#/overview`);
      await page.getByTestId(ids.overview.queueRow).first().waitFor();
      await expect.poll(() => page.getByTestId(ids.charts.sparkline).count(), UI_WAIT).toBe(3);
      await screenshot(page, `oncall-overview-${theme}`);

      await page.goto(`${bed.server.url}#/live`);
      await expect.poll(() => ours().count(), UI_WAIT).toBe(CLIENTS);
      await ours().and(page.locator('[data-queued="true"]')).first().click();
      await page.getByTestId(ids.live.panel).waitFor();
      await screenshot(page, `oncall-live-${theme}`);

      await page.goto(`${bed.server.url}#/wlm?range=24h`);
      await page.getByTestId(ids.pressure.queue).first().waitFor();
      await page
        .getByTestId(ids.pressure.slotsChart)
        .and(page.locator('[data-state="drawn"]'))
        .first()
        .waitFor();
      await screenshot(page, `oncall-pressure-${theme}`);
    }
  });

  it('opens a running statement from live activity, shows it live, then as stored once it ended', async () => {
    // With the demo's own sleeps too (hidden from lists by default).
    const liveEtl = async (): Promise<LiveStatement[]> => {
      const { body } = await bed.server.call('live.get', {
        connectionId: bed.connectionId,
        showHidden: true,
      });
      const snapshot = (body as { result?: LiveSnapshot }).result;
      return snapshot?.statements.filter((s) => s.serviceClass === ETL_CLASS) ?? [];
    };
    const isOurs = (s: LiveStatement) => s.textPreview?.includes(MARKER) === true;
    const oursLive = async () => (await liveEtl()).filter(isOurs);
    // Ours queue behind the double's own ETL statements (pg_sleep of 60-240 s, startLiveWorkload.ts).
    // As the on-call engineer would, make room: cancel those holding etl_nightly's slots (the double's
    // workers take a cancel and queue their next statement, behind ours: the queue is first come,
    // first served).
    const statements = await waitFor(
      async () => {
        const etl = await liveEtl();
        const ours = etl.filter(isOurs);
        if (!ours.some((s) => !s.queued))
          for (const hog of etl.filter((s) => !s.queued && !isOurs(s) && s.pid !== null))
            await bed.asUser('etl_user', (c) => c.query('SELECT pg_cancel_backend($1)', [hog.pid]));
        return ours;
      },
      (s) => s.some((x) => !x.queued) && s.some((x) => x.queued),
      { what: 'ours running and queued in etl_nightly', timeoutMs: 480_000 },
    );
    const running = statements.find((s) => !s.queued)!;

    await page.goto(`${bed.server.url}#/live`);
    await page
      .getByTestId(ids.live.row)
      .and(page.locator(`[data-query="${running.query}"]`))
      .click();
    await page.getByTestId(ids.liveDetail.open).click();
    await page.getByTestId(ids.queryDetail.page).waitFor();
    expect(page.url()).toContain(`q=${running.query}`);

    // Live: its state, its text from the cluster, and ours that wait behind it now.
    const live = page.getByTestId(ids.liveDetail.root);
    await live.waitFor({ timeout: 60_000 });
    expect(await live.getAttribute('data-state')).toMatch(/Running|Returning/);
    await expect.poll(() => live.getByTestId(ids.liveDetail.text).textContent(), UI_WAIT).toContain(MARKER);
    expect(await live.getByTestId(ids.liveDetail.timing).textContent()).toMatch(/Executing so far/);
    const queuedOfOurs = (await oursLive()).filter((s) => s.queued).map((s) => String(s.query));
    expect(queuedOfOurs.length).toBeGreaterThan(0);
    await expect
      .poll(
        () =>
          page
            .getByTestId(ids.liveDetail.waitingRow)
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-query'))),
        UI_WAIT,
      )
      .toEqual(expect.arrayContaining(queuedOfOurs));
    expect(await page.getByTestId(ids.queryDetail.error).count()).toBe(0);
    await screenshot(page, 'live-detail-running-dark');

    // It ends (cancelled): the same page becomes the stored detail.
    await bed.asUser('etl_user', (c) => c.query('SELECT pg_cancel_backend($1)', [running.pid]));
    await page.getByTestId(ids.queryDetail.facts).waitFor({ timeout: 240_000 });
    expect(await page.getByTestId(ids.liveDetail.root).count()).toBe(0);
    expect(await page.getByTestId(ids.queryDetail.text).textContent()).toContain(MARKER);
    await page.getByTestId(ids.queryDetail.aborted).waitFor({ timeout: 30_000 });
    await screenshot(page, 'live-detail-ended-dark');
  }, 900_000);
});

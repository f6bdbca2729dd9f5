// The batch views beyond one night, in real Chromium against door 2 on the shared demo bed (the
// Redshift double on PostgreSQL, scenarios in electron/demo/workload/scenarios.ts): two nights side by
// side, per-job drift with a job's SLA set in the form, the month-start view with its forecast, and a
// night's timeline marks (the QMR abort). Each view is opened by its stable URL; hostile strings in the
// URL render as text. Needs the built renderer. Screenshots (light and dark) land in
// test-artifacts/screenshots/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BatchCompare,
  BatchJobDrift,
  BatchMarks,
  BatchMonthStart,
} from '../../shared/model/batchViews.ts';
import type { BatchNight } from '../../shared/model/batch.ts';
import { testIds } from '../../shared/testIds.ts';
import { HOSTILE_STRINGS } from '../../electron/demo/workload/hostileStrings.ts';
import { SCENARIOS, scenarioCalendar } from '../../electron/demo/workload/scenarios.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { DEMO_NIGHTS, useSharedDemoBed, type DemoBed } from '../support/demoBed.ts';
import { waitFor } from '../support/waitFor.ts';

const ids = testIds.batches;

describe('Batch views (door 2, demo bed)', { timeout: 600_000 }, () => {
  let bed: DemoBed;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const calendar = scenarioCalendar(new Date(), DEMO_NIGHTS);
  const chosen = calendar.regression.date;

  async function api<T>(method: string, args: Record<string, unknown>): Promise<T> {
    const r = await bed.server.call(method, { connectionId: bed.connectionId, ...args });
    return (r.body as { result: T }).result;
  }

  async function shoot(name: string): Promise<void> {
    await screenshot(page, `${name}-light`);
    await page.getByTestId(testIds.app.themeToggle).click();
    await screenshot(page, `${name}-dark`);
    await page.getByTestId(testIds.app.themeToggle).click();
  }

  beforeAll(async () => {
    [bed, browser] = await Promise.all([useSharedDemoBed(), launchChromium()]);
    // The nights are there once the backfill reached past the regression night.
    await waitFor(
      () => api<BatchNight>('batches.night', { night: chosen }),
      (n) =>
        n !== undefined && n.jobs.some((j) => j.label === SCENARIOS.regression.label) && n.finish !== null,
      { what: 'the regression night in the batch rollups', timeoutMs: 300_000 },
    );
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1600 },
      colorScheme: 'light',
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => void d.dismiss());
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await bed?.stop();
  }, 60_000);

  it('puts two nights side by side from the URL, the jobs that moved the finish first', async () => {
    const other = calendar.qmrAbort.date;
    const c = await api<BatchCompare>('batches.compare', { night: chosen, other });
    await page.goto(`${bed.server.url}#/batch-compare?night=${chosen}&other=${other}`);
    await page.getByTestId(ids.compareSummary).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId(ids.compareSummary).textContent()).toBe(c.summary);
    expect(await page.getByTestId(ids.compareNight).inputValue()).toBe(chosen);
    expect(await page.getByTestId(ids.compareOther).inputValue()).toBe(other);
    await expect.poll(() => page.getByTestId(ids.compareRow).count()).toBe(c.jobs.length);
    const shown = await page
      .getByTestId(ids.compareRow)
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-label')));
    expect(shown).toEqual(c.jobs.map((j) => j.label));
    await shoot('batch-compare');
    // Picking another night changes the URL (a stable link to the comparison).
    const third = c.nights.find((n) => n !== chosen && n !== other)!;
    await page.getByTestId(ids.compareOther).selectOption(third);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain(`other=${third}`);
  });

  it("lists jobs by share of growth and sets a job's SLA in its detail (audited)", async () => {
    const label = SCENARIOS.regression.label;
    await page.goto(`${bed.server.url}#/batch-jobs?nights=28&job=${label}`);
    await page.locator(`[data-testid="${ids.jobChart}"][data-state="drawn"]`).waitFor({ timeout: 60_000 });
    const d = await api<BatchJobDrift>('batches.jobDrift', { nights: 28, label });
    expect(await page.getByTestId(ids.jobsSummary).textContent()).toBe(d.summary);
    const rows = await page
      .getByTestId(ids.jobDriftRow)
      .evaluateAll((r) => r.map((x) => x.getAttribute('data-label')));
    expect(rows).toEqual(d.jobs.map((j) => j.label));
    expect(await page.getByTestId(ids.jobDetail).getAttribute('data-label')).toBe(label);
    try {
      await page.getByTestId(ids.jobSla).fill('05:30');
      await page.getByTestId(ids.jobSlaSave).click();
      await expect
        .poll(() => page.getByTestId(ids.jobSlaMessage).textContent(), { timeout: 60_000 })
        .toMatch(/^Saved/);
      await expect
        .poll(() => page.getByTestId(ids.jobSummary).textContent(), { timeout: 60_000 })
        .toContain('past its 05:30 SLA on');
      await page.locator(`[data-testid="${ids.jobEndChart}"][data-state="drawn"]`).waitFor();
      await shoot('batch-jobs');
    } finally {
      await bed.server.call('batches.setJobSla', { connectionId: bed.connectionId, label, sla: null });
    }
  });

  it('shows the month-start lines by day of month, the month table and the forecast in words', async () => {
    const m = await api<BatchMonthStart>('batches.monthStart', { months: 4 });
    await page.goto(`${bed.server.url}#/batch-month?months=4&metric=statements`);
    await page.locator(`[data-testid="${ids.monthChart}"][data-state="drawn"]`).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId(ids.monthMetric).inputValue()).toBe('statements');
    expect(await page.getByTestId(ids.monthForecast).textContent()).toBe(m.forecast!.verdict);
    await expect.poll(() => page.getByTestId(ids.monthRow).count()).toBe(4);
    // This month holds the manifest's month-start nights: its days 1-3 against the rest shows.
    const current = m.months[0]!;
    expect(current.ratios.statements).not.toBeNull();
    const row = page.locator(`[data-testid="${ids.monthRow}"][data-month="${current.month}"]`);
    expect(await row.textContent()).toContain(`×${current.ratios.statements!.toFixed(1)}`);
    for (const job of SCENARIOS.monthStart.jobs) expect(await row.textContent()).toContain(job);
    await shoot('batch-month');
  });

  it("shows on the overview's batch tile the job that moved last night's finish, linking to its drift", async () => {
    const [night, c] = await Promise.all([
      api<BatchNight>('batches.night', {}),
      api<BatchCompare>('batches.compare', {}),
    ]);
    const expected =
      night.movers[0] ??
      c.jobs.find((j) => j.presence === 'both' && (j.durationDeltaMs ?? 0) > 60_000)?.label;
    await page.goto(`${bed.server.url}#/overview`);
    await page.getByTestId(ids.tile).waitFor({ timeout: 60_000 });
    if (expected === undefined) return;
    const mover = page.getByTestId(ids.tileMover);
    await mover.waitFor({ timeout: 60_000 });
    const link = mover.locator('a');
    expect(await link.textContent()).toBe(expected);
    expect(await link.getAttribute('href')).toContain('#/batch-jobs');
    await link.click();
    await page.getByTestId(ids.jobDetail).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId(ids.jobDetail).getAttribute('data-label')).toBe(expected);
  });

  it('marks the QMR abort on its night and renders hostile URL parameters as text', async () => {
    const night = calendar.qmrAbort.date;
    const marks = await api<BatchMarks>('batches.marks', { night });
    expect(marks.marks.some((x) => x.kind === 'qmr')).toBe(true);
    await page.goto(`${bed.server.url}#/batches?night=${night}`);
    await page.getByTestId(ids.marks).waitFor({ timeout: 60_000 });
    await page.getByTestId(ids.marks).locator('summary').click();
    await expect.poll(() => page.getByTestId(ids.mark).count()).toBe(marks.marks.length);
    const qmr = page.locator(`[data-testid="${ids.mark}"][data-kind="qmr"]`).first();
    expect(await qmr.textContent()).toContain(SCENARIOS.qmrAbort.action);
    await shoot('batches-marks');

    const hostile = HOSTILE_STRINGS.find((h) => h.value.includes('<'))!.value;
    const q = encodeURIComponent(hostile);
    for (const url of [
      `#/batch-jobs?nights=28&job=${q}`,
      `#/batch-compare?night=${q}&other=${q}`,
      `#/batch-month?months=${q}&metric=${q}`,
    ]) {
      await page.goto(`${bed.server.url}${url}`);
      await page
        .locator(
          `[data-testid="${ids.jobsPage}"], [data-testid="${ids.comparePage}"], [data-testid="${ids.monthPage}"]`,
        )
        .waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(
      await page
        .locator('body img[onerror], body svg[onload], body iframe, body [onerror], body [onload]')
        .count(),
    ).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

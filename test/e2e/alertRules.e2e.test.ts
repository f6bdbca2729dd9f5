// The alerts page's rules, replay and exemptions (issue #12) in real Chromium against door 2 on the
// shared demo bed: a threshold edited and not yet saved is replayed beside the rules in force ("with
// these"), then saved with who and why as version 1, its versions listed; an exemption with a hostile
// reason is added, shown as text, and ended. A long replay shows its progress while it runs in the
// core's worker thread, and the user cancels it. Needs the built renderer (`npx vite build`).
// (It writes only alert rule and exemption rows, on the queue-wait rule and a feed no other e2e file
// judges: the shared bed is fine.)
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testIds } from '../../shared/testIds.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { useSharedDemoBed, type DemoBed } from '../support/demoBed.ts';

const ids = testIds.alerts;
const HOSTILE = '<img src=x onerror="window.__pwned=1"> supplier resends';

describe('alert rules, replay and exemptions (door 2, demo bed)', { timeout: 900_000 }, () => {
  let bed: DemoBed;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [bed, browser] = await Promise.all([useSharedDemoBed(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await bed?.stop();
  }, 60_000);

  it('replays an edited rule beside the rules in force, then saves it as a version', async () => {
    await page.goto(`${bed.server.url}#/alerts?c=${encodeURIComponent(bed.connectionId)}`);
    const rule = page.locator(`[data-testid="${ids.rule}"][data-rule="queue-wait"]`);
    await rule.waitFor({ timeout: 120_000 });
    expect(await rule.getAttribute('data-version')).toBe('0');
    await rule.getByLabel('Queue wait p95: threshold').fill('60');

    const replay = page.getByTestId(ids.replay);
    await replay.getByLabel('Nights to replay').fill('3');
    await replay.getByTestId(ids.replayEdited).click();
    const summary = replay.getByTestId(ids.replaySummary);
    await summary.waitFor({ timeout: 300_000 });
    expect(await summary.textContent()).toMatch(
      /^Last 3 nights: \d+ pages? and \d+ digest items? with the current rules, \d+ pages? and \d+ digest items? with these\./,
    );
    expect(await replay.getByTestId(ids.replayNight).count()).toBeGreaterThan(0);

    await rule.getByLabel('Queue wait p95: your name').fill('dana');
    await rule.getByLabel('Queue wait p95: why').fill('etl_nightly always waits at month start');
    await rule.getByTestId(ids.ruleSave).click();
    await expect.poll(() => rule.getAttribute('data-version'), { timeout: 60_000 }).toBe('1');
    await rule.getByTestId(ids.ruleHistoryButton).click();
    await expect
      .poll(() => rule.getByTestId(ids.ruleVersion).allTextContents(), { timeout: 60_000 })
      .toEqual([expect.stringMatching(/^v1 by dana at .*: threshold 15 -> 60 \(etl_nightly always waits/)]);
  });

  it('adds an exemption with its reason shown as text, and ends it', async () => {
    const form = page.getByTestId(ids.exemptionForm);
    await form.getByLabel('Exempt a').selectOption('feed');
    await form.getByLabel('Name').fill('ad_impressions');
    await form.getByLabel('Until').fill('2099-01-01T00:00');
    await form.getByLabel('Exemption author').fill('dana');
    await form.getByLabel('Reason').fill(HOSTILE);
    await form.getByRole('button', { name: 'Add' }).click();
    const row = page.getByTestId(ids.exemption).first();
    // The end is too far: refused in words, nothing added.
    await expect
      .poll(() => page.getByTestId(ids.exemptions).textContent(), { timeout: 60_000 })
      .toContain('An exemption lasts at most 366 days');
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16);
    await form.getByLabel('Until').fill(inAWeek);
    await form.getByRole('button', { name: 'Add' }).click();
    await row.waitFor({ timeout: 60_000 });
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain(`dana: ${HOSTILE}`);
    expect(await row.getAttribute('data-active')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await screenshot(page, 'alert-rules');
    await row.getByTestId(ids.exemptionEnd).click();
    await expect.poll(() => row.getAttribute('data-active'), { timeout: 60_000 }).toBe('false');
    expect(await row.textContent()).toContain('ended by dana');
  });

  it("shows a long replay's progress and cancels it", async () => {
    const replay = page.getByTestId(ids.replay);
    await replay.getByLabel('Nights to replay').fill('90');
    await replay.getByTestId(ids.replayRun).click();
    const progress = replay.getByTestId(ids.replayProgress);
    await expect
      .poll(async () => Number(await progress.getAttribute('value')), { timeout: 120_000 })
      .toBeGreaterThan(0);
    expect(await replay.textContent()).toMatch(/Replaying… \d+ %/);
    await replay.getByTestId(ids.replayCancel).click();
    await expect
      .poll(() => replay.getByRole('alert').textContent(), { timeout: 60_000 })
      .toContain('The replay was cancelled.');
    expect(await progress.count()).toBe(0);
    expect(await replay.getByTestId(ids.replayRun).isEnabled()).toBe(true);
  });
});

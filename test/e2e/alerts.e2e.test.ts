// The alerts page (issue #12) in real Chromium against door 2 on the shared demo bed: the alert service
// runs inside `serve` after the collector's passes, so the double's planted regression
// (SCENARIOS.regression: the royalty calculation ~8× slower since two nights ago) must show as an open
// "newly slow" incident, linked to the query it explains, and in what the next 10:00 digest holds. An
// acknowledgement whose note is hostile markup is shown as text and never runs. The default rules are
// conservative: nothing on the demo is critical. Needs the built renderer (`npx vite build`).
// (Acknowledging writes only the alert tables, which no other e2e file reads: the shared bed is fine.)
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../electron/demo/workload/scenarios.ts';
import type { AlertIncident } from '../../shared/model/alert.ts';
import { testIds } from '../../shared/testIds.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { useSharedDemoBed, type DemoBed } from '../support/demoBed.ts';
import { waitFor } from '../support/waitFor.ts';

const ids = testIds.alerts;
const HOSTILE_NOTE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> & done';

describe('alerts page (door 2, demo bed)', { timeout: 900_000 }, () => {
  let bed: DemoBed;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [bed, browser] = await Promise.all([useSharedDemoBed(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await bed?.stop();
  }, 60_000);

  it('shows the planted regression as a newly slow incident, in the next digest, and acknowledges it as text', async () => {
    const incidents = async () => {
      const r = await bed.server.call('alerts.incidents', { connectionId: bed.connectionId, state: 'open' });
      return (r.body as { result?: AlertIncident[] }).result ?? [];
    };
    const open = await waitFor(
      incidents,
      (list) =>
        list.some((i) => i.ruleId === 'newly-slow' && i.message.includes(SCENARIOS.regression.textPrefix)),
      { what: 'the regression as an open newly-slow incident', timeoutMs: 420_000, intervalMs: 1000 },
    );
    // Conservative defaults: nothing on the demo pages.
    expect(open.filter((i) => i.severity === 'critical')).toEqual([]);
    const regression = open.find((i) => i.message.includes(SCENARIOS.regression.textPrefix))!;

    await page.goto(`${bed.server.url}#/alerts?c=${encodeURIComponent(bed.connectionId)}`);
    const item = page.locator(`[data-testid="${ids.incident}"][data-id="${regression.id}"]`);
    await item.waitFor({ timeout: 60_000 });
    expect(await item.getAttribute('data-severity')).toBe('warning');
    expect(await item.getByTestId(ids.message).textContent()).toBe(regression.message);
    expect(await item.getByTestId(ids.explain).getAttribute('href')).toBe(regression.link);
    expect(regression.link).toMatch(/^#\/query\?c=.+&q=\d+$/);

    const digestLines = page.getByTestId(ids.digestLine);
    await expect
      .poll(() => digestLines.allTextContents(), { timeout: 60_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(SCENARIOS.regression.textPrefix)]));
    expect(await page.getByTestId(ids.digestSendsAt).textContent()).toMatch(/goes out/);

    await item.getByTestId(ids.ackBy).fill('on-call');
    await item.getByTestId(ids.ackNote).fill(HOSTILE_NOTE);
    await item.getByTestId(ids.ackButton).click();
    const done = item.getByTestId(ids.ackDone);
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain(`: ${HOSTILE_NOTE}`);
    expect(await item.getAttribute('data-acknowledged')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0);
    await screenshot(page, 'alerts-page');

    // The acknowledgement is on the record.
    const audit = await bed.server.call('audit.list', { action: 'alerts.acknowledge', limit: 5 });
    expect(JSON.stringify(audit.body)).toContain('on-call');
  });
});

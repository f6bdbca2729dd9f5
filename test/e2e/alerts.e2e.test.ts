// The alerts page (issue #12) in real Chromium against door 2 on the shared demo bed: the alert service
// runs inside `serve` after the collector's passes, so the double's planted regression
// (SCENARIOS.regression: the royalty calculation ~8× slower since two nights ago) must show as an open
// "newly slow" incident, linked to the query it explains, and in what the next 10:00 digest holds. An
// acknowledgement whose note is hostile markup is shown as text and never runs. The default rules are
// conservative: nothing on the demo is critical. Needs the built renderer (`npx vite build`).
// (Acknowledging writes only the alert tables, which no other e2e file reads: the shared bed is fine.)
// Door 2's desktop notification: with the permission granted, the newly slow rule made critical for the
// demo connection pages for the regression at the next pass, and the page pops up as the browser's
// Notification (spied on in the page); the rule is put back to its defaults afterwards.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../electron/demo/workload/scenarios.ts';
import type { AlertIncident } from '../../shared/model/alert.ts';
import type { AlertRuleInfo } from '../../shared/model/alertRule.ts';
import type { Connection } from '../../shared/model/connection.ts';
import { testIds } from '../../shared/testIds.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { useSharedDemoBed, type DemoBed } from '../support/demoBed.ts';
import { waitFor, waitForValue } from '../support/waitFor.ts';

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

  it('shows a critical page as a desktop notification on door 2 when the user allowed them', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const origin = new URL(bed.server.url).origin;
    await context.grantPermissions(['notifications'], { origin });
    // Every notification the page constructs is recorded (title, body, tag) before Chromium shows it.
    await context.addInitScript(() => {
      const w = window as unknown as { __notifications: { title: string; body: string; tag: string }[] };
      w.__notifications = [];
      const Real = window.Notification;
      window.Notification = class extends Real {
        constructor(title: string, options?: NotificationOptions) {
          w.__notifications.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
          super(title, options);
        }
      };
    });
    const notifyPage = await context.newPage();
    const call = async <T>(method: string, args: unknown): Promise<T> =>
      ((await bed.server.call(method, args)).body as { result: T }).result;
    const rule = (await call<AlertRuleInfo[]>('alerts.rules', { connectionId: bed.connectionId })).find(
      (r) => r.ruleId === 'newly-slow',
    )!;
    try {
      await notifyPage.goto(`${bed.server.url}#/alerts?c=${encodeURIComponent(bed.connectionId)}`);
      const state = notifyPage.getByTestId(testIds.alertChannels.notifyState);
      await state.waitFor({ timeout: 60_000 });
      expect(await state.getAttribute('data-permission')).toBe('granted');
      expect(await state.textContent()).toBe('Desktop notifications are on for critical pages.');

      // "Page me for newly slow statements" on this connection: the open regression pages at the next pass.
      const saved = await bed.server.call('alerts.saveRule', {
        connectionId: bed.connectionId,
        ruleId: 'newly-slow',
        settings: { ...rule.settings, severity: 'critical' },
        author: 'e2e',
        note: 'page for newly slow statements',
      });
      expect(saved.status).toBe(200);
      const shown = await waitForValue(
        async () => {
          const list = await notifyPage.evaluate(
            () =>
              (window as unknown as { __notifications: { title: string; body: string; tag: string }[] })
                .__notifications,
          );
          return list.find((n) => n.body.includes(SCENARIOS.regression.textPrefix)) ?? null;
        },
        { what: 'the critical page as a desktop notification', timeoutMs: 300_000, intervalMs: 1000 },
      );
      const name = (await call<Connection[]>('connections.list', {})).find(
        (c) => c.id === bed.connectionId,
      )?.name;
      expect(shown.title).toBe(`Nightshift: critical on ${name ?? bed.connectionId}`);
      const paged = (
        await call<AlertIncident[]>('alerts.incidents', { connectionId: bed.connectionId, state: 'open' })
      ).find((i) => i.ruleId === 'newly-slow' && i.message.includes(SCENARIOS.regression.textPrefix))!;
      expect(paged.severity).toBe('critical');
      expect(shown.body).toBe(paged.message);
      expect(shown.tag).toBe(`page:${bed.connectionId}:${paged.id}`);
    } finally {
      await bed.server.call('alerts.saveRule', {
        connectionId: bed.connectionId,
        ruleId: 'newly-slow',
        settings: rule.settings,
        author: 'e2e',
        note: 'back to the rule as it was',
      });
      await context.close();
    }
  });
});

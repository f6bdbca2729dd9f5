// The alerts page (issue #12) in real Chromium against door 2 on the shared demo bed: the alert service
// runs inside `serve` after the collector's passes, so the double's planted regression
// (SCENARIOS.regression: the royalty calculation ~8× slower since two nights ago) must show as an open
// "newly slow" incident, linked to the query it explains, and in what the next 10:00 digest holds. An
// acknowledgement whose note is hostile markup is shown as text and never runs. The default rules are
// conservative: nothing on the demo is critical. Then the rules, replay and exemptions: a threshold
// edited and not yet saved is replayed beside the rules in force ("with these"), then saved with who and
// why as version 1, its versions listed; an exemption with a hostile reason is added, shown as text, and
// ended, and a long replay shows its progress in the core's worker thread and is cancelled. Door 2's
// desktop notification: with the permission granted, the newly slow rule made critical for the demo
// connection pages for the regression at the next pass, and the page pops up as the browser's
// Notification (spied on in the page); the rule is put back afterwards. Needs the built renderer.
// (It writes only the alert tables (acknowledgements; rule and exemption rows, on the queue-wait rule
// and a feed no other e2e file judges), which no other e2e file reads: the shared bed is fine.)
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../electron/demo/workload/scenarios.ts';
import type { AlertIncident } from '../../../shared/model/alert.ts';
import type { AlertRuleInfo } from '../../../shared/model/alertRule.ts';
import type { Connection } from '../../../shared/model/connection.ts';
import { testIds } from '../../../shared/testIds.ts';
import { launchChromium, screenshot } from '../../support/browser.ts';
import { useSharedDemoBed, type DemoBed } from '../../support/demoBed.ts';
import { waitFor, waitForValue } from '../../support/waitFor.ts';
import { closeAll } from '../support/closeAll.ts';

const ids = testIds.alerts;
const HOSTILE_NOTE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> & done';
const HOSTILE_REASON = '<img src=x onerror="window.__pwned=1"> supplier resends';

describe('alerts page, its rules, replay and exemptions (door 2, demo bed)', { timeout: 900_000 }, () => {
  let bed: DemoBed;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [bed, browser] = await Promise.all([useSharedDemoBed(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
  }, 300_000);

  afterAll(() => closeAll(browser, bed), 60_000);

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

  it('replays an edited rule beside the rules in force, then saves it as a version', async () => {
    await page.setViewportSize({ width: 1400, height: 2400 });
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
    await form.getByLabel('Reason').fill(HOSTILE_REASON);
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
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain(`dana: ${HOSTILE_REASON}`);
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

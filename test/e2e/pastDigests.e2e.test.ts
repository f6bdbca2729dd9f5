// Past digests and the HTML export (issue #12) in real Chromium on door 2: a `serve` with a connection
// whose name is hostile markup writes its digest when the schedule says (set to the next minute);
// the alerts page lists it, opens it as it was sent (text, not markup), and downloads the HTML export,
// which escapes everything, carries no script and shows the hostile name as text when a browser opens
// it. Needs the built renderer (`npm run build:renderer`).
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PastDigest } from '../../shared/model/alert.ts';
import type { Connection } from '../../shared/model/connection.ts';
import { testIds } from '../../shared/testIds.ts';
import { launchChromium, requireBuiltRenderer, screenshot } from '../support/browser.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';
import { waitFor } from '../support/waitFor.ts';
import { closeAll } from './support/closeAll.ts';

const ids = testIds.alertChannels;
const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> & "prod"`;

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('past digests and their HTML export (door 2)', { timeout: 600_000 }, () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let connectionId: string;

  beforeAll(async () => {
    requireBuiltRenderer();
    [serve, browser] = await Promise.all([startServe({ admin: true }), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 2200 }, acceptDownloads: true });
    const added = await serve.call('connections.add', {
      name: HOSTILE,
      // Nothing listens on port 1: the digest needs no data, only its time.
      target: { kind: 'direct', host: '127.0.0.1', port: 1, database: 'dev', user: 'x', sslMode: 'disable' },
    });
    connectionId = (added.body as { result: Connection }).result.id;
  }, 120_000);

  afterAll(() => closeAll(browser, serve), 60_000);

  it('lists the digest written, opens it as sent, and downloads an escaped, script-free HTML file', async () => {
    // The digest at a time of day (UTC), quiet hours far from it.
    const digestAt = (atMs: number) =>
      serve.call('alerts.setSchedule', {
        connectionId,
        schedule: {
          timeZone: 'UTC',
          digestAt: hhmm(atMs),
          quietFrom: hhmm(atMs + 6 * 3600_000),
          quietTo: hhmm(atMs + 8 * 3600_000),
          holdDownMinutes: 60,
        },
      });
    // The first schedule starts the digest's period (now, if the alert service has not yet); then the
    // digest is due at the next whole minute, which is after that start however slow the calls are.
    expect((await digestAt(Date.now() + 3 * 3600_000)).status).toBe(200);
    expect((await digestAt(Math.floor(Date.now() / 60_000) * 60_000 + 60_000)).status).toBe(200);
    const past = await waitFor(
      async () =>
        ((await serve.call('alerts.pastDigests', { connectionId })).body as { result: PastDigest[] }).result,
      (list) => list.length > 0,
      { what: 'the digest written at its time', timeoutMs: 300_000, intervalMs: 2000 },
    );
    const at = past[0]!.at;

    await page.goto(`${serve.url}#/alerts?c=${encodeURIComponent(connectionId)}`);
    const row = page.locator(`[data-testid="${ids.pastDigest}"][data-at="${at}"]`);
    await row.waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toContain('shown here only (no channel)');
    await row.getByTestId(ids.openDigest).click();
    const view = page.getByTestId(ids.digestView);
    await view.waitFor({ timeout: 30_000 });
    expect(await view.textContent()).toContain(HOSTILE);
    expect(await view.textContent()).toContain('Nothing to report');
    expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0);
    // The browser's notification switch is offered on door 2.
    expect(await page.getByTestId(ids.notifyState).getAttribute('data-permission')).toMatch(
      /default|denied|granted/,
    );
    await screenshot(page, 'alerts-past-digests');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByTestId(ids.downloadHtml).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^nightshift-digest-\d{4}-\d{2}-\d{2}\.html$/);
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;&lt;script&gt;');
    expect(html).not.toMatch(/<script|<img|onerror="/i);

    // Opened in a browser, the file shows the name as text and runs nothing.
    const file = await browser.newPage();
    await file.setContent(html);
    expect(await file.locator('h1').textContent()).toBe(`Nightshift digest: ${HOSTILE}`);
    expect(await file.locator('img, script').count()).toBe(0);
    expect(await file.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await file.close();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

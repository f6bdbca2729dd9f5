// Past digests and the HTML export (issue #12) in real Chromium on door 2: a connection whose name is
// hostile markup has a digest written by the alert service at its schedule's time (an hour ago, on the
// service's own clock: waiting for a wall-clock minute cost this file half a minute, and when a
// digest is due is alertService.test's subject); `serve` then opens that data directory, and the
// alerts page lists the digest, opens it as it was sent (text, not markup), and downloads the HTML
// export, which escapes everything, carries no script and shows the hostile name as text when a
// browser opens it. Needs the built renderer (`npm run build:renderer`).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PastDigest } from '../../shared/model/alert.ts';
import { testIds } from '../../shared/testIds.ts';
import { AlertService } from '../../electron/core/alerts/AlertService.ts';
import { AuditLog } from '../../electron/core/audit/AuditLog.ts';
import { silentLogger } from '../../electron/core/base/Logger.ts';
import { ConnectionRepository } from '../../electron/core/connections/ConnectionRepository.ts';
import { openStore } from '../../electron/core/store/openStore.ts';
import { launchChromium, requireBuiltRenderer, screenshot } from '../support/browser.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';
import { closeAll } from './support/closeAll.ts';

const ids = testIds.alertChannels;
const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> & "prod"`;

const HOUR_MS = 3_600_000;
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/**
 * A data directory whose store holds a connection named HOSTILE and the digest its alert service wrote
 * an hour ago (UTC): the schedule set an hour before that, the service's timer ticking at the time.
 * The next digest is due in 23 hours, so serve writes none while the test runs.
 */
async function dataDirWithPastDigest(): Promise<{ dataDir: string; connectionId: string; digestAt: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nightshift-serve-'));
  const connectionId = randomUUID();
  const digestAt = Math.floor(Date.now() / 60_000) * 60_000 - HOUR_MS;
  let clock = digestAt - HOUR_MS;
  const db = openStore({ dataDir });
  try {
    new ConnectionRepository(db).insert(
      {
        id: connectionId,
        name: HOSTILE,
        // Nothing listens on port 1: the digest needs no data, only its time.
        target: {
          kind: 'direct',
          host: '127.0.0.1',
          port: 1,
          database: 'dev',
          user: 'x',
          sslMode: 'disable',
        },
        passwordSource: 'none',
        createdAt: new Date(clock).toISOString(),
      },
      null,
    );
    const service = new AlertService({
      db,
      log: silentLogger,
      rules: [],
      secrets: null,
      audit: new AuditLog(db),
      connectionName: (id) => (id === connectionId ? HOSTILE : null),
      now: () => clock,
    });
    service.setSchedule({
      connectionId,
      schedule: {
        timeZone: 'UTC',
        digestAt: hhmm(digestAt),
        quietFrom: hhmm(digestAt + 6 * HOUR_MS),
        quietTo: hhmm(digestAt + 8 * HOUR_MS),
        holdDownMinutes: 60,
      },
    });
    clock = digestAt;
    service.tick();
    await service.stop();
  } finally {
    db.close();
  }
  return { dataDir, connectionId, digestAt };
}

describe('past digests and their HTML export (door 2)', { timeout: 600_000 }, () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let connectionId: string;
  let digestAt: number;

  beforeAll(async () => {
    requireBuiltRenderer();
    const seeded = await dataDirWithPastDigest();
    ({ connectionId, digestAt } = seeded);
    [serve, browser] = await Promise.all([
      startServe({ admin: true, dataDir: seeded.dataDir }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1400, height: 2200 }, acceptDownloads: true });
  }, 120_000);

  afterAll(() => closeAll(browser, serve), 60_000);

  it('lists the digest written, opens it as sent, and downloads an escaped, script-free HTML file', async () => {
    const past = ((await serve.call('alerts.pastDigests', { connectionId })).body as { result: PastDigest[] })
      .result;
    // The store's instants carry microseconds (…00.000000Z).
    expect(past.map((d) => Date.parse(d.at))).toEqual([digestAt]);
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

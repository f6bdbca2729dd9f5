// The on-call path from a live statement to its detail (issue #14), in real Chromium against door 2 on
// the Redshift double: fill etl_nightly (3 slots) with statements of our own, open one that runs from
// the live view's side panel, and see its live detail (text read from the cluster, queued/executing so
// far, the statements of ours waiting behind it); cancel it, and the same page turns into its stored
// detail (aborted) once the collector has read it. Needs the built renderer (`npx vite build`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot, LiveStatement } from '../../shared/model/live.ts';
import { testIds } from '../../shared/testIds.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { useSharedDemoBed, type DemoBed } from '../support/demoBed.ts';
import { ROOT } from '../support/serveProcess.ts';
import { waitFor } from '../support/waitFor.ts';

const BUILT_PAGE = join(ROOT, 'dist', 'renderer', 'index.html');
const MARKER = 'live_detail_marker';
const CLIENTS = 5;
const HOOK = 300_000;
const WAIT = { timeout: 90_000, interval: 500 };
const ids = testIds;

describe('live statement → its detail, while it runs and after', { timeout: 400_000 }, () => {
  let bed: DemoBed;
  let browser: Browser;
  let page: Page;
  const fillers: pg.Client[] = [];

  const ours = async (): Promise<LiveStatement[]> => {
    const { body } = await bed.server.call('live.get', { connectionId: bed.connectionId });
    const snapshot = (body as { result?: LiveSnapshot }).result;
    return snapshot?.statements.filter((s) => s.textPreview?.includes(MARKER)) ?? [];
  };

  beforeAll(async () => {
    if (!existsSync(BUILT_PAGE)) throw new Error(`${BUILT_PAGE} is missing: run \`npx vite build\` first.`);
    [bed, browser] = await Promise.all([useSharedDemoBed(), launchChromium()]);
    for (let i = 0; i < CLIENTS; i++) {
      const client = await bed.openClient('etl_user');
      await client.query("SET query_group TO 'nightly_detail'");
      client.query(`SELECT pg_sleep(600) AS ${MARKER}_${i}`).catch(() => undefined);
      fillers.push(client);
    }
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: 'dark' });
    page = await context.newPage();
  }, HOOK);

  afterAll(async () => {
    await Promise.all(fillers.map((c) => c.end().catch(() => undefined)));
    await browser?.close();
    await bed?.stop();
  }, HOOK);

  it('opens a running statement from live activity, shows it live, then as stored once it ended', async () => {
    const statements = await waitFor(ours, (s) => s.some((x) => !x.queued) && s.some((x) => x.queued), {
      what: 'ours running and queued in etl_nightly',
      timeoutMs: 120_000,
    });
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
    await expect.poll(() => live.getByTestId(ids.liveDetail.text).textContent(), WAIT).toContain(MARKER);
    expect(await live.getByTestId(ids.liveDetail.timing).textContent()).toMatch(/Executing so far/);
    const queuedOfOurs = (await ours()).filter((s) => s.queued).map((s) => String(s.query));
    expect(queuedOfOurs.length).toBeGreaterThan(0);
    await expect
      .poll(
        () =>
          page
            .getByTestId(ids.liveDetail.waitingRow)
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-query'))),
        WAIT,
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
  });
});

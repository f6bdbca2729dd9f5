// The collector's state as a user sees it, in real Chromium against door 2 (`serve`) and the shared
// PostgreSQL test bed: the Collector column of the connections page and the status bar line. Plain
// PostgreSQL is not Redshift, and that is what these connections show in words: every job skipped and
// why (no STL/STV/SYS views), jobs that run and fail with the server's own error (a database that has
// just enough to pass the capability probe), and a connection that cannot sign in. Needs the built
// renderer (`npx vite build`). Screenshots land in test-artifacts/screenshots/.
import pg from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testIds } from '../../shared/testIds.ts';
import { addDirect as addDirectConnection, rowOf } from '../support/connectionsPage.ts';
import { launchChromium, screenshot, requireBuiltRenderer } from '../support/browser.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';
import { closeAll } from './support/closeAll.ts';

const VIEWPORT = { width: 1280, height: 760 };
const ids = testIds;
const bed = inject('pg');
/** A database of our own in the shared bed, with empty look-alikes of the two relations the probe reads. */
const LOOKALIKE_DB = `collector_ui_${process.pid}_${Date.now().toString(36)}`;

const NO_VIEWS = 'needs the Redshift system views (STL/STV or SYS), which this connection cannot read';
const NOT_PROVISIONED =
  'needs a provisioned cluster (STL/STV system views), which this connection cannot read';
const NO_API = 'needs the Redshift API, which only cluster connections reach';
const NO_CLOUDWATCH = 'needs CloudWatch, which only cluster connections reach';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

async function maintenance<T>(database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...bed, database });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Adds a direct connection to the test bed's PostgreSQL as its user. */
function addDirect(
  page: Page,
  draft: { name: string; database: string; password: string },
): Promise<Locator> {
  return addDirectConnection(page, { ...draft, host: bed.host, port: bed.port, user: bed.user });
}

/** Waits until the row's Collector headline reads `text`; returns the cell. */
async function headlineReads(row: Locator, text: string | RegExp): Promise<Locator> {
  const cell = row.getByTestId(ids.connections.collector);
  await cell.getByTestId(ids.connections.collectorHeadline).filter({ hasText: text }).waitFor();
  return cell;
}

/**
 * Waits until the row's Collector headline reads `text`, and returns the row's detail lines, unfolding
 * them first when there are more than fit ("+N more").
 */
async function collectorSettles(row: Locator, text: string | RegExp): Promise<string[]> {
  const cell = await headlineReads(row, text);
  const more = cell.getByTestId(ids.connections.collectorMore);
  if ((await more.count()) > 0 && (await more.getAttribute('aria-expanded')) === 'false') await more.click();
  return cell.getByTestId(ids.connections.collectorDetail).allTextContents();
}

async function statusBarSays(
  page: Page,
  text: string | RegExp,
): Promise<{ text: string; tone: string | null }> {
  const item = page.getByTestId(ids.statusBar.collector).filter({ hasText: text });
  await item.waitFor();
  return { text: (await item.textContent()) ?? '', tone: await item.getAttribute('data-tone') };
}

describe('collector state on the connections page and in the status bar', () => {
  let server: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    requireBuiltRenderer();
    await maintenance('postgres', (c) => c.query(`CREATE DATABASE ${LOOKALIKE_DB}`));
    await maintenance(LOOKALIKE_DB, (c) =>
      c.query('CREATE TABLE stl_query (query integer); CREATE TABLE stv_recents (query integer);'),
    );
    [server, browser] = await Promise.all([startServe({ admin: true }), launchChromium()]);
    const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await closeAll(browser, server);
    await maintenance('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${LOOKALIKE_DB} WITH (FORCE)`));
  });

  it('says there is nothing to collect before any connection is added', async () => {
    await page.goto(`${server.url}#/connections`);
    await page.getByTestId(ids.connections.page).waitFor();
    expect(await statusBarSays(page, 'Collector: no connections')).toEqual({
      text: 'Collector: no connections',
      tone: 'idle',
    });
  });

  it('plain PostgreSQL: says every job is skipped, and why, in words', async () => {
    const row = await addDirect(page, { name: 'plain-pg', database: 'postgres', password: bed.password });
    const details = await collectorSettles(row, 'Connected: all 10 jobs skipped');
    expect(details).toEqual([
      `Skipped live activity, query history, rows scanned and CPU, loads, table reads and writes and alerts: ${NO_VIEWS}`,
      `Skipped WLM state, WLM configuration and CloudWatch metrics: ${NOT_PROVISIONED}`,
      `Skipped cluster details: ${NO_API}`,
    ]);
    expect(
      await row
        .getByTestId(ids.connections.collector)
        .locator('[data-tone]')
        .first()
        .getAttribute('data-tone'),
    ).toBe('warn');
    expect(await statusBarSays(page, /^Collector: nothing to collect/)).toEqual({
      text: "Collector: nothing to collect on 'plain-pg': every job skipped (no Redshift system views)",
      tone: 'warn',
    });
  });

  it('a database that passes the probe but is not Redshift: names each failing job with the server error', async () => {
    const row = await addDirect(page, {
      name: 'stl-lookalike',
      database: LOOKALIKE_DB,
      password: bed.password,
    });
    const cell = await headlineReads(row, '8 failing');
    // Ten lines fold to the first three (errors first) and a toggle.
    expect(await cell.getByTestId(ids.connections.collectorDetail).count()).toBe(3);
    expect(await cell.getByTestId(ids.connections.collectorMore).textContent()).toBe('+7 more');
    const details = await collectorSettles(row, 'Connected: 8 failing, 2 skipped');
    expect(await cell.getByTestId(ids.connections.collectorMore).textContent()).toBe('Show less');
    const failing = details.filter((d) => / failing/.test(d));
    // Each failing job, then the server's own words: a missing relation or column (SQLSTATE 42P01/42703).
    const labels = [
      'live activity',
      'query history',
      'rows scanned and CPU',
      'WLM state',
      'WLM configuration',
      'loads',
      'table reads and writes',
      'alerts',
    ];
    expect(failing).toHaveLength(labels.length);
    labels.forEach((label, i) => {
      expect(failing[i]).toMatch(
        new RegExp(`^${label} failing( \\(\\d+ times in a row\\))?: .*does not exist \\((42P01|42703)\\)$`),
      );
    });
    expect(details.filter((d) => d.startsWith('Skipped'))).toEqual([
      `Skipped cluster details: ${NO_API}`,
      `Skipped CloudWatch metrics: ${NO_CLOUDWATCH}`,
    ]);

    const bar = await statusBarSays(page, /failing on 'stl-lookalike'/);
    expect(bar.tone).toBe('error');
    expect(bar.text).toMatch(
      /^Collector: 8 jobs failing on 'stl-lookalike' — live activity: .*does not exist \((42P01|42703)\) \(\+1 more problem\)$/,
    );
    // The first row is untouched by the second connection's trouble.
    expect(await collectorSettles(rowOf(page, 'plain-pg'), 'Connected: all 10 jobs skipped')).toHaveLength(3);
  });

  it('a connection that cannot sign in: says so with the server words; a hostile name stays text', async () => {
    const row = await addDirect(page, {
      name: HOSTILE,
      database: 'postgres',
      password: `${bed.password}-not-it`,
    });
    const details = await collectorSettles(row, 'Cannot connect');
    expect(details).toHaveLength(1);
    // SQLSTATE 28P01 is invalid_password. (The core's redactSecrets currently turns the server's
    // "password authentication failed" into "password *** failed"; either reads as a sign-in refusal.)
    expect(details[0]).toMatch(new RegExp(`^password .*failed for user "${bed.user}" \\(28P01\\)$`));
    expect(await page.content()).not.toContain(`${bed.password}-not-it`);
  });

  it('loads the same states after a reload (the call, not only the events)', async () => {
    await page.reload();
    await page.getByTestId(ids.connections.page).waitFor();
    await headlineReads(rowOf(page, 'plain-pg'), 'Connected: all 10 jobs skipped');
    await headlineReads(rowOf(page, 'stl-lookalike'), 'Connected: 8 failing, 2 skipped');
    await headlineReads(rowOf(page, HOSTILE), 'Cannot connect');
    expect((await statusBarSays(page, /\(\+2 more problems\)$/)).tone).toBe('error');

    await screenshot(page, 'collector-states-light');
    await page.getByTestId(ids.app.themeToggle).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await screenshot(page, 'collector-states-dark');
    await page.getByTestId(ids.app.themeToggle).click();
  });

  it('follows a removal: the status bar moves on to the next problem, named as plain text', async () => {
    const row = rowOf(page, 'stl-lookalike');
    await row.getByTestId(ids.connections.removeButton).click();
    await row.getByTestId(ids.connections.removeConfirm).click();
    await row.waitFor({ state: 'detached' });

    const bar = await statusBarSays(page, /^Collector: cannot connect to/);
    expect(bar.tone).toBe('error');
    expect(bar.text).toMatch(/password .*failed for user .* \(28P01\)/);
    expect(bar.text).toContain(`cannot connect to '${HOSTILE}' — `);
    expect(bar.text).toMatch(/\(\+1 more problem\)$/);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined();
  });
});

// The connections page in real Chromium against door 2 (`serve`) and the real PostgreSQL test bed:
// what a user sees and clicks, asserted on content. Needs the built renderer (`npx vite build`;
// `npm test` builds it first). Screenshots land in test-artifacts/screenshots/.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testIds } from '../../shared/testIds.ts';
import { launchChromium, screenshot, requireBuiltRenderer } from '../support/browser.ts';
import { addDirect, rowOf } from '../support/connectionsPage.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';
import { closeAll } from './support/closeAll.ts';

const VIEWPORT = { width: 1280, height: 760 };

const ids = testIds;

/** Clicks Test and waits until the row shows an outcome (success or failure badge). */
async function runTest(row: Locator): Promise<string> {
  await row.getByTestId(ids.connections.testButton).click();
  const result = row.getByTestId(ids.connections.testResult);
  await result.locator('.badge').waitFor();
  return (await result.textContent()) ?? '';
}

describe('connections page, admin door', () => {
  const pg = inject('pg');
  /** The test PostgreSQL as the add form asks for it, signed in as its own user. */
  const testBed = { host: pg.host, port: pg.port, database: 'postgres', user: pg.user };
  let server: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    requireBuiltRenderer();
    [server, browser] = await Promise.all([startServe({ admin: true }), launchChromium()]);
    context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  afterAll(() => closeAll(browser, server));

  it('takes the token out of the address bar and keeps working after a reload', async () => {
    await page.goto(`${server.url}#/connections`);
    await page.getByTestId(ids.connections.page).waitFor();
    expect(page.url()).not.toContain(server.token);
    expect(page.url()).not.toContain('token=');

    await page.reload();
    await page.getByTestId(ids.connections.page).waitFor();
    expect(await page.getByTestId(ids.statusBar.door).textContent()).toBe('Browser');
    expect(await page.getByTestId(ids.statusBar.access).textContent()).toBe('Admin');
    await page.locator(`[data-testid="${ids.statusBar.events}"][data-state="live"]`).waitFor();
  });

  it('refuses to start in a tab that never had the token, and says what to do', async () => {
    const other = await browser.newContext({ viewport: VIEWPORT });
    try {
      const tab = await other.newPage();
      await tab.goto(`http://127.0.0.1:${server.port}/`);
      const fatal = tab.getByTestId(ids.app.fatal);
      await fatal.waitFor();
      expect(await fatal.textContent()).toMatch(/link the Nightshift server printed/);
    } finally {
      await other.close();
    }
  });

  it('adds a direct connection and shows the server version when tested', async () => {
    const row = await addDirect(page, { ...testBed, name: 'test-bed', password: pg.password });
    expect(await row.getByTestId(ids.connections.kind).textContent()).toBe('Direct');
    expect(await row.getByTestId(ids.connections.target).textContent()).toContain(
      `${pg.host}:${pg.port}/postgres`,
    );
    // serve keeps passwords in memory only (no keychain headless).
    expect(await row.getByTestId(ids.connections.passwordSource).textContent()).toBe('This run only');
    expect(await row.getByTestId(ids.connections.passwordDetail).textContent()).toBe(
      'Given for this run only: it is forgotten when Nightshift stops.',
    );

    const outcome = await runTest(row);
    expect(outcome).toContain('Connected');
    expect(outcome).toMatch(/PostgreSQL 15\.\d+/);
    expect(outcome).toContain(`${pg.host}:${pg.port}`);
    expect(await page.getByTestId(ids.statusBar.connections).textContent()).toBe('1 connection');
  });

  it('shows in words why a connection with a wrong password fails', async () => {
    const row = await addDirect(page, {
      ...testBed,
      name: 'wrong-password',
      password: `${pg.password}-not-it`,
    });
    const outcome = await runTest(row);
    expect(outcome).toContain('Sign-in refused');
    expect(outcome).toMatch(/password/i);
    expect(outcome).toMatch(/rejected|authentication/i);
    expect(outcome).toContain(pg.user);
    // The password itself is never echoed back.
    expect(await page.content()).not.toContain(pg.password);
  });

  it('draws both results in the light and the dark theme, and remembers the choice', async () => {
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    await screenshot(page, 'connections-light');

    await page.getByTestId(ids.app.themeToggle).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await screenshot(page, 'connections-dark');

    await page.reload();
    await page.getByTestId(ids.connections.page).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByTestId(ids.app.themeToggle).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
  });

  it('checks the add form before sending and names the field at fault', async () => {
    await page.getByTestId(ids.connections.addButton).click();
    const form = page.getByTestId(ids.addForm.root);
    await form.getByTestId(ids.addForm.kindCluster).click();
    await form.getByTestId(ids.addForm.name).fill('prod');
    await form.getByTestId(ids.addForm.region).fill('Frankfurt');
    await form.getByTestId(ids.addForm.clusterIdentifier).fill('prod-warehouse');
    await form.getByTestId(ids.addForm.dbUser).fill('nightshift_monitor');
    await form.getByTestId(ids.addForm.submit).click();

    const problem = form.getByTestId(ids.addForm.error);
    expect(await problem.textContent()).toBe('Region: must be an AWS region such as eu-west-1.');
    expect(await form.getByTestId(ids.addForm.region).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'add-form-invalid-light');

    // A name already taken is refused by the core; its words appear in the same place.
    await form.getByTestId(ids.addForm.region).fill('eu-central-1');
    await form.getByTestId(ids.addForm.name).fill('test-bed');
    await form.getByTestId(ids.addForm.submit).click();
    await problem.getByText('already exists').waitFor();

    await form.getByTestId(ids.addForm.cancel).click();
    await form.waitFor({ state: 'detached' });
    expect(await page.getByTestId(ids.connections.row).count()).toBe(2);
  });

  it('shows hostile names as plain text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const row = await addDirect(page, { ...testBed, name: hostile, user: 'x' });
    expect(await row.getByTestId(ids.connections.name).textContent()).toBe(hostile);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined();
  });

  it('removes a connection only after a confirm step', async () => {
    const row = rowOf(page, 'wrong-password');
    await row.getByTestId(ids.connections.removeButton).click();
    await row.getByTestId(ids.connections.removeCancel).click();
    expect(await row.getByTestId(ids.connections.removeButton).isVisible()).toBe(true);

    await row.getByTestId(ids.connections.removeButton).click();
    await row.getByTestId(ids.connections.removeConfirm).click();
    await row.waitFor({ state: 'detached' });
    expect(await page.getByTestId(ids.connections.name).allTextContents()).toEqual([
      'test-bed',
      '<img src=x onerror="window.__pwned=1">',
    ]);
    expect(await page.getByTestId(ids.statusBar.connections).textContent()).toBe('2 connections');
  });

  it('runs under the strict Content-Security-Policy without a single violation', () => {
    expect(cspViolations).toEqual([]);
  });

  it('says the event stream is reconnecting when the server goes away', async () => {
    await server.stop();
    await page.locator(`[data-testid="${ids.statusBar.events}"][data-state="reconnecting"]`).waitFor();
    expect(await page.getByTestId(ids.statusBar.events).textContent()).toContain('reconnecting');
  });
});

describe('connections page, read-only door', () => {
  let server: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    requireBuiltRenderer();
    // Save one connection through an admin server, then reopen the same data read-only.
    const admin = await startServe({ admin: true });
    const added = await admin.call('connections.add', {
      name: 'saved-earlier',
      target: {
        kind: 'direct',
        host: '127.0.0.1',
        port: 5439,
        database: 'dev',
        user: 'monitor',
        sslMode: 'require',
      },
    });
    expect(added.status).toBe(200);
    await admin.stop();
    [server, browser] = await Promise.all([startServe({ dataDir: admin.dataDir }), launchChromium()]);
  });

  afterAll(() => closeAll(browser, server));

  it('shows no add form or remove buttons and says why; the theme follows the system', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${server.url}#/connections`);
    const row = rowOf(page, 'saved-earlier');
    await row.waitFor();

    const note = page.getByTestId(ids.connections.readOnlyNote);
    expect(await note.textContent()).toMatch(/Read-only:.*start with --admin or use the desktop app/);
    expect(await page.getByTestId(ids.connections.addButton).count()).toBe(0);
    expect(await page.getByTestId(ids.addForm.root).count()).toBe(0);
    expect(await row.getByTestId(ids.connections.removeButton).count()).toBe(0);
    // Testing changes nothing, so a read-only door still offers it.
    expect(await row.getByTestId(ids.connections.testButton).isVisible()).toBe(true);
    expect(await page.getByTestId(ids.statusBar.access).textContent()).toBe('Read-only');

    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await screenshot(page, 'connections-read-only-dark');
    await context.close();
  });
});

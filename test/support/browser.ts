// Real Chromium for browser tests (DESIGN.md §6): the system binary driven by playwright-core, one
// process per test worker, and a helper that keeps screenshots as artifacts under
// test-artifacts/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

const ROOT = join(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'screenshots');
/** The renderer `serve` hands to the browser; the e2e files need it built first. */
export const BUILT_PAGE = join(ROOT, 'dist', 'renderer', 'index.html');

/** Fails the file's setup with the command to run when the renderer has not been built. */
export function requireBuiltRenderer(): void {
  if (!existsSync(BUILT_PAGE)) throw new Error(`${BUILT_PAGE} is missing: run \`npx vite build\` first.`);
}

let running: Promise<Browser> | undefined;

/**
 * Chromium for one test file or area. The shared demo's areas run one after another in one file
 * (sharedDemo.e2e.test.ts), so they share one Chromium process, started on first use: each gets a
 * handle whose contexts (and pages) are its own, and whose close() closes those contexts, not the
 * process (it ends with the worker). Contexts share no cookies or storage, so the areas stay as
 * separate as with a browser each.
 */
export async function launchChromium(): Promise<Browser> {
  if (running === undefined || !(await running).isConnected()) running = startChromium();
  const browser = await running;
  const mine: BrowserContext[] = [];
  const newContext: Browser['newContext'] = async (options) => {
    const context = await browser.newContext(options);
    mine.push(context);
    return context;
  };
  const newPage: Browser['newPage'] = async (options) => (await newContext(options)).newPage();
  const close: Browser['close'] = async () => {
    await Promise.all(mine.splice(0).map((c) => c.close().catch(() => undefined)));
  };
  const own: Partial<Browser> = { newContext, newPage, close };
  return new Proxy(browser, {
    get(target, key) {
      if (typeof key === 'string' && key in own) return own[key as keyof Browser];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Ends the shared Chromium process. A test worker need not (the process ends with the worker), but a
 * bench must, or Node waits on the browser's pipes and the bench never exits.
 */
export async function endChromium(): Promise<void> {
  const browser = running;
  running = undefined;
  if (browser !== undefined) await (await browser).close();
}

function startChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page in a context of its own (no cookies or storage shared with other pages), light unless told. */
export async function newPage(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  return (await browser.newContext({ colorScheme: 'light', ...options })).newPage();
}

/** Dismisses every dialog the page opens (a hostile string that ran would open one) and records it. */
export function recordDialogs(page: Page, seen: string[]): void {
  page.on('dialog', (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
}

/** Saves a full-page PNG as test-artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must be a plain file name: ${name}`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * How the e2e files wait for the page to show something: checked every 50 ms (a check is one round trip
 * to the page, so a short interval costs little and a view that answers at once is seen at once), with
 * a limit long enough for a busy 2-core machine. A limit is a failure report, never a pace.
 */
export const UI_WAIT = { timeout: 120_000, interval: 50 };

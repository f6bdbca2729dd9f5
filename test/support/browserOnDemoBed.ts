// A file's own demo bed (admin door) with one Chromium page on it: started before the file's tests and
// stopped after them, for the e2e files that change the cluster or the store (cancel, WLM changes).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, requireBuiltRenderer } from './browser.ts';
import { startDemoBed, type DemoBed } from './demoBed.ts';

export interface BrowserOnDemoBed {
  readonly bed: DemoBed;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Calls an API method on the bed's server; throws with the server's message when it answers not ok. */
  call<T>(method: string, args: unknown): Promise<T>;
}

/** Registers the file's beforeAll/afterAll; the returned fields are there once beforeAll has run. */
export function browserOnDemoBed(options: {
  nights: number;
  viewport: { width: number; height: number };
}): BrowserOnDemoBed {
  let bed: DemoBed | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo bed is not started yet (use it inside a test)');
    return value;
  };

  beforeAll(async () => {
    requireBuiltRenderer();
    [bed, browser] = await Promise.all([
      startDemoBed({ admin: true, nights: options.nights }),
      launchChromium(),
    ]);
    context = await browser.newContext({ viewport: options.viewport, colorScheme: 'light' });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await bed?.stop();
  }, 60_000);

  return {
    get bed() {
      return ready(bed);
    },
    get browser() {
      return ready(browser);
    },
    get context() {
      return ready(context);
    },
    get page() {
      return ready(page);
    },
    async call<T>(method: string, args: unknown): Promise<T> {
      const { body } = await ready(bed).server.call(method, args);
      const answer = body as { ok: boolean; result?: T; error?: { message?: string } };
      if (!answer.ok) throw new Error(`${method}: ${answer.error?.message ?? JSON.stringify(body)}`);
      return answer.result as T;
    },
  };
}

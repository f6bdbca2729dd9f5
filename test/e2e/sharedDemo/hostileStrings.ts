// Text safety (issue #5): query text, labels and user names are data from a shared warehouse. The double
// plants a corpus of hostile strings (electron/demo/workload/hostileStrings.ts) in analyst_ben's
// moderation queries (as SQL literals) and analyst_anna's query_group labels; this test adds live
// statements of its own whose label and text would set window.__pwned if they ever ran as markup. It
// visits every view in real Chromium and proves that nothing executed (no dialog, no sentinel, no
// injected element, no request leaving the machine, no page error) and that the strings are shown
// verbatim: each planted query's full text on its detail page equals the stored text character for
// character, each hostile label appears exactly, and the live and slow-query previews equal the API's.
// Needs the built renderer (`npx vite build`).
import type pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/waitFor.ts';
import type { LiveSnapshot } from '../../../shared/model/live.ts';
import type { QueryDetail, QueryHistoryPage, QueryRow } from '../../../shared/model/query.ts';
import { testIds } from '../../../shared/testIds.ts';
import { HOSTILE_STRINGS } from '../../../electron/demo/workload/hostileStrings.ts';
import { launchChromium, recordDialogs, requireBuiltRenderer, UI_WAIT } from '../../support/browser.ts';
import { useSharedDemoBed, type DemoBed } from '../../support/demoBed.ts';
import { closeAll } from '../support/closeAll.ts';

const ids = testIds;
const HOOK = 300_000;
const DAY_MS = 86_400_000;

/** Our own payloads: they set the sentinel if they ever run. */
const LIVE_LABEL = '<img src=x onerror="window.__pwned=1">';
const LIVE_TEXT_PAYLOADS = ['<svg onload="window.__pwned=1">', '<script>window.__pwned=1</script>'];
const LIVE_MARKER = 'hostile_live_marker';
/**
 * Elements no view of ours renders in the body, which the payloads would create if parsed as markup (the
 * head's own CSP meta and stylesheet link are the page's; the head is checked separately).
 */
const INJECTED = [
  'img[src="x"]',
  'img[onerror]',
  'svg[onload]',
  'iframe',
  'object',
  'embed',
  'marquee',
  'video',
  'form[action]',
  'base',
  'meta',
  'link',
  'details[ontoggle]',
  '[onerror]',
  '[onload]',
  '[onclick]',
  '[onmouseover]',
  '[onfocus]',
].join(', ');

const sqlLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

interface Api {
  <T>(method: string, args: unknown): Promise<T>;
}

describe('hostile strings are shown as text and never run', { timeout: 600_000 }, () => {
  let bed: DemoBed;
  let browser: Browser;
  let page: Page;
  let api: Api;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const outsideRequests: string[] = [];
  /**
   * What the head holds besides the page chunks' own preloads and styles, which the app adds as each
   * page is first opened (lazy chunks under assets/; a request to another origin fails
   * outsideRequests): anything else appearing there was injected.
   */
  const HEAD_NOT_CHUNKS =
    'head > *:not(link[rel="modulepreload"][href*="/assets/"]):not(link[rel="stylesheet"][href*="/assets/"])';
  let appScripts = 0;
  let appHead = 0;
  let liveClient: pg.Client;

  beforeAll(async () => {
    requireBuiltRenderer();
    [bed, browser] = await Promise.all([useSharedDemoBed(), launchChromium()]);
    api = async <T>(method: string, args: unknown): Promise<T> => {
      const res = (await bed.server.call(method, args)).body as { ok: boolean; result?: T; error?: unknown };
      if (res.result === undefined) throw new Error(`${method} failed: ${JSON.stringify(res.error)}`);
      return res.result;
    };
    // A live statement with a hostile label and hostile text (stays for the whole file).
    liveClient = await bed.openClient('analyst_anna');
    await liveClient.query(`SET query_group TO ${sqlLiteral(LIVE_LABEL)}`);
    const select = LIVE_TEXT_PAYLOADS.map((p, i) => `${sqlLiteral(p)} AS p${i}`).join(', ');
    liveClient.query(`SELECT pg_sleep(300) AS ${LIVE_MARKER}, ${select}`).catch(() => undefined);

    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    await context.addInitScript(() => {
      (window as unknown as { __pwned?: unknown }).__pwned = undefined;
    });
    const origin = new URL(bed.server.url).origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'))
        return route.continue();
      outsideRequests.push(url);
      return route.abort();
    });
    page = await context.newPage();
    recordDialogs(page, dialogs);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${bed.server.url}#/connections`);
    await page.getByTestId(ids.connections.page).waitFor();
    appScripts = await page.locator('script').count();
    appHead = await page.locator(HEAD_NOT_CHUNKS).count();
  }, HOOK);

  afterAll(async () => {
    await liveClient?.end().catch(() => undefined);
    await closeAll(browser, bed);
  }, HOOK);

  /** Nothing ran and nothing was injected, so far. */
  async function nothingExecuted(where: string) {
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    expect({ where, pwned, dialogs, outsideRequests, pageErrors }).toEqual({
      where,
      pwned: undefined,
      dialogs: [],
      outsideRequests: [],
      pageErrors: [],
    });
    expect({ where, injected: await page.locator('body').locator(INJECTED).count() }).toEqual({
      where,
      injected: 0,
    });
    expect({ where, scripts: await page.locator('script').count() }).toEqual({ where, scripts: appScripts });
    expect({ where, head: await page.locator(HEAD_NOT_CHUNKS).count() }).toEqual({ where, head: appHead });
    const suspicious = consoleErrors.filter((m) => /pwned|evil\.example|javascript:|alert\(/i.test(m));
    expect({ where, suspicious }).toEqual({ where, suspicious: [] });
  }

  async function open(hash: string, testId: string) {
    await page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
    await page.getByTestId(testId).waitFor();
  }

  const link = (pageId: string, params: Record<string, string | number> = {}) => {
    const search = new URLSearchParams({
      c: bed.connectionId,
      ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    });
    return `#/${pageId}?${search.toString()}`;
  };

  it('live activity: the hostile label and text are shown verbatim, in the row and the panel', async () => {
    const snapshot = await expectLive();
    const ours = snapshot.statements.find((s) => s.textPreview?.includes(LIVE_MARKER));
    // STV_INFLIGHT may shorten labels (REFERENCE 1.1): the page must show what the cluster holds.
    const label = ours?.label ?? '';
    expect(label.length).toBeGreaterThan(0);
    expect(LIVE_LABEL.startsWith(label)).toBe(true);

    await open(link('live'), ids.live.page);
    const row = page.getByTestId(ids.live.row).filter({ hasText: LIVE_MARKER });
    await row.waitFor();
    expect(await row.getByTestId(ids.live.cellLabel).textContent()).toBe(label);
    expect(await row.getByTestId(ids.live.cellText).textContent()).toBe(ours?.textPreview);
    await row.click();
    const panelText = page.getByTestId(ids.live.panel).getByTestId(ids.live.panelText);
    await expect.poll(() => panelText.textContent(), UI_WAIT).toContain(LIVE_TEXT_PAYLOADS[1]);
    for (const p of LIVE_TEXT_PAYLOADS) expect(await panelText.textContent()).toContain(sqlLiteral(p));
    await page.getByTestId(ids.live.filterText).fill(label);
    await expect.poll(() => page.getByTestId(ids.live.row).count(), UI_WAIT).toBe(1);
    await nothingExecuted('live');
  });

  /** live.get once the collector has polled our hostile statement. */
  async function expectLive(): Promise<LiveSnapshot> {
    // Running, not queued: the label comes from STV_INFLIGHT, which holds executing statements only (REFERENCE 1.11).
    return waitFor(
      () => api<LiveSnapshot>('live.get', { connectionId: bed.connectionId }),
      (snapshot) => snapshot.statements.some((s) => s.textPreview?.includes(LIVE_MARKER) && !s.queued),
      {
        what: 'our hostile live statement in live.get',
        timeoutMs: UI_WAIT.timeout,
        intervalMs: UI_WAIT.interval,
      },
    );
  }

  it('overview, WLM pressure, WLM editor, audit and connections render without running anything', async () => {
    await open(link('overview'), ids.overview.page);
    await page.getByTestId(ids.overview.queues).waitFor();
    await nothingExecuted('overview');
    await open(link('wlm', { range: '7d' }), ids.pressure.page);
    await page.getByTestId(ids.pressure.queue).first().waitFor();
    await nothingExecuted('wlm');
    await open(link('wlm-editor'), ids.wlmEditor.page);
    // The editor reads the cluster's WLM configuration: wait until the loading note is gone.
    await page.getByTestId(ids.wlmEditor.loading).waitFor({ state: 'detached', timeout: 60_000 });
    await nothingExecuted('wlm-editor');
    await open(link('audit'), ids.audit.page);
    await nothingExecuted('audit');
    await open('#/connections', ids.connections.page);
    await nothingExecuted('connections');
  });

  it('query detail: every planted query text is shown verbatim, and every hostile label exactly', async () => {
    const to = Date.now();
    const range = {
      connectionId: bed.connectionId,
      from: new Date(to - 15 * DAY_MS).toISOString(),
      to: new Date(to).toISOString(),
    };
    const history = async (user: string): Promise<QueryRow[]> => {
      const rows: QueryRow[] = [];
      for (let offset = 0; ; offset += 1000) {
        const chunk = await api<QueryHistoryPage>('queries.history', { ...range, user, limit: 1000, offset });
        rows.push(...chunk.rows);
        if (chunk.rows.length < 1000) return rows;
      }
    };

    // Texts: pick analyst_ben's moderation queries until every string they carry is covered once.
    const wanted = new Map(HOSTILE_STRINGS.map((h) => [h.id, h]));
    const covered = new Set<string>();
    const texts: { row: QueryRow; text: string }[] = [];
    for (const row of await history('analyst_ben')) {
      if (covered.size === wanted.size) break;
      if (!/display_name IN|moderation check|select bio/.test(row.textPreview)) continue;
      const detail = await api<QueryDetail>('queries.get', {
        connectionId: bed.connectionId,
        query: row.query,
        startTime: row.startTime,
      });
      const carried = HOSTILE_STRINGS.filter(
        (h) => !covered.has(h.id) && detail.text.includes(sqlLiteral(h.value)),
      );
      if (carried.length === 0) continue;
      for (const h of carried) covered.add(h.id);
      texts.push({ row, text: detail.text });
    }
    // Labels: analyst_anna's queries under a hostile query_group, one per distinct label.
    const labels = new Map<string, QueryRow>();
    const hostileValues = new Set(HOSTILE_STRINGS.map((h) => h.value));
    for (const row of await history('analyst_anna')) {
      if (hostileValues.has(row.label) && !labels.has(row.label)) labels.set(row.label, row);
    }
    const labelIds = HOSTILE_STRINGS.filter((h) => labels.has(h.value)).map((h) => h.id);
    const checked = new Set([...covered, ...labelIds]);
    expect(checked.size).toBeGreaterThanOrEqual(200);

    const textBlock = page.getByTestId(ids.queryDetail.text);
    for (const { row, text } of texts) {
      await open(link('query', { q: row.query, t: row.startTime }), ids.queryDetail.page);
      await expect.poll(() => textBlock.textContent(), UI_WAIT).toBe(text);
    }
    await nothingExecuted('query detail (texts)');
    const facts = page.getByTestId(ids.queryDetail.facts);
    for (const [label, row] of labels) {
      await open(link('query', { q: row.query, t: row.startTime }), ids.queryDetail.page);
      await expect
        .poll(async () => (await facts.textContent())?.includes(label) ?? false, UI_WAIT)
        .toBe(true);
    }
    await nothingExecuted('query detail (labels)');
    console.log(
      `hostile strings checked verbatim: ${checked.size} of ${HOSTILE_STRINGS.length} ` +
        `(${texts.length} query texts, ${labels.size} labels)`,
    );
  });

  it('slow queries: both tabs, filtered by hostile text, show the previews the API holds', async () => {
    const to = Date.now();
    const samples = [
      '<img src=x onerror=alert(1)>',
      '<svg onload=alert(1)>',
      '<script>alert(1)</script>',
      "' OR '1'='1",
    ];
    for (const needle of samples) {
      await open(link('slow', { range: '7d' }), ids.slow.page);
      await page.getByTestId(ids.slow.tabRuns).click();
      await page.getByTestId(ids.slow.filterText).fill(needle);
      const expected = await api<QueryHistoryPage>('queries.history', {
        connectionId: bed.connectionId,
        from: new Date(to - 7 * DAY_MS).toISOString(),
        to: new Date(Date.now()).toISOString(),
        text: needle,
        limit: 1000,
      });
      const previews = new Set(expected.rows.map((r) => r.textPreview));
      if (expected.rows.length > 0) {
        await page.getByTestId(ids.slow.runText).first().waitFor({ timeout: 30_000 });
        await expect
          .poll(async () => {
            const cells = await page.getByTestId(ids.slow.runText).allTextContents();
            return cells.length > 0 && cells.every((c) => previews.has(c));
          }, UI_WAIT)
          .toBe(true);
      }
      await nothingExecuted(`slow runs: ${needle}`);
      await page.getByTestId(ids.slow.tabFingerprints).click();
      await page.waitForTimeout(1_000);
      await nothingExecuted(`slow fingerprints: ${needle}`);
    }
  });
});

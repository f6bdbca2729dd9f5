// The WLM editor in real Chromium against the on-call test bed (`serve --demo --demo-engine postgres`:
// the demo cluster's custom parameter group nightshift-demo-params in the AWS stand-in): an invalid
// change is refused before anything is sent, a dynamic change applies, a static one waits for a
// reboot, and a change on top of a configuration modified meanwhile (from a second window) is refused
// with the newer configuration shown. Needs the built renderer (`npx vite build`).
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/model/audit.ts';
import type { WlmApplyStatus, WlmEditorState } from '../../shared/model/governance.ts';
import { testIds } from '../../shared/testIds.ts';
import { screenshot } from '../support/browser.ts';
import type { BrowserOnDemoBed } from '../support/browserOnDemoBed.ts';
import type { DemoBed } from '../support/demoBed.ts';

const ids = testIds.wlmEditor;
const gov = testIds.governance;
const LONG = 240_000;

interface QueueJson {
  name?: string;
  query_concurrency?: number;
  user_group?: string[];
  max_execution_time?: number;
}

/**
 * The cases, registered in the caller's describe on its own demo bed (actionsOnDemo.e2e.test.ts), after
 * the governance cases: they expect the demo's WLM as generated and count only wlm.apply records.
 */
export function wlmEditorCases(e2e: BrowserOnDemoBed): void {
  const call = e2e.call;
  let bed: DemoBed;
  let context: BrowserContext;
  let page: Page;
  beforeAll(() => void ({ bed, context, page } = e2e));

  const load = () => call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
  const queuesOf = (state: WlmEditorState) => JSON.parse(state.json) as QueueJson[];
  const wlmApplies = async () =>
    (await call<AuditPage>('audit.list', { action: 'wlm.apply', limit: 1000 })).rows;

  function queue(p: Page, index: number): Locator {
    return p.locator(`[data-testid="${ids.queue}"][data-index="${index}"]`);
  }

  async function openEditor(p: Page): Promise<void> {
    await p.goto(`${bed.server.url}#/wlm-editor?c=${encodeURIComponent(bed.connectionId)}`);
    await p.getByTestId(ids.parameterGroup).waitFor({ timeout: 30_000 });
  }

  /** The cluster has settled (a dynamic change shows "applying" for a few seconds). */
  async function settled(p: Page, state: string): Promise<void> {
    await expect
      .poll(() => p.getByTestId(ids.applyStatus).getAttribute('data-state'), { timeout: 60_000 })
      .toBe(state);
  }

  /** Apply… → the dialog previews against the cluster → reason → Apply; returns the dialog. */
  async function applyWithReason(p: Page, reason: string): Promise<Locator> {
    await p.getByTestId(ids.applyButton).click();
    const dialog = p.getByTestId(gov.dialog);
    await dialog.getByTestId(ids.applyNote).waitFor({ timeout: 30_000 });
    await dialog.getByTestId(gov.reason).fill(reason);
    return dialog;
  }

  async function confirm(dialog: Locator): Promise<{ outcome: string | null; text: string }> {
    await dialog.getByTestId(gov.confirm).click();
    const outcome = dialog.getByTestId(gov.outcome);
    await outcome.waitFor({ timeout: 60_000 });
    return { outcome: await outcome.getAttribute('data-outcome'), text: (await outcome.textContent()) ?? '' };
  }

  it(
    'loads the custom parameter group, manual WLM, applied',
    async () => {
      await openEditor(page);
      expect(await page.getByTestId(ids.parameterGroup).textContent()).toBe('nightshift-demo-params');
      expect(await page.getByTestId(ids.mode).textContent()).toBe('manual');
      await settled(page, 'in-sync');
      expect(await page.getByTestId(ids.notEditable).count()).toBe(0);
      expect(await queue(page, 0).getByTestId(ids.queueName).inputValue()).toBe('etl_nightly');
      expect(await queue(page, 0).getByTestId(ids.concurrency).inputValue()).toBe('3');
      expect(await page.getByTestId(ids.problems).getAttribute('data-errors')).toBe('0');
    },
    LONG,
  );

  it(
    'refuses concurrency 60 and memory 120 % before anything is sent',
    async () => {
      const before = await load();
      const appliesBefore = (await wlmApplies()).length;
      const etl = queue(page, 0);
      await etl.getByTestId(ids.concurrency).fill('60');
      await etl.getByTestId(ids.memory).fill('120');

      const fieldProblems = (await etl.getByTestId(ids.fieldProblem).allTextContents()).join('\n');
      expect(fieldProblems).toMatch(/concurrency must be a whole number from 1 to 50 \(got 60\)/);
      expect(fieldProblems).toMatch(/memory must be a whole percentage from 1 to 100 \(got 120\)/);
      expect(Number(await page.getByTestId(ids.problems).getAttribute('data-errors'))).toBeGreaterThanOrEqual(
        2,
      );
      expect(await page.getByTestId(ids.applyButton).isDisabled()).toBe(true);
      expect(await page.getByTestId(ids.applyDisabledWhy).textContent()).toMatch(/nothing is sent/);

      // The raw JSON tab holds the same edit.
      await page.getByTestId(ids.tabJson).click();
      const json = JSON.parse(await page.getByTestId(ids.json).inputValue()) as QueueJson[];
      expect(json[0]?.query_concurrency).toBe(60);
      await page.getByTestId(ids.tabForm).click();
      await screenshot(page, 'wlm-editor-problems-light');

      // Nothing was sent: the cluster holds the old configuration, no apply was recorded.
      expect((await load()).json).toBe(before.json);
      expect((await wlmApplies()).length).toBe(appliesBefore);
    },
    LONG,
  );

  it(
    'applies a dynamic change (etl_nightly 3 → 4 slots) without a reboot',
    async () => {
      await page.getByTestId(ids.reload).click();
      await expect.poll(() => queue(page, 0).getByTestId(ids.concurrency).inputValue()).toBe('3');
      await queue(page, 0).getByTestId(ids.concurrency).fill('4');

      await page.getByTestId(ids.previewButton).click();
      const preview = page.getByTestId(ids.preview);
      await preview.waitFor();
      const changes = preview.getByTestId(ids.change);
      expect(await changes.count()).toBe(1);
      expect(await changes.first().getAttribute('data-kind')).toBe('dynamic');
      expect(await changes.first().textContent()).toContain('concurrency 3 → 4');
      expect(await preview.getByTestId(ids.applyNote).textContent()).toMatch(/applied without a reboot/);
      await screenshot(page, 'wlm-editor-preview-light');

      const dialog = await applyWithReason(page, 'more slots for the nightly ETL (e2e)');
      const result = await confirm(dialog);
      expect(result.outcome).toBe('done');
      expect(result.text).toMatch(/takes effect without a reboot/);
      await dialog.getByTestId(gov.close).click();

      await settled(page, 'in-sync');
      expect(queuesOf(await load())[0]?.query_concurrency).toBe(4);
      expect((await call<WlmApplyStatus>('wlm.status', { connectionId: bed.connectionId })).state).toBe(
        'in-sync',
      );
    },
    LONG,
  );

  it(
    'saves a static change (a user group under manual WLM) as pending reboot',
    async () => {
      await expect.poll(() => queue(page, 0).getByTestId(ids.concurrency).inputValue()).toBe('4');
      await queue(page, 1).getByTestId(ids.userGroups).fill('analysts, finance_analysts');

      await page.getByTestId(ids.previewButton).click();
      const change = page.getByTestId(ids.preview).getByTestId(ids.change);
      await expect.poll(() => change.first().getAttribute('data-kind')).toBe('static');

      const dialog = await applyWithReason(page, 'finance analysts join the BI queue (e2e)');
      expect(await dialog.getByTestId(ids.applyNote).textContent()).toMatch(/Needs a reboot/);
      const result = await confirm(dialog);
      expect(result.outcome).toBe('done');
      expect(result.text).toMatch(/pending reboot/);
      await dialog.getByTestId(gov.close).click();

      await settled(page, 'pending-reboot');
      expect(queuesOf(await load())[1]?.user_group).toEqual(['analysts', 'finance_analysts']);
    },
    LONG,
  );

  it(
    'refuses a change on top of a configuration another window changed meanwhile, and shows the newer one',
    async () => {
      await expect
        .poll(() => queue(page, 1).getByTestId(ids.userGroups).inputValue())
        .toBe('analysts, finance_analysts');
      await queue(page, 0).getByTestId(ids.timeout).fill('3600000');
      const dialog = await applyWithReason(page, 'one hour timeout on the ETL queue (e2e)');

      // Meanwhile, a colleague in another window changes the default queue's slots and applies.
      const other = await context.newPage();
      await openEditor(other);
      const defaultQueue = queue(other, 2);
      await defaultQueue.getByTestId(ids.concurrency).fill('5');
      const otherDialog = await applyWithReason(other, 'colleague: one more default slot (e2e)');
      expect((await confirm(otherDialog)).outcome).toBe('done');
      await other.close();

      const result = await confirm(dialog);
      expect(result.outcome).toBe('refused');
      expect(result.text).toMatch(/changed since you loaded it/);
      await dialog.getByTestId(gov.close).click();

      const stale = page.getByTestId(ids.stale);
      await stale.waitFor();
      expect(await stale.textContent()).toContain('The configuration changed since you loaded it');
      const newer = JSON.parse((await page.getByTestId(ids.staleJson).textContent()) ?? '[]') as QueueJson[];
      expect(newer[2]?.query_concurrency).toBe(5);
      expect(newer[0]?.max_execution_time).toBeUndefined();
      await screenshot(page, 'wlm-editor-stale-light');
      await page.getByTestId(testIds.app.themeToggle).click();
      await screenshot(page, 'wlm-editor-stale-dark');
      await page.getByTestId(testIds.app.themeToggle).click();

      // Nothing of ours was sent; reloading shows the colleague's change.
      const current = queuesOf(await load());
      expect(current[2]?.query_concurrency).toBe(5);
      expect(current[0]?.max_execution_time).toBeUndefined();
      await page.getByTestId(ids.staleReload).click();
      await expect.poll(() => queue(page, 2).getByTestId(ids.concurrency).inputValue()).toBe('5');

      const outcomes = (await wlmApplies()).map((r) => r.outcome);
      expect(outcomes).toEqual(['refused', 'ok', 'ok', 'ok']);
    },
    LONG,
  );

  it(
    'shows what the QMR rules would have done, in both themes',
    async () => {
      await page.getByTestId(ids.whatIfButton).click();
      const whatIf = page.getByTestId(ids.whatIf);
      await whatIf.waitFor({ timeout: 60_000 });
      const rules = whatIf.getByTestId(ids.whatIfRule);
      expect(await rules.count()).toBe(2);
      expect(await whatIf.textContent()).toMatch(/queries considered/);
      await screenshot(page, 'wlm-editor-what-if-light');
      await page.getByTestId(testIds.app.themeToggle).click();
      await screenshot(page, 'wlm-editor-what-if-dark');
    },
    LONG,
  );
}

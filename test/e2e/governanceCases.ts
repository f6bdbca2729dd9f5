// Cancel / End session from the live view in real Chromium against the on-call test bed (`serve
// --demo --demo-engine postgres`: the Redshift double on real PostgreSQL, its WLM proxy, live
// sessions): the statement really ends, a changed target is refused without touching anything else,
// a double click is one cancel and one audit record, and the audit view shows each record.
// Needs the built renderer (`npx vite build`). Screenshots land in test-artifacts/screenshots/.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { verifyLinks } from '../../electron/core/audit/verifyAuditChain.ts';
import { readAuditCsv } from '../../electron/core/governance/readAuditCsv.ts';
import { waitForValue } from '../support/waitFor.ts';
import type { AuditPage } from '../../shared/model/audit.ts';
import type { ActionResult } from '../../shared/model/governance.ts';
import type { LiveSnapshot, LiveStatement } from '../../shared/model/live.ts';
import { testIds } from '../../shared/testIds.ts';
import { cancelKey } from '../../renderer/src/features/governance/idempotencyKeys.ts';
import { screenshot } from '../support/browser.ts';
import type { BrowserOnDemoBed } from '../support/browserOnDemoBed.ts';
import type { DemoBed } from '../support/demoBed.ts';

const gov = testIds.governance;
const LONG = 240_000;

/** A statement started by the test: its promise settles with the error (or null) when it ends. */
interface Started {
  client: pg.Client;
  ended: Promise<Error | null>;
  settled: () => boolean;
}

/** The cases, registered in the caller's describe on its own demo bed (actionsOnDemo.e2e.test.ts). */
export function governanceCases(e2e: BrowserOnDemoBed): void {
  const call = e2e.call;
  let bed: DemoBed;
  let page: Page;
  beforeAll(() => void ({ bed, page } = e2e));

  async function start(user: string, sql: string): Promise<Started> {
    const client = await bed.openClient(user);
    let done = false;
    const ended = client.query(sql).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
    void ended.then(() => (done = true));
    return { client, ended, settled: () => done };
  }

  /** Waits until a poll of live activity shows the statement whose text holds `marker`. */
  async function live(marker: string): Promise<LiveStatement> {
    return waitForValue(
      async () =>
        (await call<LiveSnapshot>('live.get', { connectionId: bed.connectionId })).statements.find(
          (s) => s.textPreview?.includes(marker) && s.pid !== null,
        ),
      { what: `live activity to show ${marker}`, timeoutMs: 120_000, intervalMs: 500 },
    );
  }

  /** Waits for the dialog's outcome line; its outcome and words, read together. */
  async function outcomeShown(dialog: Locator): Promise<{ outcome: string | null; text: string }> {
    const outcome = dialog.getByTestId(gov.outcome);
    await outcome.waitFor({ timeout: 60_000 });
    return { outcome: await outcome.getAttribute('data-outcome'), text: (await outcome.textContent()) ?? '' };
  }

  /** Selects the statement in the live view and opens its Cancel (or End session) dialog. */
  async function openDialog(s: LiveStatement, kind: 'cancel' | 'terminate' = 'cancel'): Promise<Locator> {
    await page.goto(`${bed.server.url}#/live?c=${encodeURIComponent(bed.connectionId)}`);
    const row = page.locator(`[data-testid="${testIds.live.row}"][data-query="${s.query}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const button =
      kind === 'cancel'
        ? page.locator(`[data-testid="${gov.cancelButton}"][data-query="${s.query}"]`)
        : page.getByTestId(testIds.live.panel).getByTestId(gov.terminateButton);
    await button.click();
    const dialog = page.getByTestId(gov.dialog);
    await dialog.waitFor();
    return dialog;
  }

  async function cancelRecordsFor(query: number): Promise<AuditPage['rows']> {
    const page = await call<AuditPage>('audit.list', { action: 'actions.cancel', limit: 1000 });
    return page.rows.filter((r) => (JSON.parse(r.target ?? '{}') as { query?: number }).query === query);
  }

  it(
    'cancels a running statement from the live view: it ends, the outcome says done, one audit record',
    async () => {
      const stmt = await start('analyst_anna', 'SELECT pg_sleep(300) AS gov_cancel_one');
      const s = await live('gov_cancel_one');

      const dialog = await openDialog(s);
      const target = dialog.getByTestId(gov.dialogTarget);
      await expect.poll(() => target.textContent()).toContain(String(s.query));
      const targetText = (await target.textContent()) ?? '';
      expect(targetText).toContain(String(s.pid));
      expect(targetText).toContain('analyst_anna');
      // Focus lands in the dialog (reason field), and Confirm waits for a reason.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(gov.reason);
      const confirm = dialog.getByTestId(gov.confirm);
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByTestId(gov.reason).fill('runaway sleep blocking the dashboards (e2e)');
      expect(await confirm.isEnabled()).toBe(true);
      await screenshot(page, 'governance-cancel-dialog-light');

      await confirm.click();
      // Compared together so a failure shows the words.
      expect(await outcomeShown(dialog)).toMatchObject({
        outcome: 'done',
        text: expect.stringMatching(/^Done\. Cancelled query \d+/),
      });

      // The client that ran it sees the cancel.
      const error = await stmt.ended;
      expect(error?.message).toMatch(/cancel/i);
      await screenshot(page, 'governance-cancel-outcome-light');
      await dialog.getByTestId(gov.close).click();
      await dialog.waitFor({ state: 'detached' });

      const records = await cancelRecordsFor(s.query);
      expect(records).toHaveLength(1);
      expect(records[0]?.outcome).toBe('ok');
      expect(records[0]?.reason).toBe('runaway sleep blocking the dashboards (e2e)');

      // The audit view shows exactly that one record for it.
      await page.goto(`${bed.server.url}#/audit`);
      await page.getByTestId(testIds.audit.filterText).fill('runaway sleep blocking the dashboards');
      const rows = page.getByTestId(testIds.audit.row);
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-outcome')).toBe('ok');
      expect(await rows.first().textContent()).toContain(`query ${s.query}`);
    },
    LONG,
  );

  it(
    'refuses when the statement ended between view and action, and cancels nothing else',
    async () => {
      const keep = await start('analyst_anna', 'SELECT pg_sleep(300) AS gov_keep_running');
      const victim = await start('analyst_anna', 'SELECT pg_sleep(300) AS gov_target_changed');
      const k = await live('gov_keep_running');
      const v = await live('gov_target_changed');

      // End session's dialog says plainly what ending a session does; Esc closes it.
      const endDialog = await openDialog(k, 'terminate');
      expect(await endDialog.getByTestId(gov.dialogWarning).textContent()).toContain(
        'Ending the session rolls back its open transaction and releases its locks',
      );
      await page.keyboard.press('Escape');
      await endDialog.waitFor({ state: 'detached' });

      const dialog = await openDialog(v);
      await dialog.getByTestId(gov.reason).fill('target changed test (e2e)');
      // Meanwhile the statement ends (its own user cancels it).
      await bed.asUser('analyst_anna', (c) => c.query(`SELECT pg_cancel_backend(${v.pid})`));
      expect((await victim.ended)?.message).toMatch(/cancel/i);

      await dialog.getByTestId(gov.confirm).click();
      const shown = await outcomeShown(dialog);
      expect(shown.outcome).toBe('refused');
      expect(shown.text).toMatch(/^Refused\. Nothing was cancelled: .*(finished|ended)/);
      await dialog.getByTestId(gov.close).click();

      // Nothing else was cancelled: the other statement of the same user still runs.
      expect(keep.settled()).toBe(false);
      const after = await call<LiveSnapshot>('live.get', { connectionId: bed.connectionId });
      expect(after.statements.some((s) => s.query === k.query)).toBe(true);

      const records = await cancelRecordsFor(v.query);
      expect(records.map((r) => r.outcome)).toEqual(['refused']);
      expect(await cancelRecordsFor(k.query)).toEqual([]);
    },
    LONG,
  );

  it(
    'double-clicking Confirm, then retrying with the same key, cancels once with one audit record',
    async () => {
      await page.getByTestId(testIds.app.themeToggle).click();
      const stmt = await start('analyst_ben', 'SELECT pg_sleep(300) AS gov_double_submit');
      const s = await live('gov_double_submit');

      const dialog = await openDialog(s);
      await dialog.getByTestId(gov.reason).fill('double submit (e2e)');
      await screenshot(page, 'governance-cancel-dialog-dark');
      await dialog.getByTestId(gov.confirm).dblclick();
      expect(await outcomeShown(dialog)).toMatchObject({ outcome: 'done' });
      expect((await stmt.ended)?.message).toMatch(/cancel/i);
      await screenshot(page, 'governance-cancel-outcome-dark');
      await dialog.getByTestId(gov.close).click();

      // A retry after a timeout (same intent, same key) gets the recorded result, sends nothing.
      const target = {
        pid: s.pid ?? 0,
        query: s.query,
        userName: s.userName ?? '',
        startTime: s.wlmStartTime,
        ...(s.xid !== null ? { xid: s.xid } : {}),
      };
      const retry = await call<ActionResult>('actions.cancel', {
        connectionId: bed.connectionId,
        target,
        reason: 'double submit (e2e)',
        idempotencyKey: cancelKey(bed.connectionId, target),
      });
      expect(retry.replayed).toBe(true);
      expect(retry.outcome).toBe('done');

      const records = await cancelRecordsFor(s.query);
      expect(records).toHaveLength(1);
      expect(records[0]?.outcome).toBe('ok');
    },
    LONG,
  );

  it(
    'shows the audit log with filters, details and CSV export, in both themes',
    async () => {
      await page.goto(`${bed.server.url}#/audit`);
      const rows = page.getByTestId(testIds.audit.row);
      await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
      // Newest first: the double-submit cancel is on top.
      expect(await rows.first().textContent()).toContain('double submit (e2e)');
      await page.getByTestId(testIds.audit.filterOutcome).selectOption('refused');
      await expect.poll(() => rows.count()).toBe(1);
      await rows.first().getByTestId(testIds.audit.expand).click();
      expect(await page.getByTestId(testIds.audit.detail).textContent()).toContain('pg_cancel_backend');
      await screenshot(page, 'governance-audit-dark');
      await page.getByTestId(testIds.app.themeToggle).click();
      await screenshot(page, 'governance-audit-light');

      const download = page.waitForEvent('download');
      await page.getByTestId(testIds.audit.exportCsv).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^nightshift-audit-\d{8}T\d{6}Z\.csv$/);
      // Door 2 streams the file itself; it carries the chain, so the copy can be checked offline.
      const saved = readAuditCsv(readFileSync(await file.path(), 'utf8'));
      expect(saved.map((r) => r.outcome)).toEqual(['refused']);
      expect(verifyLinks(saved, { contiguous: false })).toMatchObject({ intact: true, records: 1 });
      expect(page.url()).toContain('#/audit');
      await expect
        .poll(() => page.getByTestId(testIds.audit.exportResult).textContent())
        .toMatch(/Exported 1 record/);
    },
    LONG,
  );

  it(
    'on the real double: one action per statement whatever the keys, and a key reused for another statement is refused on the record',
    async () => {
      const a = await start('analyst_anna', 'SELECT pg_sleep(300) AS gov_keys_a');
      const b = await start('analyst_anna', 'SELECT pg_sleep(300) AS gov_keys_b');
      const [la, lb] = [await live('gov_keys_a'), await live('gov_keys_b')];
      const targetOf = (s: LiveStatement) => ({
        pid: s.pid ?? 0,
        query: s.query,
        userName: s.userName ?? '',
        startTime: s.wlmStartTime,
        ...(s.xid !== null ? { xid: s.xid } : {}),
      });
      const cancel = async (s: LiveStatement, key: string) =>
        (
          (
            await bed.server.call('actions.cancel', {
              connectionId: bed.connectionId,
              target: targetOf(s),
              reason: 'keys (e2e)',
              idempotencyKey: key,
            })
          ).body as { result: ActionResult }
        ).result;

      // Defect #13.3: three keys for one statement at the same moment; one cancel reaches Redshift.
      const three = await Promise.all(['e2e:keys:1', 'e2e:keys:2', 'e2e:keys:3'].map((k) => cancel(la, k)));
      expect(three.filter((r) => r.outcome === 'done')).toHaveLength(1);
      for (const other of three.filter((r) => r.outcome !== 'done'))
        expect(other.message).toMatch(/already in progress|no longer|ended|not running/i);
      expect((await a.ended)?.message).toMatch(/cancel/i);
      expect((await cancelRecordsFor(la.query)).filter((r) => r.outcome === 'ok')).toHaveLength(1);

      // Defect #13.2: the first key again, for another statement: refused in words, nothing done to it.
      const reused = await cancel(lb, 'e2e:keys:1');
      expect(reused).toMatchObject({ outcome: 'refused', replayed: false });
      expect(reused.message).toContain(`already used for actions.cancel on query ${la.query}`);
      expect(b.settled()).toBe(false);
      expect((await cancelRecordsFor(lb.query)).map((r) => r.outcome)).toEqual(['refused']);

      // A fresh key does it.
      expect((await cancel(lb, 'e2e:keys:4')).outcome).toBe('done');
      expect((await b.ended)?.message).toMatch(/cancel/i);
    },
    LONG,
  );
}

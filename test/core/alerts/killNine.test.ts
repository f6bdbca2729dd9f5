// Nothing lost, nothing taken twice across kill -9 (issue #12): a child process raises pages and sends
// them through the outbox to a receiver on 127.0.0.1 that keeps delivery ids; the test kills it with
// SIGKILL at random moments (between writing and sending, and while sending), 20 times, then lets a
// clean run drain the outbox. Every page an incident recorded is in the outbox, every outbox row reached
// the receiver, and the receiver took each delivery id once (repeats after a kill are dropped by id).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/openStore.ts';
import { waitFor } from '../../support/waitFor.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../../support/smtpReceiver.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhookReceiver.ts';

const CHILD = join(import.meta.dirname, 'support', 'alertSenderChild.ts');
const CYCLES = 20;

function runChild(dataDir: string, url: string, mode: 'raise' | 'drain') {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, url, mode, String(smtp!.port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NS_TEST_SMTP_CA: smtp!.cert },
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before ready: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, ready, exited };
}

let receiver: WebhookReceiver | undefined;
let smtp: SmtpReceiver | undefined;
afterAll(async () => {
  await receiver?.close();
  await smtp?.close();
});

describe('alert outbox under kill -9', () => {
  it(`loses no page and takes none twice over ${CYCLES} kills`, { timeout: 600_000 }, async () => {
    receiver = await startWebhookReceiver('ok');
    smtp = await startSmtpReceiver({ user: 'kill', password: 'kill-loop-password' });
    const dataDir = mkdtempSync(join(tmpdir(), 'ns-alert-kill-'));
    openStore({ dataDir }).close();

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const run = runChild(dataDir, receiver.url, 'raise');
      await run.ready;
      const before = receiver.requests.length;
      // Kill once it is sending (some requests arrived this run), at a random moment after that.
      await waitFor(
        () => receiver!.requests.length,
        (n) => n > before,
        `cycle ${cycle}: sending`,
      );
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 60)));
      run.child.kill('SIGKILL');
      await run.exited;
    }

    const clean = runChild(dataDir, receiver.url, 'drain');
    await clean.ready;
    const read = <T>(fn: (db: Database.Database) => T): T => {
      const db = new Database(join(dataDir, 'nightshift.db'), { readonly: true });
      try {
        return fn(db);
      } finally {
        db.close();
      }
    };
    await waitFor(
      () =>
        read(
          (db) =>
            db.prepare('SELECT count(*) FROM alert_outbox WHERE sent_us IS NULL').pluck().get() as number,
        ),
      (pending) => pending === 0,
      { what: 'the outbox drained by a clean run', timeoutMs: 120_000 },
    );
    clean.child.kill('SIGTERM');
    await clean.exited;

    const { ids, mailIds, pagedWithoutRow, integrity } = read((db) => ({
      ids: db
        .prepare("SELECT delivery_id FROM alert_outbox WHERE channel = 'webhook'")
        .pluck()
        .all() as string[],
      mailIds: db
        .prepare("SELECT delivery_id FROM alert_outbox WHERE channel = 'email'")
        .pluck()
        .all() as string[],
      pagedWithoutRow: db
        .prepare(
          `SELECT count(*) FROM alert_incidents
           WHERE paged_us IS NOT NULL AND 'page:' || id NOT IN (SELECT delivery_id FROM alert_outbox)`,
        )
        .pluck()
        .get() as number,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    }));
    console.log(
      `kill -9 x${CYCLES}: ${ids.length} pages written, ${receiver.accepted.size} taken, ` +
        `${receiver.requests.length} requests, ${receiver.repeats.length} repeats dropped by id; ` +
        `e-mail: ${mailIds.length} written, ${smtp.accepted.size} taken, ${smtp.repeats.length} repeats dropped by id`,
    );
    expect(integrity).toBe('ok');
    expect(pagedWithoutRow).toBe(0);
    expect(ids.length).toBeGreaterThan(CYCLES);
    // Nothing lost: every written delivery reached the receiver; nothing extra arrived.
    expect(new Set(receiver.accepted.keys())).toEqual(new Set(ids));
    // The same for e-mail: one per page, every one at the SMTP server, each id taken once.
    expect(mailIds.length).toBe(ids.length);
    expect(new Set(smtp.accepted.keys())).toEqual(new Set(mailIds));
  });
});

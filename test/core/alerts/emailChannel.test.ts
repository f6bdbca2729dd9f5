// Alert e-mail end to end on a real store and a real SMTP server on 127.0.0.1 (smtp-server): STARTTLS
// with a self-signed certificate made for the test, a login, pages and digests through the same outbox
// as the webhook (stable id in Message-ID and X-Nightshift-Delivery-Id), a server that refuses retried
// with backoff and the reason shown in alerts.deliveries, the password sealed and never shown, logged or
// audited; past digests read back as sent and exported as escaped, script-free HTML.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertService } from '../../../electron/core/alerts/AlertService.ts';
import { defaultStoreRules } from '../../../electron/core/alerts/defaultRules.ts';
import { AuditLog } from '../../../electron/core/audit/AuditLog.ts';
import type { Logger } from '../../../electron/core/base/Logger.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import type { EmailSettings } from '../../../shared/model/alert.ts';
import { aesSecretBox } from '../../support/aesSecretBox.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../../support/smtpReceiver.ts';
import { waitFor } from '../../support/waitFor.ts';
import { diskPoint as writeDiskPoint } from './support/diskPoint.ts';

const PASSWORD = 'smtp-secret-Pa55';
const HOSTILE = `<img src=x onerror="alert(1)"> & <script>alert('x')</script>`;

let smtp: SmtpReceiver;
let db: Database.Database;
let clock: number;
let service: AlertService;
const logged: string[] = [];
const log: Logger = {
  info: (m) => logged.push(m),
  warn: (m, e) => logged.push(`${m} ${String(e)}`),
  error: (m, e) => logged.push(`${m} ${String(e)}`),
};

function email(over: Partial<EmailSettings> = {}): EmailSettings & { password?: string | null } {
  return {
    host: smtp.host,
    port: smtp.port,
    security: 'starttls',
    from: 'nightshift@example.com',
    to: ['oncall@example.com', 'dba@example.com'],
    user: 'alerts',
    password: PASSWORD,
    ...over,
  };
}

function diskPoint(connectionId: string, value: number): void {
  writeDiskPoint(db, connectionId, value, clock);
}

beforeAll(async () => {
  smtp = await startSmtpReceiver({ user: 'alerts', password: PASSWORD });
});
afterAll(async () => smtp.close());

beforeEach(() => {
  db = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'ns-alert-mail-')) });
  clock = Date.parse('2026-06-10T01:00:00Z'); // 03:00 in Berlin: quiet hours
  // One server for the file; every test's store numbers its incidents from 1 again.
  smtp.mode = 'ok';
  smtp.received.length = 0;
  smtp.accepted.clear();
  smtp.repeats.length = 0;
  smtp.logins.length = 0;
  service = new AlertService({
    db,
    log,
    rules: defaultStoreRules(),
    secrets: aesSecretBox(),
    audit: new AuditLog(db),
    connectionName: () => HOSTILE,
    now: () => clock,
    defaultTimeZone: 'Europe/Berlin',
    retry: { baseMs: 50, capMs: 200 },
    sendTimeoutMs: 5_000,
    tickMs: 50,
    emailTls: { ca: smtp.cert },
  });
});

afterEach(async () => {
  await service.stop();
  db.close();
});

describe('alert e-mail over SMTP', () => {
  it('pages by e-mail over STARTTLS with a login, once, under the stable delivery id', async () => {
    service.setEmail({ connectionId: 'a', email: email() });
    service.start();
    diskPoint('a', 97);
    const [page] = service.evaluate('a');
    const id = `page:${page!.incidentId}:email`;
    await waitFor(
      () => service.deliveries('a', 10)[0]?.state,
      (s) => s === 'sent',
      'the e-mail page marked sent',
    );
    const mail = smtp.accepted.get(id);
    expect(mail).toMatchObject({ deliveryId: id, secure: true, user: 'alerts' });
    expect(mail!.messageId).toBe(`<page=3A${page!.incidentId}=3Aemail@nightshift.invalid>`);
    expect(mail!.subject).toMatch(/CRITICAL/);
    expect(mail!.raw).toMatch(/Disk used is 97\.0 %/);
    expect(service.deliveries('a', 10)).toMatchObject([
      { deliveryId: id, channel: 'email', kind: 'page', state: 'sent', attempts: 1, lastError: null },
    ]);
  });

  it('shows "password set", never the password, and keeps it sealed, out of the audit and the log', () => {
    const settings = service.setEmail({ connectionId: 'a', email: email() });
    expect(settings.email).toEqual({
      ...email(),
      password: undefined,
      passwordSource: 'keychain',
      passwordStatus: 'password set',
      available: true,
    });
    expect(JSON.stringify(settings)).not.toContain(PASSWORD);
    // Changing the recipients keeps the password; null clears it.
    const kept = service.setEmail({
      connectionId: 'a',
      email: { ...email({ to: ['x@example.com'] }), password: undefined },
    });
    expect(kept.email).toMatchObject({ to: ['x@example.com'], passwordStatus: 'password set' });
    const row = db.prepare('SELECT * FROM alert_email').get() as Record<string, unknown>;
    expect((row.password_sealed as Buffer).toString('latin1')).not.toContain(PASSWORD);
    const audit = db.prepare("SELECT * FROM audit_log WHERE action = 'alerts.setEmail'").all();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).toContain('x@example.com');
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(logged.join('\n')).not.toContain(PASSWORD);
    const cleared = service.setEmail({ connectionId: 'a', email: { ...email(), password: null } });
    expect(cleared.email).toMatchObject({ passwordSource: 'none', passwordStatus: 'no password' });
  });

  it('retries a server that refuses, with backoff, and says why in the deliveries', async () => {
    smtp.mode = 'refuse';
    service.setEmail({ connectionId: 'b', email: email() });
    service.start();
    diskPoint('b', 97);
    const [page] = service.evaluate('b');
    const id = `page:${page!.incidentId}:email`;
    const advance = setInterval(() => (clock += 1000), 20);
    try {
      await waitFor(
        () => service.deliveries('b', 10)[0],
        (d) => d !== undefined && d.attempts >= 3,
        'three refused attempts',
      );
      const refused = service.deliveries('b', 10)[0]!;
      expect(refused).toMatchObject({ state: 'pending', lastError: expect.stringMatching(/451/) });
      expect(Date.parse(refused.nextAttemptAt!)).toBeGreaterThan(Date.parse(refused.createdAt));
      smtp.mode = 'ok';
      await waitFor(
        () => service.deliveries('b', 10)[0]?.state,
        (s) => s === 'sent',
        'delivered once the server takes mail',
      );
    } finally {
      clearInterval(advance);
    }
    expect(smtp.received.filter((m) => m.deliveryId === id)).toHaveLength(1);
    expect(smtp.repeats).not.toContain(id);
  });

  it("a wrong password fails the delivery with the server's words, never the password", async () => {
    service.setEmail({ connectionId: 'c', email: { ...email(), password: 'wrong-password-123' } });
    service.start();
    diskPoint('c', 97);
    service.evaluate('c');
    await waitFor(
      () => service.deliveries('c', 10)[0]?.lastError,
      (e) => typeof e === 'string' && e.length > 0,
      'the failed login in the deliveries',
    );
    const error = service.deliveries('c', 10)[0]!.lastError!;
    expect(error).toMatch(/auth|login|535|credentials/i);
    expect(error).not.toContain('wrong-password-123');
    expect(logged.join('\n')).not.toContain('wrong-password-123');
    expect(smtp.logins).toContainEqual({ user: 'alerts', ok: false });
  });
});

describe('digests by e-mail, past digests and exports', () => {
  it('sends the 10:00 digest by e-mail (escaped HTML part), lists it as past, and exports it', async () => {
    service.setEmail({ connectionId: 'd', email: email() });
    diskPoint('d', 90); // a warning: held for the digest
    service.evaluate('d');
    clock = Date.parse('2026-06-10T08:00:00Z');
    service.tick();
    await service.drain();
    const id = 'digest:d:2026-06-10T08:00:00.000Z:email';
    const mail = smtp.accepted.get(id);
    expect(mail).toBeDefined();
    expect(mail!.raw).not.toContain('<script>');
    expect(mail!.raw).not.toContain('<img src=x');

    const past = service.pastDigests('d', 10);
    expect(past).toMatchObject([
      {
        at: '2026-06-10T08:00:00.000000Z',
        lines: 1,
        warning: 1,
        deliveries: [{ channel: 'email', state: 'sent', attempts: 1, lastError: null }],
      },
    ]);
    const digest = service.pastDigest('d', past[0]!.at);
    expect(digest.connectionName).toBe(HOSTILE);
    expect(digest.lines).toMatchObject([{ severity: 'warning', ruleId: 'disk-used' }]);

    const html = service.exportDigest({ connectionId: 'd', at: past[0]!.at, format: 'html' });
    expect(html).toMatchObject({
      fileName: 'nightshift-digest-2026-06-10.html',
      mimeType: 'text/html;charset=utf-8',
    });
    expect(html.text).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;script&gt;');
    expect(html.text).not.toMatch(/<script|<img|onerror="/i);
    expect(html.text).not.toMatch(/(src|href)=["']?(https?:)?\/\//i); // self-contained
    const md = service.exportDigest({ connectionId: 'd', at: past[0]!.at, format: 'markdown' });
    expect(md.text).toBe(digest.markdown);
    // The next digest as it stands exports too; an unknown past one is a clear error.
    expect(service.exportDigest({ connectionId: 'd', format: 'html' }).text).toMatch(/^<!doctype html>/);
    expect(() => service.pastDigest('d', '2020-01-01T00:00:00Z')).toThrow(/no digest/);
  });
});

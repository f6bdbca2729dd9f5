// Alerting end to end on a real store and real HTTP receivers on 127.0.0.1: incidents from the disk
// rule (warning to the digest, critical paged once, flapping held down), the outbox retrying a receiver
// that answers 500 and one that hangs until each took its delivery exactly once under a stable id, the
// 10:00 local digest, the webhook URL sealed and never audited, acknowledgement audited.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertService } from '../../../electron/core/alerts/AlertService.ts';
import { defaultStoreRules } from '../../../electron/core/alerts/defaultRules.ts';
import { AuditLog } from '../../../electron/core/audit/AuditLog.ts';
import type { Logger } from '../../../electron/core/base/Logger.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import { aesSecretBox } from '../../support/aesSecretBox.ts';
import { waitFor } from '../../support/waitFor.ts';
import { diskPoint as writeDiskPoint } from './support/diskPoint.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhookReceiver.ts';
import { BERLIN_SCHEDULE } from './support/berlinSchedule.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const MIN = 60_000;

let db: Database.Database;
let clock: number;
let service: AlertService;
const receivers: WebhookReceiver[] = [];

function diskPoint(connectionId: string, value: number): void {
  writeDiskPoint(db, connectionId, value, clock);
}

function newService(): AlertService {
  return new AlertService({
    db,
    log: quiet,
    rules: defaultStoreRules(),
    secrets: aesSecretBox(),
    audit: new AuditLog(db),
    connectionName: (id) => `cluster ${id}`,
    now: () => clock,
    defaultTimeZone: 'Europe/Berlin',
    retry: { baseMs: 50, capMs: 200 },
    // Long enough for a first fetch on a loaded 2-core machine (a timed-out attempt waits for the frozen clock).
    sendTimeoutMs: 3_000,
    tickMs: 50,
  });
}

async function receiver(mode: 'ok' | 'fail' | 'hang'): Promise<WebhookReceiver> {
  const r = await startWebhookReceiver(mode);
  receivers.push(r);
  return r;
}

beforeEach(() => {
  db = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'ns-alerts-')) });
  // 2026-06-10 03:00 in Berlin (01:00Z): in the quiet hours.
  clock = Date.parse('2026-06-10T01:00:00Z');
  service = newService();
});

afterEach(async () => {
  await service.stop();
  db.close();
});

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

describe('incidents', () => {
  it('a warning waits for the digest; the same condition on later passes is one incident with a count', () => {
    diskPoint('a', 88);
    expect(service.evaluate('a')).toEqual([]);
    clock += MIN;
    diskPoint('a', 89);
    service.evaluate('a');
    const [incident, ...more] = service.incidents({ connectionId: 'a' });
    expect(more).toEqual([]);
    expect(incident).toMatchObject({
      ruleId: 'disk-used',
      subject: 'disk',
      severity: 'warning',
      count: 2,
      pagedAt: null,
    });
    expect(incident!.message).toMatch(
      /Disk used is 89\.0 % \(rule: disk used over 85 % \(warning\) \/ 95 % \(critical\)\)/,
    );
    expect(incident!.link).toBe('#/overview?c=a');
  });

  it('critical pages once; flapping within the hold-down reopens the same incident without a new page', () => {
    diskPoint('a', 97);
    expect(service.evaluate('a')).toHaveLength(1);
    clock += MIN;
    diskPoint('a', 97.5);
    expect(service.evaluate('a')).toEqual([]);
    clock += MIN;
    diskPoint('a', 50);
    service.evaluate('a');
    expect(service.incidents({ connectionId: 'a' })).toEqual([]);
    const [resolved] = service.incidents({ connectionId: 'a', state: 'all' });
    expect(resolved!.resolvedAt).not.toBeNull();

    clock += 10 * MIN; // within the 60-minute hold-down
    diskPoint('a', 98);
    expect(service.evaluate('a')).toEqual([]);
    const all = service.incidents({ connectionId: 'a', state: 'all' });
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: resolved!.id, resolvedAt: null, count: 3 });

    clock += MIN;
    diskPoint('a', 40);
    service.evaluate('a');
    clock += 61 * MIN; // past the hold-down: a new incident, a new page
    diskPoint('a', 99);
    expect(service.evaluate('a')).toHaveLength(1);
    expect(service.incidents({ connectionId: 'a', state: 'all' })).toHaveLength(2);
  });

  it('acknowledging says who, when and why, and is audited', () => {
    diskPoint('a', 90);
    service.evaluate('a');
    const [incident] = service.incidents({ connectionId: 'a' });
    const acked = service.acknowledge({
      incidentId: incident!.id,
      by: 'dana',
      note: 'cleanup scheduled <b>today</b>',
    });
    expect(acked.acknowledged).toEqual({
      by: 'dana',
      at: '2026-06-10T01:00:00.000000Z',
      note: 'cleanup scheduled <b>today</b>',
    });
    const audit = db
      .prepare("SELECT action, reason, target_json FROM audit_log WHERE action = 'alerts.acknowledge'")
      .get() as { action: string; reason: string; target_json: string };
    expect(audit.reason).toBe('cleanup scheduled <b>today</b>');
    expect(JSON.parse(audit.target_json)).toMatchObject({ incidentId: incident!.id, ruleId: 'disk-used' });
  });
});

describe('webhook delivery through the outbox', () => {
  it('is sent at once for a critical page, even in quiet hours, with a stable delivery id', async () => {
    const ok = await receiver('ok');
    service.setWebhook({ connectionId: 'a', webhook: { format: 'json', url: ok.url } });
    service.start();
    diskPoint('a', 97);
    const [page] = service.evaluate('a');
    const id = `page:${page!.incidentId}`;
    await waitFor(
      () => ok.accepted.size,
      (n) => n === 1,
      'the page at the receiver',
    );
    expect(ok.accepted.get(id)).toMatchObject({
      kind: 'page',
      deliveryId: id,
      incident: { severity: 'critical' },
    });
    // The receiver answers before the outbox marks the row: wait for the mark.
    await waitFor(
      () => service.deliveries('a', 10)[0]?.state,
      (st) => st === 'sent',
      'the page marked sent',
    );
    expect(service.deliveries('a', 10)).toMatchObject([{ deliveryId: id, state: 'sent', attempts: 1 }]);
  });

  it('retries a receiver that answers 500 and one that hangs; each takes the delivery once, same id', async () => {
    const failing = await receiver('fail');
    const hanging = await receiver('hang');
    service.setWebhook({ connectionId: 'b', webhook: { format: 'json', url: failing.url } });
    service.setWebhook({ connectionId: 'c', webhook: { format: 'slack', url: hanging.url } });
    service.start();
    diskPoint('b', 97);
    diskPoint('c', 97);
    const [pb] = service.evaluate('b');
    const [pc] = service.evaluate('c');

    // Backoff is measured on the service's clock: let it run so retries come due.
    const advance = setInterval(() => (clock += 1000), 20);
    try {
      await waitFor(
        () => failing.requests.length,
        (n) => n >= 3,
        'three attempts at the failing receiver',
      );
      await waitFor(
        () => hanging.requests.length,
        (n) => n >= 2,
        'two attempts at the hanging receiver',
      );
      expect(service.deliveries('b', 10)[0]).toMatchObject({
        state: 'pending',
        lastError: expect.stringMatching(/500/),
      });
      failing.mode = 'ok';
      hanging.mode = 'ok';
      await waitFor(
        () => failing.accepted.size + hanging.accepted.size,
        (n) => n === 2,
        'both delivered',
      );
    } finally {
      clearInterval(advance);
    }
    expect(new Set(failing.requests.map((r) => r.deliveryId))).toEqual(new Set([`page:${pb!.incidentId}`]));
    expect(new Set(hanging.requests.map((r) => r.deliveryId))).toEqual(new Set([`page:${pc!.incidentId}`]));
    expect(failing.repeats).toEqual([]);
    expect(hanging.repeats).toEqual([]);
    // Slack's format: one text, escaped.
    expect(hanging.accepted.get(`page:${pc!.incidentId}`)).toEqual({
      text: expect.stringMatching(/^:rotating_light: \*CRITICAL\* on cluster c: Disk used is 97\.0 %/),
    });
    await waitFor(
      () => service.deliveries('b', 10)[0]?.state,
      (s) => s === 'sent',
      'b marked sent',
    );
  });

  it('seals the webhook URL in the store and keeps it out of the audit', () => {
    const url = 'https://hooks.slack.example/services/T000/B000/very-secret-token';
    const settings = service.setWebhook({ connectionId: 'a', webhook: { format: 'slack', url } });
    expect(settings.webhook).toEqual({
      format: 'slack',
      urlHint: 'https://hooks.slack.example/…',
      urlSource: 'keychain',
      available: true,
    });
    const row = db.prepare('SELECT * FROM alert_channels').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain('very-secret-token');
    expect((row.url_sealed as Buffer).toString('latin1')).not.toContain('very-secret-token');
    const audit = db.prepare("SELECT * FROM audit_log WHERE action = 'alerts.setWebhook'").all();
    expect(JSON.stringify(audit)).not.toContain('very-secret-token');
  });
});

describe('the digest', () => {
  it("goes out at 10:00 local with the night's warnings, once, under a stable id", async () => {
    const ok = await receiver('ok');
    service.setWebhook({ connectionId: 'a', webhook: { format: 'json', url: ok.url } });
    diskPoint('a', 90);
    service.evaluate('a'); // 03:00 Berlin: a warning, nothing sent in quiet hours
    const next = service.nextDigest('a');
    expect(next.sendsAt).toBe('2026-06-10T08:00:00.000Z');
    expect(next.lines).toMatchObject([{ severity: 'warning', ruleId: 'disk-used' }]);
    expect(next.markdown).toMatch(/## Warnings \(1\)\n\n- Disk used is 90\.0 %/);

    service.tick();
    await service.drain();
    expect(ok.requests).toEqual([]);

    clock = Date.parse('2026-06-10T08:00:00Z');
    service.tick();
    service.tick(); // a second tick at the same instant writes nothing new
    await service.drain();
    expect([...ok.accepted.keys()]).toEqual(['digest:a:2026-06-10T08:00:00.000Z']);
    const body = ok.accepted.get('digest:a:2026-06-10T08:00:00.000Z') as {
      digest: { lines: unknown[]; from: string };
    };
    expect(body.digest.lines).toHaveLength(1);
    expect(body.digest.from).toBe('2026-06-10T01:00:00.000000Z');
    expect(service.nextDigest('a').sendsAt).toBe('2026-06-11T08:00:00.000Z');
  });

  it('refuses a schedule whose digest falls in its quiet hours', () => {
    expect(() =>
      service.setSchedule({
        connectionId: 'a',
        schedule: { ...BERLIN_SCHEDULE, digestAt: '23:00' },
      }),
    ).toThrow(/falls in the quiet hours/);
  });
});

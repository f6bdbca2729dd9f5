// Alerting wherever the collector runs (issue #12; DESIGN.md §3): after a collector pass the rules
// judge the store -> incidents (applyFindings) -> critical ones written to the outbox as pages, in the
// same transaction; a timer writes each connection's digest when its local digest time has come, and
// sends what the outbox holds (webhook.ts), retrying with backoff. Passes come often (every job's run):
// evaluation runs at most once per evaluateEveryMs per connection.
// Long because the pass, the digest timer and the outbox sender share one clock and one set of
// per-connection state: split apart, each would need the others' bookkeeping to stay exactly-once.
import type { ConnectionOptions } from 'node:tls';
import type Database from 'better-sqlite3';
import type {
  AcknowledgeArgs,
  AlertIncident,
  AlertIncidentsArgs,
  AlertPageEvent,
  AlertSettings,
  AlertSettingsArgs,
  DeliveryRow,
  Digest,
  DigestExport,
  DigestExportArgs,
  NextDigest,
  PastDigest,
  SetEmailArgs,
  SetWebhookArgs,
} from '../../../shared/model/alert.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import { auditAlertChange } from './auditAlertChange.ts';
import { ApiError } from '../base/ApiError.ts';
import type { AlertRule } from '../base/AlertRule.ts';
import { describeError } from '../base/describeError.ts';
import type { Logger } from '../base/Logger.ts';
import type { SecretBox } from '../base/SecretBox.ts';
import { AlertChannels } from './AlertChannels.ts';
import type { AlertRuleSet } from './AlertRuleSet.ts';
import { AlertSchedules } from './AlertSchedules.ts';
import { applyFindings, type JudgedFinding, type PageDue } from './applyFindings.ts';
import { buildDigest } from './buildDigest.ts';
import { lastDigestAt, nextDigestAt } from './localTime.ts';
import { digestHtml } from './digestHtml.ts';
import { EmailChannel } from './EmailChannel.ts';
import { DEFAULT_RETRY, Outbox, retryDelayMs, type OutboxEntry, type RetryPolicy } from './Outbox.ts';
import { digestDeliveryId, listPastDigests, readPastDigest } from './pastDigests.ts';
import { readIncident, readIncidents } from './readIncidents.ts';
import { mayDeliver, scheduleProblem } from './routing.ts';
import { sendEmail } from './sendEmail.ts';
import { postWebhook, webhookBody, type DeliveryPayload } from './webhook.ts';

export type AlertTimings = Partial<
  Pick<
    AlertServiceDeps,
    'retry' | 'sendTimeoutMs' | 'tickMs' | 'evaluateEveryMs' | 'defaultTimeZone' | 'emailTls'
  >
>;

export interface AlertServiceDeps {
  db: Database.Database;
  log: Logger;
  rules: readonly AlertRule[];
  /** The rules a team edits in the app and its exemptions; when given, it replaces `rules`. */
  ruleSet?: AlertRuleSet;
  secrets: SecretBox | null;
  audit: AuditLog;
  /** A connection's name, or null when it no longer exists. */
  connectionName(connectionId: string): string | null;
  now?: () => number;
  defaultTimeZone?: string;
  retry?: RetryPolicy;
  /** How long a receiver may take before the attempt counts as failed (a hanging one must not block). */
  sendTimeoutMs?: number;
  /** Digest and outbox check period. */
  tickMs?: number;
  evaluateEveryMs?: number;
  /** Told of every page as it is written (desktop notifications), whatever channels are configured. */
  onPage?: (page: AlertPageEvent) => void;
  /** Extra TLS options for SMTP (a test's own CA); in production NODE_EXTRA_CA_CERTS does this. */
  emailTls?: ConnectionOptions;
}

const BATCH = 20;
const HOLD_MS = 60_000;

export class AlertService {
  private readonly schedules: AlertSchedules;
  private readonly channels: AlertChannels;
  private readonly email: EmailChannel;
  private readonly outbox: Outbox;
  private readonly now: () => number;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly lastEvaluated = new Map<string, number>();
  private ticker: NodeJS.Timeout | undefined;
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private running = false;

  constructor(private readonly d: AlertServiceDeps) {
    this.now = d.now ?? Date.now;
    this.schedules = new AlertSchedules(
      d.db,
      d.defaultTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    );
    this.channels = new AlertChannels(d.db, d.secrets);
    this.email = new EmailChannel(d.db, d.secrets);
    this.outbox = new Outbox(d.db);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      this.tick();
      this.ticker = setTimeout(tick, this.d.tickMs ?? 15_000);
      this.ticker.unref?.();
    };
    tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.ticker);
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    await this.draining?.catch(() => undefined);
  }

  /** The collector finished a run for this connection: evaluate soon (coalesced). */
  onPass(connectionId: string): void {
    if (!this.running || this.pending.has(connectionId)) return;
    const every = this.d.evaluateEveryMs ?? 10_000;
    const wait = Math.max(0, (this.lastEvaluated.get(connectionId) ?? -Infinity) + every - this.now());
    const timer = setTimeout(() => {
      this.pending.delete(connectionId);
      if (!this.running) return;
      try {
        this.evaluate(connectionId);
      } catch (error) {
        this.d.log.warn(`alerts: evaluating ${connectionId} failed`, error);
      }
    }, wait);
    timer.unref?.();
    this.pending.set(connectionId, timer);
  }

  /** Runs every rule for a connection now; returns the pages it wrote. */
  evaluate(connectionId: string): PageDue[] {
    const nowMs = this.now();
    const nowUs = nowMs * 1000;
    this.lastEvaluated.set(connectionId, nowMs);
    const schedule = this.schedules.ensure(connectionId, nowUs);
    const judged: { rule: AlertRule; findings: JudgedFinding[] }[] = [];
    const suppressor = this.d.ruleSet?.suppressor(connectionId, nowUs, nowUs);
    const inForce = this.d.ruleSet?.rulesFor(connectionId) ?? this.d.rules;
    for (const rule of inForce) {
      try {
        const findings = rule.evaluate({ db: this.d.db, connectionId, nowUs });
        judged.push({
          rule,
          findings: suppressor
            ? findings.map((f) => ({ ...f, suppressedBy: suppressor(rule.id, f, nowUs) }))
            : findings,
        });
      } catch (error) {
        // A broken rule keeps its incidents as they are rather than resolving them.
        this.d.log.warn(`alerts: rule ${rule.id} failed on ${connectionId}`, error);
      }
    }
    const holdDownUs = schedule.holdDownMinutes * 60e6;
    const pages = this.d.db.transaction(() => {
      const due: PageDue[] = [];
      for (const { rule, findings } of judged)
        due.push(...applyFindings(this.d.db, rule, connectionId, findings, nowUs, holdDownUs));
      for (const p of due) this.enqueuePage(connectionId, p, nowUs);
      // A rule turned off in the app leaves no incident open behind it.
      // (A rule that failed this pass is still in force: its incidents stay as they are.)
      if (this.d.ruleSet) closeOtherRules(this.d.db, connectionId, inForce, nowUs);
      return due;
    })();
    if (pages.length > 0) void this.drain();
    for (const p of pages) this.announcePage(connectionId, p, nowMs);
    return pages;
  }

  /** Writes each due digest, then sends what is due. */
  tick(): void {
    const nowMs = this.now();
    for (const connectionId of this.schedules.connectionIds()) {
      try {
        this.writeDueDigest(connectionId, nowMs);
      } catch (error) {
        this.d.log.warn(`alerts: digest for ${connectionId} failed`, error);
      }
    }
    void this.drain();
  }

  /** Sends every due outbox entry (one drain at a time; a call during one runs another after it). */
  drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.drainAgain = false;
        const due = this.outbox.due(this.now() * 1000, BATCH);
        await Promise.all(
          due.map((e) => this.send(e.deliveryId, e.connectionId, e.kind, e.payload, e.attempts, e.channel)),
        );
        if (due.length === BATCH) this.drainAgain = true;
      } while (this.drainAgain && this.running);
    })().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  // ---- the API's side ----

  incidents(a: AlertIncidentsArgs): AlertIncident[] {
    return readIncidents(this.d.db, a.connectionId, a.state ?? 'open', a.limit ?? 200);
  }

  acknowledge(a: AcknowledgeArgs): AlertIncident {
    const before = readIncident(this.d.db, a.incidentId);
    if (!before) throw new ApiError('not_found', 'There is no such incident.');
    this.d.db
      .prepare('UPDATE alert_incidents SET ack_by = ?, ack_at_us = ?, ack_note = ? WHERE id = ?')
      .run(a.by, this.now() * 1000, a.note, a.incidentId);
    auditAlertChange(this.d.audit, 'alerts.acknowledge', before.connectionId, {
      target: { incidentId: before.id, ruleId: before.ruleId, subject: before.subject },
      params: { by: a.by },
      reason: a.note,
    });
    return readIncident(this.d.db, a.incidentId)!;
  }

  /** What the next digest holds as it stands now. */
  nextDigest(connectionId: string): NextDigest {
    const nowMs = this.now();
    const s = this.schedules.get(connectionId) ?? {
      ...this.schedules.defaults(),
      digestFromUs: nowMs * 1000,
    };
    const sendsAtMs = nextDigestAt(nowMs, s.digestAt, s.timeZone);
    const digest = buildDigest(
      this.d.db,
      { id: connectionId, name: this.d.connectionName(connectionId) ?? connectionId },
      s.digestFromUs,
      sendsAtMs * 1000,
      s.timeZone,
    );
    return { ...digest, sendsAt: new Date(sendsAtMs).toISOString() };
  }

  settings(connectionId: string): AlertSettings {
    const s = this.schedules.get(connectionId);
    const schedule = s
      ? {
          timeZone: s.timeZone,
          digestAt: s.digestAt,
          quietFrom: s.quietFrom,
          quietTo: s.quietTo,
          holdDownMinutes: s.holdDownMinutes,
        }
      : this.schedules.defaults();
    return {
      connectionId,
      schedule,
      webhook: this.channels.info(connectionId),
      email: this.email.info(connectionId),
    };
  }

  setSchedule(a: AlertSettingsArgs): AlertSettings {
    const problem = scheduleProblem(a.schedule);
    if (problem) throw new ApiError('invalid_args', problem);
    const before = this.settings(a.connectionId).schedule;
    this.schedules.set(a.connectionId, a.schedule, this.now() * 1000);
    auditAlertChange(this.d.audit, 'alerts.setSchedule', a.connectionId, {
      before: JSON.stringify(before),
      after: JSON.stringify(a.schedule),
    });
    return this.settings(a.connectionId);
  }

  setWebhook(a: SetWebhookArgs): AlertSettings {
    const before = this.channels.info(a.connectionId);
    const after = this.channels.set(a.connectionId, a.webhook);
    // The URL is a secret: the audit keeps its format and host only.
    auditAlertChange(this.d.audit, 'alerts.setWebhook', a.connectionId, {
      before: before ? `${before.format} ${before.urlHint}` : 'none',
      after: after ? `${after.format} ${after.urlHint} (${after.urlSource})` : 'none',
    });
    return this.settings(a.connectionId);
  }

  deliveries(connectionId: string, limit: number): DeliveryRow[] {
    return this.outbox.list(connectionId, limit);
  }

  setEmail(a: SetEmailArgs): AlertSettings {
    const before = this.email.info(a.connectionId);
    const after = this.email.set(a.connectionId, a.email);
    // Never the password: only whether it was kept, set or cleared.
    const words = (e: typeof before) =>
      e
        ? `${e.security} ${e.host}:${e.port} from ${e.from} to ${e.to.join(', ')} (${e.passwordStatus})`
        : 'none';
    auditAlertChange(this.d.audit, 'alerts.setEmail', a.connectionId, {
      before: words(before),
      after: words(after),
      params: {
        password:
          a.email === null || a.email.password === undefined
            ? 'unchanged'
            : a.email.password
              ? 'set'
              : 'cleared',
      },
    });
    return this.settings(a.connectionId);
  }

  pastDigests(connectionId: string, limit: number): PastDigest[] {
    return listPastDigests(this.d.db, connectionId, limit);
  }

  pastDigest(connectionId: string, at: string): Digest {
    const digest = readPastDigest(this.d.db, connectionId, at);
    if (!digest) throw new ApiError('not_found', `There is no digest of ${at} for this connection.`);
    return digest;
  }

  /** A past digest as it was sent, or the next one as it stands, as a Markdown or HTML file. */
  exportDigest(a: DigestExportArgs): DigestExport {
    const digest = a.at ? this.pastDigest(a.connectionId, a.at) : this.nextDigest(a.connectionId);
    const name = `nightshift-digest-${digest.to.slice(0, 10)}`;
    return a.format === 'html'
      ? { fileName: `${name}.html`, mimeType: 'text/html;charset=utf-8', text: digestHtml(digest) }
      : { fileName: `${name}.md`, mimeType: 'text/markdown;charset=utf-8', text: digest.markdown };
  }

  // ---- inside ----

  private payloadConnection(connectionId: string) {
    return { id: connectionId, name: this.d.connectionName(connectionId) ?? connectionId };
  }

  private enqueuePage(connectionId: string, p: PageDue, nowUs: number): void {
    const deliveryId = `page:${p.incidentId}`;
    const payload: DeliveryPayload = {
      kind: 'page',
      deliveryId,
      connection: this.payloadConnection(connectionId),
      incident: {
        id: p.incidentId,
        ruleId: p.ruleId,
        subject: p.subject,
        severity: 'critical',
        message: p.message,
        link: p.link,
        at: new Date(nowUs / 1000).toISOString(),
      },
    };
    this.enqueueForChannels(
      { deliveryId, connectionId, kind: 'page', summary: p.message.slice(0, 200), payload },
      nowUs,
    );
  }

  /**
   * One outbox row per configured channel (none: pages and digests show in the app only). The webhook
   * keeps the bare delivery id; e-mail's is the same id with ":email", so each channel's receiver sees
   * one stable id and the outbox tracks each channel's retries on its own.
   */
  private enqueueForChannels(e: Omit<OutboxEntry, 'channel'>, nowUs: number): void {
    if (this.channels.info(e.connectionId)) this.outbox.enqueue({ ...e, channel: 'webhook' }, nowUs);
    if (this.email.info(e.connectionId)) {
      const deliveryId = `${e.deliveryId}:email`;
      const payload = { ...(e.payload as DeliveryPayload), deliveryId };
      this.outbox.enqueue({ ...e, deliveryId, payload, channel: 'email' }, nowUs);
    }
  }

  private announcePage(connectionId: string, p: PageDue, nowMs: number): void {
    try {
      this.d.onPage?.({
        connectionId,
        connectionName: this.d.connectionName(connectionId) ?? connectionId,
        incidentId: p.incidentId,
        message: p.message,
        link: p.link,
        at: new Date(nowMs).toISOString(),
      });
    } catch (error) {
      this.d.log.warn('alerts: a page listener failed', error);
    }
  }

  private writeDueDigest(connectionId: string, nowMs: number): void {
    const name = this.d.connectionName(connectionId);
    if (name === null) return;
    const s = this.schedules.get(connectionId);
    if (!s) return;
    const dueUs = lastDigestAt(nowMs, s.digestAt, s.timeZone) * 1000;
    if (dueUs <= s.digestFromUs) return;
    this.d.db.transaction(() => {
      const digest = buildDigest(this.d.db, { id: connectionId, name }, s.digestFromUs, dueUs, s.timeZone);
      this.d.db
        .prepare(
          `INSERT INTO alert_digests (connection_id, period_end_us, period_start_us, digest_json)
           VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(connectionId, dueUs, s.digestFromUs, JSON.stringify(digest));
      {
        const deliveryId = digestDeliveryId(connectionId, dueUs);
        const payload: DeliveryPayload = {
          kind: 'digest',
          deliveryId,
          connection: { id: connectionId, name },
          digest,
        };
        const summary = `Digest: ${digest.lines.length} item${digest.lines.length === 1 ? '' : 's'}`;
        this.enqueueForChannels({ deliveryId, connectionId, kind: 'digest', summary, payload }, nowMs * 1000);
      }
      this.schedules.advanceDigest(connectionId, dueUs);
    })();
  }

  private async send(
    deliveryId: string,
    connectionId: string,
    kind: 'page' | 'digest',
    payload: unknown,
    attempts: number,
    channel: string,
  ): Promise<void> {
    const nowMs = this.now();
    const schedule = this.schedules.get(connectionId) ?? { ...this.schedules.defaults(), digestFromUs: 0 };
    if (!mayDeliver(kind, nowMs, schedule)) {
      this.outbox.hold(deliveryId, 'held: quiet hours', (nowMs + 5 * HOLD_MS) * 1000);
      return;
    }
    const target =
      channel === 'email' ? this.email.resolve(connectionId) : this.channels.resolve(connectionId);
    if ('missing' in target) {
      this.outbox.hold(deliveryId, `held: ${target.missing}`, (nowMs + HOLD_MS) * 1000);
      return;
    }
    const timeoutMs = this.d.sendTimeoutMs ?? 10_000;
    try {
      if ('url' in target)
        await postWebhook(
          target.url,
          webhookBody(target.format, payload as DeliveryPayload),
          deliveryId,
          timeoutMs,
        );
      else await sendEmail(target, payload as DeliveryPayload, deliveryId, timeoutMs, this.d.emailTls);
      this.outbox.sent(deliveryId, this.now() * 1000);
    } catch (error) {
      const delay = retryDelayMs(attempts + 1, this.d.retry ?? DEFAULT_RETRY);
      if (attempts === 0) this.d.log.warn(`alerts: delivery ${deliveryId} failed: ${describeError(error)}`);
      this.outbox.failed(deliveryId, describeError(error), (this.now() + delay) * 1000);
    }
  }
}

function closeOtherRules(
  db: Database.Database,
  connectionId: string,
  inForce: readonly AlertRule[],
  nowUs: number,
): void {
  const ids = inForce.map((r) => r.id);
  db.prepare(
    `UPDATE alert_incidents SET resolved_us = ? WHERE connection_id = ? AND resolved_us IS NULL
       AND rule_id NOT IN (SELECT value FROM json_each(?))`,
  ).run(nowUs, connectionId, JSON.stringify(ids));
}

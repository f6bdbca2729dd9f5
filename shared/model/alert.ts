// Alerting (issue #12): incidents raised by rules after each collector pass, routed as a page at once
// (critical) or held for the daily digest, and delivered through an outbox so nothing is lost or sent
// twice.

export type AlertSeverity = 'critical' | 'warning' | 'info';

export const SEVERITY_ORDER: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** One incident: one rule + one subject, however many passes saw it. */
export interface AlertIncident {
  id: number;
  connectionId: string;
  ruleId: string;
  /** The rule in words, with its thresholds ("disk used over 85 % (warning) / 95 % (critical)"). */
  rule: string;
  /** What the rule is about: a queue, a statement, the disk ("queue:6"). */
  subject: string;
  severity: AlertSeverity;
  /** Plain words with the numbers, from the latest pass that saw it. */
  message: string;
  /** Hash URL of the view that explains it. */
  link: string;
  firstSeen: string;
  lastSeen: string;
  /** Passes that saw it. */
  count: number;
  resolvedAt: string | null;
  /** When the page for it was written to the outbox; null when it went (or goes) to the digest. */
  pagedAt: string | null;
  acknowledged: { by: string; at: string; note: string } | null;
}

export interface AlertIncidentsArgs {
  connectionId: string;
  /** open: not resolved (default); all: history too, newest first. */
  state?: 'open' | 'all';
  limit?: number;
}

export interface AcknowledgeArgs {
  incidentId: number;
  by: string;
  note: string;
}

/** When the digest goes out and when nothing but critical pages may (per connection). */
export interface AlertSchedule {
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone: string;
  /** Local time of the digest, HH:MM (default 10:00). */
  digestAt: string;
  /** Quiet hours, local HH:MM; may span midnight (default 22:00-08:00). */
  quietFrom: string;
  quietTo: string;
  /** A condition that clears and comes back within this many minutes is the same incident (no new page). */
  holdDownMinutes: number;
}

export type WebhookFormat = 'json' | 'slack';

export interface AlertChannelInfo {
  format: WebhookFormat;
  /** Scheme and host only: the rest of a webhook URL is a secret. */
  urlHint: string;
  /** keychain: sealed in the store; session: kept for this run only (no keychain in headless mode). */
  urlSource: 'keychain' | 'session';
  /** False when a session URL was lost with a restart. */
  available: boolean;
}

export interface AlertSettings {
  connectionId: string;
  schedule: AlertSchedule;
  webhook: AlertChannelInfo | null;
  email: EmailChannelInfo | null;
}

export interface AlertSettingsArgs {
  connectionId: string;
  schedule: AlertSchedule;
}

export interface SetWebhookArgs {
  connectionId: string;
  /** null removes the webhook. */
  webhook: { format: WebhookFormat; url: string } | null;
}

export interface DigestLine {
  incidentId: number;
  severity: AlertSeverity;
  ruleId: string;
  message: string;
  link: string;
  /** Passes that saw it in the period (counts instead of repetitions). */
  count: number;
  firstSeen: string;
  lastSeen: string;
  resolved: boolean;
}

export interface Digest {
  connectionId: string;
  connectionName: string;
  /** [from, to): what the digest covers. */
  from: string;
  to: string;
  timeZone: string;
  lines: DigestLine[];
  markdown: string;
}

/** The next digest as it stands now, and when it goes out. */
export interface NextDigest extends Digest {
  sendsAt: string;
}

export interface DeliveryRow {
  deliveryId: string;
  kind: 'page' | 'digest';
  channel: string;
  createdAt: string;
  state: 'pending' | 'sent';
  attempts: number;
  nextAttemptAt: string | null;
  sentAt: string | null;
  lastError: string | null;
  summary: string;
}

// ---- e-mail, past digests, exports, pushed pages (channels and digest output) ----

/**
 * starttls: the server must upgrade the connection to TLS (STARTTLS) or nothing is sent;
 * starttls-optional: upgrade when the server offers it; tls: TLS from the first byte (port 465).
 */
export type EmailSecurity = 'starttls' | 'starttls-optional' | 'tls';

export interface EmailSettings {
  host: string;
  port: number;
  security: EmailSecurity;
  from: string;
  to: string[];
  /** SMTP login; null when the server takes mail without one. */
  user: string | null;
}

/** What the API shows of the e-mail channel: never the password, only whether there is one. */
export interface EmailChannelInfo extends EmailSettings {
  /** keychain: sealed in the store; session: for this run only; none: no password. */
  passwordSource: 'keychain' | 'session' | 'none';
  /** "password set", "no password", or why the password is not usable now. */
  passwordStatus: string;
  /** False when the password cannot be read now (session password lost with a restart). */
  available: boolean;
}

export interface SetEmailArgs {
  connectionId: string;
  /** null removes e-mail. password: omitted keeps the stored one, null clears it, a string replaces it. */
  email: (EmailSettings & { password?: string | null }) | null;
}

/** A digest that was written (due), with how its deliveries went. */
export interface PastDigest {
  /** The digest instant (its period's end): the id to open or export it with. */
  at: string;
  from: string;
  lines: number;
  critical: number;
  warning: number;
  info: number;
  /** One per channel it was written to; empty when no channel was configured then. */
  deliveries: { channel: string; state: 'pending' | 'sent'; attempts: number; lastError: string | null }[];
}

export interface DigestExportArgs {
  connectionId: string;
  /** A past digest's `at`; null (or omitted) exports the next digest as it stands now. */
  at?: string | null;
  format: 'markdown' | 'html';
}

export interface DigestExport {
  fileName: string;
  mimeType: string;
  text: string;
}

/** Pushed when a critical page is written (desktop notifications). */
export interface AlertPageEvent {
  connectionId: string;
  connectionName: string;
  incidentId: number;
  message: string;
  link: string;
  at: string;
}

// Where a connection's alerts go: one webhook per connection. Its URL is a secret (a Slack incoming
// webhook's path is its token), kept like a connection password (connections/PasswordVault.ts): sealed
// with the OS keychain when there is one, otherwise for this run only, never written in clear.
import type Database from 'better-sqlite3';
import type { AlertChannelInfo, WebhookFormat } from '../../../shared/model/alert.ts';
import type { SecretBox } from '../base/SecretBox.ts';

export interface ResolvedWebhook {
  format: WebhookFormat;
  url: string;
}

interface ChannelRow {
  format: WebhookFormat;
  url_source: 'keychain' | 'session';
  url_sealed: Buffer | null;
  url_hint: string;
}

export class AlertChannels {
  private readonly sessionUrls = new Map<string, string>();

  constructor(
    private readonly db: Database.Database,
    private readonly secrets: SecretBox | null,
  ) {}

  set(connectionId: string, webhook: ResolvedWebhook | null): AlertChannelInfo | null {
    this.sessionUrls.delete(connectionId);
    if (webhook === null) {
      this.db.prepare('DELETE FROM alert_channels WHERE connection_id = ?').run(connectionId);
      return null;
    }
    const sealed = this.secrets ? this.secrets.encrypt(webhook.url) : null;
    if (!sealed) this.sessionUrls.set(connectionId, webhook.url);
    this.db
      .prepare(
        `INSERT INTO alert_channels (connection_id, format, url_source, url_sealed, url_hint, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (connection_id) DO UPDATE SET format = excluded.format, url_source = excluded.url_source,
           url_sealed = excluded.url_sealed, url_hint = excluded.url_hint, updated_at = excluded.updated_at`,
      )
      .run(
        connectionId,
        webhook.format,
        sealed ? 'keychain' : 'session',
        sealed,
        urlHint(webhook.url),
        new Date().toISOString(),
      );
    return this.info(connectionId);
  }

  info(connectionId: string): AlertChannelInfo | null {
    const row = this.row(connectionId);
    if (!row) return null;
    return {
      format: row.format,
      urlHint: row.url_hint,
      urlSource: row.url_source,
      available: row.url_source === 'keychain' ? this.secrets !== null : this.sessionUrls.has(connectionId),
    };
  }

  /** The webhook to send to now, or why there is none. */
  resolve(connectionId: string): ResolvedWebhook | { missing: string } {
    const row = this.row(connectionId);
    if (!row) return { missing: 'no webhook is configured for this connection' };
    if (row.url_source === 'keychain') {
      if (!this.secrets || !row.url_sealed)
        return { missing: 'the webhook URL is sealed with the OS keychain, which this process cannot open' };
      return { format: row.format, url: this.secrets.decrypt(row.url_sealed) };
    }
    const url = this.sessionUrls.get(connectionId);
    return url === undefined
      ? { missing: 'the webhook URL was given for one run only and is gone: set it again' }
      : { format: row.format, url };
  }

  private row(connectionId: string): ChannelRow | undefined {
    return this.db
      .prepare('SELECT format, url_source, url_sealed, url_hint FROM alert_channels WHERE connection_id = ?')
      .get(connectionId) as ChannelRow | undefined;
  }
}

/** Scheme and host: enough to recognise the webhook, nothing of its secret path. */
export function urlHint(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}/…`;
}

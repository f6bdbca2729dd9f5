// A connection's SMTP settings for alert e-mail. The password is kept like a connection password
// (connections/PasswordVault.ts): sealed with the SecretBox when there is one, otherwise for this run
// only; it is never returned (info() says whether there is one) and never logged or audited.
import type Database from 'better-sqlite3';
import type { EmailChannelInfo, EmailSettings } from '../../../shared/model/alert.ts';
import type { SecretBox } from '../base/SecretBox.ts';

export interface ResolvedEmail extends EmailSettings {
  password: string | null;
}

interface EmailRow {
  host: string;
  port: number;
  security: EmailSettings['security'];
  from_address: string;
  to_json: string;
  username: string | null;
  password_source: 'keychain' | 'session' | 'none';
  password_sealed: Buffer | null;
}

export class EmailChannel {
  private readonly sessionPasswords = new Map<string, string>();

  constructor(
    private readonly db: Database.Database,
    private readonly secrets: SecretBox | null,
  ) {}

  /** password: undefined keeps the stored one, null clears it, a string replaces it. */
  set(
    connectionId: string,
    email: (EmailSettings & { password?: string | null }) | null,
  ): EmailChannelInfo | null {
    if (email === null) {
      this.sessionPasswords.delete(connectionId);
      this.db.prepare('DELETE FROM alert_email WHERE connection_id = ?').run(connectionId);
      return null;
    }
    const before = this.row(connectionId);
    let source: EmailRow['password_source'] = before?.password_source ?? 'none';
    let sealed: Buffer | null = before?.password_sealed ?? null;
    if (email.password !== undefined) {
      this.sessionPasswords.delete(connectionId);
      sealed = null;
      if (email.password === null || email.password === '') source = 'none';
      else if (this.secrets) {
        source = 'keychain';
        sealed = this.secrets.encrypt(email.password);
      } else {
        source = 'session';
        this.sessionPasswords.set(connectionId, email.password);
      }
    }
    this.db
      .prepare(
        `INSERT INTO alert_email (connection_id, host, port, security, from_address, to_json, username,
           password_source, password_sealed, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (connection_id) DO UPDATE SET host = excluded.host, port = excluded.port,
           security = excluded.security, from_address = excluded.from_address, to_json = excluded.to_json,
           username = excluded.username, password_source = excluded.password_source,
           password_sealed = excluded.password_sealed, updated_at = excluded.updated_at`,
      )
      .run(
        connectionId,
        email.host,
        email.port,
        email.security,
        email.from,
        JSON.stringify(email.to),
        email.user,
        source,
        sealed,
        new Date().toISOString(),
      );
    return this.info(connectionId);
  }

  info(connectionId: string): EmailChannelInfo | null {
    const row = this.row(connectionId);
    if (!row) return null;
    const problem = this.passwordProblem(connectionId, row);
    return {
      ...settingsOf(row),
      passwordSource: row.password_source,
      passwordStatus: problem ?? (row.password_source === 'none' ? 'no password' : 'password set'),
      available: problem === null,
    };
  }

  /** The settings to send with now, or why there are none. */
  resolve(connectionId: string): ResolvedEmail | { missing: string } {
    const row = this.row(connectionId);
    if (!row) return { missing: 'no e-mail is configured for this connection' };
    const problem = this.passwordProblem(connectionId, row);
    if (problem) return { missing: problem };
    const password =
      row.password_source === 'keychain'
        ? this.secrets!.decrypt(row.password_sealed!)
        : row.password_source === 'session'
          ? this.sessionPasswords.get(connectionId)!
          : null;
    return { ...settingsOf(row), password };
  }

  private passwordProblem(connectionId: string, row: EmailRow): string | null {
    if (row.password_source === 'keychain' && (!this.secrets || !row.password_sealed))
      return 'the SMTP password is sealed with a key this process cannot open (the OS keychain, or the key file of serve): set it again';
    if (row.password_source === 'session' && !this.sessionPasswords.has(connectionId))
      return 'the SMTP password was given for one run only and is gone: set it again';
    return null;
  }

  private row(connectionId: string): EmailRow | undefined {
    return this.db
      .prepare(
        `SELECT host, port, security, from_address, to_json, username, password_source, password_sealed
         FROM alert_email WHERE connection_id = ?`,
      )
      .get(connectionId) as EmailRow | undefined;
  }
}

function settingsOf(row: EmailRow): EmailSettings {
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    from: row.from_address,
    to: JSON.parse(row.to_json) as string[],
    user: row.username,
  };
}

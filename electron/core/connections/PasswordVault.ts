// Where a direct connection's password lives. The desktop app seals it with the OS keychain; headless
// mode never writes one to disk: it keeps what the user typed for this run only, and otherwise asks
// the environment (PGPASSWORD, then the pgpass file) at connect time, like libpq.
import type { DirectTarget, PasswordSource } from '../../../shared/model/connection.ts';
import { ApiError } from '../api/ApiError.ts';
import type { SecretBox } from '../secrets/SecretBox.ts';
import { lookupPgpass, pgpassPath } from './pgpass.ts';

export class PasswordVault {
  private readonly sessionPasswords = new Map<string, string>();

  constructor(
    private readonly secrets: SecretBox | null,
    private readonly env: Record<string, string | undefined>,
  ) {}

  get canStoreSecrets(): boolean {
    return this.secrets !== null;
  }

  /** Decides where a new connection's password goes; returns what to store (sealed bytes or nothing). */
  keep(id: string, password: string | undefined): { source: PasswordSource; sealed: Buffer | null } {
    if (password === undefined) return { source: 'environment', sealed: null };
    if (this.secrets) return { source: 'keychain', sealed: this.secrets.encrypt(password) };
    this.sessionPasswords.set(id, password);
    return { source: 'session', sealed: null };
  }

  forget(id: string): void {
    this.sessionPasswords.delete(id);
  }

  resolve(
    id: string,
    target: DirectTarget,
    source: PasswordSource,
    sealed: Buffer | null,
  ): string | undefined {
    if (source === 'keychain' && sealed) {
      if (!this.secrets) {
        throw new ApiError(
          'unavailable',
          'This password is sealed with the desktop keychain, which headless mode cannot open. Set PGPASSWORD or use a pgpass file.',
        );
      }
      return this.secrets.decrypt(sealed);
    }
    const kept = this.sessionPasswords.get(id);
    if (kept !== undefined) return kept;
    return this.env.PGPASSWORD ?? lookupPgpass(pgpassPath(this.env), target);
  }
}

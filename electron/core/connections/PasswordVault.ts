// Where a direct connection's password lives. The desktop app seals it with the OS keychain; headless
// mode never writes one to disk: it keeps what the user typed for this run only, and otherwise asks
// the environment (PGPASSWORD, then the pgpass file) at connect time, like libpq.
import type {
  ConnectionTarget,
  DirectTarget,
  PasswordSource,
  PasswordStatus,
} from '../../../shared/model/connection.ts';
import { ApiError } from '../base/ApiError.ts';
import type { SecretBox } from '../base/SecretBox.ts';
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
        throw new ApiError('unavailable', KEYCHAIN_CLOSED);
      }
      return this.secrets.decrypt(sealed);
    }
    if (source === 'session') {
      // Never the environment instead: the user chose this password, and was told it lasts one run.
      const kept = this.sessionPasswords.get(id);
      if (kept === undefined) throw new ApiError('unavailable', SESSION_PASSWORD_GONE);
      return kept;
    }
    return this.env.PGPASSWORD ?? lookupPgpass(pgpassPath(this.env), target);
  }

  /** Where the password would come from right now, in words, and whether there is one. */
  status(
    id: string,
    target: ConnectionTarget,
    source: PasswordSource,
    sealed: Buffer | null,
  ): PasswordStatus {
    switch (source) {
      case 'keychain':
        return this.secrets && sealed
          ? { available: true, detail: 'Stored encrypted with the OS keychain.' }
          : { available: false, detail: KEYCHAIN_CLOSED };
      case 'session':
        return this.sessionPasswords.has(id)
          ? { available: true, detail: 'Given for this run only: it is forgotten when Nightshift stops.' }
          : { available: false, detail: SESSION_PASSWORD_GONE };
      case 'environment': {
        if (this.env.PGPASSWORD !== undefined)
          return { available: true, detail: 'From the PGPASSWORD environment variable.' };
        const file = pgpassPath(this.env);
        if (target.kind === 'direct' && lookupPgpass(file, target) !== undefined)
          return { available: true, detail: `From the pgpass file ${file}.` };
        return {
          available: false,
          detail: `No PGPASSWORD and no matching line in ${file}: the server must accept this user without one.`,
        };
      }
      case 'temporary':
        return {
          available: true,
          detail: 'A temporary password from GetClusterCredentials at every connect.',
        };
      case 'none':
        return { available: true, detail: 'The demo cluster needs no password.' };
    }
  }
}

const SESSION_PASSWORD_GONE =
  'This password was given for one run only, and Nightshift has restarted since: remove the connection and add it again with its password.';
const KEYCHAIN_CLOSED =
  'This password is sealed with the desktop keychain, which this process cannot open: use the desktop app, or set PGPASSWORD or a pgpass file.';

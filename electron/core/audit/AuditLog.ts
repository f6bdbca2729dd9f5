// The audit log: one record per action, refused and failed ones included, never edited or deleted
// (the store's triggers refuse both). Written with synchronous=FULL so a record survives a power cut.
import type Database from 'better-sqlite3';
import { userInfo } from 'node:os';

export interface AuditEntry {
  requestId: string;
  action: string;
  outcome: 'ok' | 'refused' | 'failed';
  connectionId?: string;
  actorDbUser?: string;
  actorAws?: string;
  target?: unknown;
  params?: unknown;
  reason?: string;
  before?: string;
  after?: string;
  message?: string;
}

export class AuditLog {
  private readonly osUser: string;

  constructor(private readonly db: Database.Database) {
    this.osUser = safeOsUser();
  }

  append(entry: AuditEntry): number {
    const insert = this.db.prepare(
      `INSERT INTO audit_log (at, request_id, actor_os_user, actor_db_user, actor_aws, connection_id, action,
         target_json, params_json, reason, before_text, after_text, outcome, message)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.pragma('synchronous = FULL');
    try {
      const result = insert.run(
        new Date().toISOString(),
        entry.requestId,
        this.osUser,
        entry.actorDbUser ?? null,
        entry.actorAws ?? null,
        entry.connectionId ?? null,
        entry.action,
        entry.target === undefined ? null : JSON.stringify(entry.target),
        entry.params === undefined ? null : JSON.stringify(entry.params),
        entry.reason ?? null,
        entry.before ?? null,
        entry.after ?? null,
        entry.outcome,
        entry.message ?? null,
      );
      return Number(result.lastInsertRowid);
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }
}

function safeOsUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

// The audit log: one record per action, refused and failed ones included, never edited or deleted
// (the store's triggers refuse both) and chained (each record's hash covers its content and the
// previous hash), so what the triggers cannot stop — a direct INSERT OR REPLACE, a deleted row — is
// found by verifyAuditChain. Written with synchronous=FULL so a record survives a power cut.
import type Database from 'better-sqlite3';
import { userInfo } from 'node:os';
import { auditHash, GENESIS_HASH, type ChainedContent } from './auditHash.ts';
import { auditRecordOf, type AuditRow } from './auditRecordOf.ts';

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
    if (!db.readonly) this.sealLegacyRecords();
  }

  /** Appends a chained record; returns its sequence number. */
  append(entry: AuditEntry): number {
    return this.durably(() => this.insert(entry, new Date().toISOString()));
  }

  /**
   * A refusal: written once, then counted on that record while the same refusal (action, connection,
   * message) repeats within `windowMs`, so a flood of refused calls is one record with a count.
   * With `messagePrefix`, a message that starts with it is the same refusal (its varying details —
   * the first one is kept — cannot be used to write a new record per call).
   */
  appendRefusal(
    entry: AuditEntry & { outcome: 'refused' },
    windowMs: number,
    messagePrefix?: string,
  ): number {
    return this.durably(() => {
      const now = new Date();
      const sameMessage =
        messagePrefix === undefined
          ? { sql: 'message IS ?', params: [entry.message ?? null] }
          : { sql: 'substr(message, 1, ?) = ?', params: [messagePrefix.length, messagePrefix] };
      const first = this.db
        .prepare(
          `SELECT seq FROM audit_log WHERE action = ? AND outcome = 'refused' AND ${sameMessage.sql}
             AND connection_id IS ? AND at >= ? ORDER BY seq DESC LIMIT 1`,
        )
        .get(
          entry.action,
          ...sameMessage.params,
          entry.connectionId ?? null,
          new Date(now.getTime() - windowMs).toISOString(),
        ) as { seq: number } | undefined;
      if (!first) return this.insert(entry, now.toISOString());
      this.db
        .prepare(
          `INSERT INTO audit_repeats (seq, count, last_at) VALUES (?, 1, ?)
           ON CONFLICT (seq) DO UPDATE SET count = count + 1, last_at = excluded.last_at`,
        )
        .run(first.seq, now.toISOString());
      return first.seq;
    });
  }

  private durably(write: () => number): number {
    this.db.pragma('synchronous = FULL');
    try {
      // IMMEDIATE: the previous hash read and the insert are one step, whatever other process writes.
      return this.db.transaction(write).immediate();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  private insert(entry: AuditEntry, at: string): number {
    const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string | null } | undefined;
    // Never reuse the number of a deleted last record: the gap is what shows it was deleted.
    const used = this.db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`).get() as
      { seq: number } | undefined;
    const content: ChainedContent = {
      seq: Math.max(last?.seq ?? 0, used?.seq ?? 0) + 1,
      at,
      requestId: entry.requestId,
      actorOsUser: this.osUser,
      actorDbUser: entry.actorDbUser ?? null,
      actorAws: entry.actorAws ?? null,
      connectionId: entry.connectionId ?? null,
      action: entry.action,
      target: entry.target === undefined ? null : JSON.stringify(entry.target),
      params: entry.params === undefined ? null : JSON.stringify(entry.params),
      reason: entry.reason ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      outcome: entry.outcome,
      message: entry.message ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    this.db
      .prepare(
        `INSERT INTO audit_log (seq, at, request_id, actor_os_user, actor_db_user, actor_aws, connection_id,
           action, target_json, params_json, reason, before_text, after_text, outcome, message, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        content.seq,
        content.at,
        content.requestId,
        content.actorOsUser,
        content.actorDbUser,
        content.actorAws,
        content.connectionId,
        content.action,
        content.target,
        content.params,
        content.reason,
        content.before,
        content.after,
        content.outcome,
        content.message,
        prevHash,
        auditHash(content, prevHash),
      );
    return content.seq;
  }

  /** Records written before the chain existed get their hashes once, in order (migration 0007). */
  private sealLegacyRecords(): void {
    const unsealed = this.db
      .prepare(
        `SELECT * FROM audit_log WHERE hash IS NULL
           AND seq <= (SELECT legacy_through FROM audit_chain_start WHERE id = 1) ORDER BY seq`,
      )
      .all() as AuditRow[];
    if (unsealed.length === 0) return;
    this.db
      .transaction(() => {
        const seal = this.db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
        let prevHash = GENESIS_HASH;
        for (const row of unsealed) {
          const hash = auditHash(auditRecordOf(row), prevHash);
          seal.run(prevHash, hash, row.seq);
          prevHash = hash;
        }
      })
      .immediate();
  }
}

function safeOsUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

// An audit_log row (joined with its repeat count) as the API serves it.
import type { AuditRecord } from '../../../shared/model/audit.ts';

export interface AuditRow {
  seq: number;
  at: string;
  request_id: string;
  actor_os_user: string;
  actor_db_user: string | null;
  actor_aws: string | null;
  connection_id: string | null;
  action: string;
  target_json: string | null;
  params_json: string | null;
  reason: string | null;
  before_text: string | null;
  after_text: string | null;
  outcome: string;
  message: string | null;
  prev_hash: string | null;
  hash: string | null;
  repeat_count?: number | null;
  repeat_last_at?: string | null;
}

/** Select list for audit rows with their repeat counts (`a` is audit_log, `r` audit_repeats). */
export const AUDIT_ROW_COLUMNS = 'a.*, r.count AS repeat_count, r.last_at AS repeat_last_at';
export const AUDIT_ROW_FROM = 'audit_log a LEFT JOIN audit_repeats r ON r.seq = a.seq';

export function auditRecordOf(r: AuditRow): AuditRecord {
  return {
    seq: r.seq,
    at: r.at,
    requestId: r.request_id,
    actorOsUser: r.actor_os_user,
    actorDbUser: r.actor_db_user,
    actorAws: r.actor_aws,
    connectionId: r.connection_id,
    action: r.action,
    target: r.target_json,
    params: r.params_json,
    reason: r.reason,
    before: r.before_text,
    after: r.after_text,
    outcome: r.outcome as AuditRecord['outcome'],
    message: r.message,
    prevHash: r.prev_hash,
    hash: r.hash,
    repeats: r.repeat_count && r.repeat_last_at ? { count: r.repeat_count, lastAt: r.repeat_last_at } : null,
  };
}

// Every change to alerting (rules, exemptions, acknowledgements, schedule, channels) goes on the audit
// record the same way: one entry, outcome ok, under the connection it changed.
import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../audit/AuditLog.ts';

export function auditAlertChange(
  audit: AuditLog,
  action: string,
  connectionId: string,
  entry: Pick<AuditEntry, 'target' | 'params' | 'reason' | 'before' | 'after'>,
): void {
  audit.append({ requestId: randomUUID(), action, outcome: 'ok', connectionId, ...entry });
}

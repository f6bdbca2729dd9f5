// A door refused an admin action before it reached governance (read-only door): that is still an
// action someone tried, so it gets its audit record. Connection management is audited by its handlers.
import { randomUUID } from 'node:crypto';
import type { ApiMethod } from '../../../shared/api.ts';
import type { AuditLog } from '../audit/AuditLog.ts';

const AUDITED = new Set<ApiMethod>(['actions.cancel', 'actions.terminate', 'wlm.apply']);

export function auditRefusal(audit: AuditLog, method: ApiMethod, args: unknown, message: string): void {
  if (!AUDITED.has(method)) return;
  const fields = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  audit.append({
    requestId: randomUUID(),
    action: method,
    outcome: 'refused',
    ...(typeof fields.connectionId === 'string' ? { connectionId: fields.connectionId.slice(0, 100) } : {}),
    target: fields.target,
    ...(typeof fields.reason === 'string' ? { reason: fields.reason.slice(0, 500) } : {}),
    message,
  });
}

// A door refused an admin action before it reached governance (read-only door): that is still an
// action someone tried, so it gets its audit record. Connection management is audited by its handlers.
import { randomUUID } from 'node:crypto';
import type { ApiMethod } from '../../../shared/api.ts';
import type { AuditLog } from '../audit/AuditLog.ts';

/** Identical refusals within this window are counted on the first record instead of written again. */
const REPEAT_WINDOW_MS = 10 * 60_000;

const AUDITED = new Set<ApiMethod>(['actions.cancel', 'actions.terminate', 'wlm.apply']);

export function auditRefusal(audit: AuditLog, method: ApiMethod, args: unknown, message: string): void {
  if (!AUDITED.has(method)) return;
  const fields = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  audit.appendRefusal(
    {
      requestId: randomUUID(),
      action: method,
      outcome: 'refused' as const,
      ...(typeof fields.connectionId === 'string' ? { connectionId: fields.connectionId.slice(0, 100) } : {}),
      target: fields.target,
      ...(typeof fields.reason === 'string' ? { reason: fields.reason.slice(0, 500) } : {}),
      message,
    },
    REPEAT_WINDOW_MS,
  );
}

// A door refused an admin action before it reached governance (read-only door): that is still an
// action someone tried, so it gets its audit record. Connection management is audited by its handlers.
import { randomUUID } from 'node:crypto';
import type { ApiMethod } from '../../../shared/api.ts';
import type { AuditLog } from '../audit/AuditLog.ts';

/** Identical refusals within this window are counted on the first record instead of written again. */
const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * How dispatch words a refusal whose arguments were invalid too; what follows varies with what was
 * sent (which field, how long), so refusals are the same up to here: else varying one length per
 * call would write one record per call again.
 */
const INVALID_TOO = ' Its arguments were not valid either:';

const AUDITED = new Set<ApiMethod>(['actions.cancel', 'actions.terminate', 'wlm.apply']);

export function auditRefusal(audit: AuditLog, method: ApiMethod, args: unknown, message: string): void {
  if (!AUDITED.has(method)) return;
  const invalidAt = message.indexOf(INVALID_TOO);
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
    invalidAt < 0 ? undefined : message.slice(0, invalidAt + INVALID_TOO.length),
  );
}

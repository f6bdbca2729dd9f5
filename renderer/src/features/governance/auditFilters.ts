// The audit view's filters as the user sets them (form text) and as audit.list takes them. Times
// are typed and shown in UTC: the audit log is UTC, always (issue #6).
import type { AuditListArgs } from '../../../../shared/model/audit.ts';

export interface AuditFilters {
  action: string;
  outcome: '' | 'ok' | 'refused' | 'failed';
  connectionId: string;
  text: string;
  /** `YYYY-MM-DD HH:MM` (or a bare date), read as UTC; '' for none. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = {
  action: '',
  outcome: '',
  connectionId: '',
  text: '',
  from: '',
  to: '',
};

export const AUDIT_ACTIONS = [
  { value: 'actions.cancel', label: 'Cancel query' },
  { value: 'actions.terminate', label: 'End session' },
  { value: 'wlm.apply', label: 'WLM change' },
  { value: 'connections.add', label: 'Add connection' },
  { value: 'connections.remove', label: 'Remove connection' },
  // Alerts (issue #12)
  { value: 'alerts.acknowledge', label: 'Acknowledge alert' },
  { value: 'alerts.setSchedule', label: 'Alert schedule' },
  { value: 'alerts.setWebhook', label: 'Alert webhook' },
] as const;

// The app's own ISO dates, whatever the browser's locale (issue #14): "2026-12-01 02:14", with T or a
// space, seconds optional, or a bare date (the whole day).
const ISO_MINUTE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(\.\d{1,3})?)?)?$/;

/** "YYYY-MM-DD HH:MM" read as UTC; `to` takes the whole minute (a bare date the whole day). null when not a time. */
export function utcFromInput(value: string, side: 'from' | 'to'): string | null {
  const m = ISO_MINUTE.exec(value.trim());
  if (!m) return null;
  if (m[2] === undefined) m[2] = side === 'from' ? '00:00' : '23:59';
  const seconds = m[3] ?? (side === 'from' ? ':00' : ':59');
  const fraction = m[4] !== undefined ? '' : side === 'from' ? '.000' : '.999';
  const iso = `${m[1]}T${m[2]}${seconds}${fraction}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

export type FilterCheck = { ok: true; args: AuditListArgs } | { ok: false; message: string };

export function auditArgsOf(f: AuditFilters, page: { limit: number; offset: number }): FilterCheck {
  const args: AuditListArgs = { limit: page.limit, offset: page.offset };
  if (f.action !== '') args.action = f.action;
  if (f.outcome !== '') args.outcome = f.outcome;
  if (f.connectionId !== '') args.connectionId = f.connectionId;
  const text = f.text.trim();
  if (text !== '') args.text = text.slice(0, 500);
  for (const [end, name] of [
    ['from', 'From'],
    ['to', 'To'],
  ] as const) {
    if (f[end] === '') continue;
    const at = utcFromInput(f[end], end);
    if (at === null)
      return {
        ok: false,
        message: `"${name}" is not a date and time: write it as 2026-12-01 02:14 (UTC), or a date.`,
      };
    args[end] = at;
  }
  if (args.from !== undefined && args.to !== undefined && Date.parse(args.from) > Date.parse(args.to)) {
    return { ok: false, message: '"From" is after "To".' };
  }
  return { ok: true, args };
}

/** The audit's JSON columns as readable text: indented when they are JSON, as recorded otherwise. */
export function readableJson(text: string | null): string {
  if (text === null) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** One line for the table's target column: a statement or session in words when it is one. */
export function targetSummary(target: string | null): string {
  if (target === null) return '–';
  let value: unknown;
  try {
    value = JSON.parse(target);
  } catch {
    return target;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return target;
  const t = value as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof t.query === 'number') parts.push(`query ${t.query}`);
  if (typeof t.pid === 'number') parts.push(`pid ${t.pid}`);
  if (typeof t.userName === 'string') parts.push(`user ${t.userName}`);
  if (typeof t.clusterIdentifier === 'string') parts.push(`cluster ${t.clusterIdentifier}`);
  if (typeof t.parameter === 'string') parts.push(t.parameter);
  return parts.length > 0 ? parts.join(', ') : target;
}

// One idempotency key per intent (shared/model/governance.ts CancelArgs): derived only from what the
// user acts on, so a double click, a retry after a timeout and a second window acting on the same
// statement (or the same WLM edit on the same base) produce the same key — one call to Redshift, one
// audit record. The core accepts [\w:.@-], 8 to 200 characters (shared/validate.ts).
import type { SessionTarget, StatementTarget } from '../../../../shared/model/governance.ts';

const MAX_KEY = 200;

/** A short, stable, non-cryptographic hash of a string (cyrb53), as 14 hex digits. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(16).padStart(14, '0');
}

/** Joins the parts with ':' and replaces anything outside [\w:.@-] with '_'; too long → hashed. */
export function idempotencyKey(action: string, ...parts: (string | number | undefined | null)[]): string {
  const raw = [action, ...parts.map((p) => (p === undefined || p === null ? '' : String(p)))].join(':');
  const key = raw.replace(/[^\w:.@-]/g, '_');
  if (key.length <= MAX_KEY) return key;
  // Keep it unique to the intent: the action in clear, the rest as a hash of the unsanitised text.
  return `${action.replace(/[^\w:.@-]/g, '_')}:h:${hashText(raw)}`;
}

export function cancelKey(connectionId: string, t: StatementTarget): string {
  return idempotencyKey('cancel', connectionId, t.pid, t.query, t.startTime ?? t.xid);
}

/** Without the session start, the statement it ran tells a reused pid apart (less surely). */
export function terminateKey(connectionId: string, t: SessionTarget): string {
  return idempotencyKey(
    'terminate',
    connectionId,
    t.pid,
    t.sessionStart ?? (t.query === undefined ? undefined : `q${t.query}`),
  );
}

/** The same JSON applied on the same base is the same intent. */
export function wlmApplyKey(connectionId: string, baseVersion: string, json: string): string {
  return idempotencyKey('wlm.apply', connectionId, baseVersion, hashText(json));
}

// Past digests (issue #12): every digest that came due is kept as it was written (alert_digests), and
// its outbox rows say how each channel's delivery went. Read as sent, for the alerts page and exports.
import type Database from 'better-sqlite3';
import type { Digest, PastDigest } from '../../../shared/model/alert.ts';
import { isoFromMicros, microsFromIso } from '../base/redshiftTime.ts';

/** The outbox id of a digest delivery (a channel other than the webhook adds its name). */
export function digestDeliveryId(connectionId: string, periodEndUs: number): string {
  return `digest:${connectionId}:${new Date(periodEndUs / 1000).toISOString()}`;
}

export function listPastDigests(db: Database.Database, connectionId: string, limit: number): PastDigest[] {
  const rows = db
    .prepare(
      `SELECT period_end_us, period_start_us, digest_json FROM alert_digests
       WHERE connection_id = ? ORDER BY period_end_us DESC LIMIT ?`,
    )
    .all(connectionId, limit) as { period_end_us: number; period_start_us: number; digest_json: string }[];
  const deliveries = db.prepare(
    `SELECT channel, sent_us, attempts, last_error FROM alert_outbox
     WHERE kind = 'digest' AND delivery_id IN (?, ?) ORDER BY channel`,
  );
  return rows.map((r) => {
    const digest = JSON.parse(r.digest_json) as Digest;
    const id = digestDeliveryId(connectionId, r.period_end_us);
    const count = (s: string) => digest.lines.filter((l) => l.severity === s).length;
    return {
      at: isoFromMicros(r.period_end_us),
      from: isoFromMicros(r.period_start_us),
      lines: digest.lines.length,
      critical: count('critical'),
      warning: count('warning'),
      info: count('info'),
      deliveries: (
        deliveries.all(id, `${id}:email`) as {
          channel: string;
          sent_us: number | null;
          attempts: number;
          last_error: string | null;
        }[]
      ).map((d) => ({
        channel: d.channel,
        state: d.sent_us === null ? 'pending' : 'sent',
        attempts: d.attempts,
        lastError: d.last_error,
      })),
    };
  });
}

/** The digest as it was written for that instant, or null when there is none. */
export function readPastDigest(db: Database.Database, connectionId: string, at: string): Digest | null {
  const json = db
    .prepare('SELECT digest_json FROM alert_digests WHERE connection_id = ? AND period_end_us = ?')
    .pluck()
    .get(connectionId, microsFromIso(at)) as string | undefined;
  return json === undefined ? null : (JSON.parse(json) as Digest);
}

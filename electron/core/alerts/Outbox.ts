// The outbox (issue #12): every page and digest is a row here, written in the same transaction as
// what caused it, before anything is sent. A sender takes due rows, sends them with their delivery id,
// and marks them sent only after the receiver said yes; a failure sets the next attempt (backoff). A
// crash between the receiver's yes and the mark sends the same delivery id again, which a receiver
// that keeps ids drops: nothing is lost, and nothing is taken twice.
import type Database from 'better-sqlite3';
import type { DeliveryRow } from '../../../shared/model/alert.ts';
import { isoFromMicros } from '../base/redshiftTime.ts';

export interface OutboxEntry {
  deliveryId: string;
  connectionId: string;
  kind: 'page' | 'digest';
  channel: string;
  summary: string;
  payload: unknown;
}

export interface DueEntry extends OutboxEntry {
  attempts: number;
}

export interface RetryPolicy {
  /** First retry after this; doubled per failure up to capMs. */
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, capMs: 15 * 60_000 };

export function retryDelayMs(attempts: number, policy: RetryPolicy): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

export class Outbox {
  constructor(private readonly db: Database.Database) {}

  /** Writes the entry unless its delivery id is already there; true when it was new. */
  enqueue(e: OutboxEntry, nowUs: number): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO alert_outbox (delivery_id, connection_id, kind, channel, summary, payload_json,
             created_us, next_attempt_us)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING`,
        )
        .run(
          e.deliveryId,
          e.connectionId,
          e.kind,
          e.channel,
          e.summary,
          JSON.stringify(e.payload),
          nowUs,
          nowUs,
        ).changes === 1
    );
  }

  due(nowUs: number, limit: number): DueEntry[] {
    return (
      this.db
        .prepare(
          `SELECT delivery_id, connection_id, kind, channel, summary, payload_json, attempts FROM alert_outbox
           WHERE sent_us IS NULL AND next_attempt_us <= ? ORDER BY next_attempt_us, created_us LIMIT ?`,
        )
        .all(nowUs, limit) as {
        delivery_id: string;
        connection_id: string;
        kind: 'page' | 'digest';
        channel: string;
        summary: string;
        payload_json: string;
        attempts: number;
      }[]
    ).map((r) => ({
      deliveryId: r.delivery_id,
      connectionId: r.connection_id,
      kind: r.kind,
      channel: r.channel,
      summary: r.summary,
      payload: JSON.parse(r.payload_json) as unknown,
      attempts: r.attempts,
    }));
  }

  /** The next instant something is due (epoch µs), or null when nothing waits. */
  nextDueUs(): number | null {
    const v = this.db
      .prepare('SELECT min(next_attempt_us) FROM alert_outbox WHERE sent_us IS NULL')
      .pluck()
      .get() as number | null;
    return v ?? null;
  }

  sent(deliveryId: string, nowUs: number): void {
    this.db
      .prepare(
        'UPDATE alert_outbox SET sent_us = ?, attempts = attempts + 1, last_error = NULL WHERE delivery_id = ?',
      )
      .run(nowUs, deliveryId);
  }

  failed(deliveryId: string, error: string, nextAttemptUs: number): void {
    this.db
      .prepare(
        `UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_us = ?
         WHERE delivery_id = ? AND sent_us IS NULL`,
      )
      .run(error.slice(0, 500), nextAttemptUs, deliveryId);
  }

  /** Not tried: held (quiet hours, no channel yet) until `untilUs`, without counting an attempt. */
  hold(deliveryId: string, reason: string, untilUs: number): void {
    this.db
      .prepare(
        'UPDATE alert_outbox SET last_error = ?, next_attempt_us = ? WHERE delivery_id = ? AND sent_us IS NULL',
      )
      .run(reason, untilUs, deliveryId);
  }

  list(connectionId: string, limit: number): DeliveryRow[] {
    return (
      this.db
        .prepare(
          `SELECT delivery_id, kind, channel, summary, created_us, attempts, next_attempt_us, sent_us, last_error
           FROM alert_outbox WHERE connection_id = ? ORDER BY created_us DESC, delivery_id LIMIT ?`,
        )
        .all(connectionId, limit) as {
        delivery_id: string;
        kind: 'page' | 'digest';
        channel: string;
        summary: string;
        created_us: number;
        attempts: number;
        next_attempt_us: number;
        sent_us: number | null;
        last_error: string | null;
      }[]
    ).map((r) => ({
      deliveryId: r.delivery_id,
      kind: r.kind,
      channel: r.channel,
      summary: r.summary,
      createdAt: isoFromMicros(r.created_us),
      state: r.sent_us === null ? 'pending' : 'sent',
      attempts: r.attempts,
      nextAttemptAt: r.sent_us === null ? isoFromMicros(r.next_attempt_us) : null,
      sentAt: r.sent_us === null ? null : isoFromMicros(r.sent_us),
      lastError: r.last_error,
    }));
  }
}

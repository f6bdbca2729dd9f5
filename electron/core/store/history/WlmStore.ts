// WLM queue samples and configuration changes (wlm_samples, wlm_config_history).
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export interface WlmSampleRecord {
  serviceClass: number;
  queueName: string;
  running: number;
  queued: number;
  slots: number;
}

export type WlmConfigSource = 'service_classes' | 'parameter_group';

// Each statement is prepared where it runs: the jobs make a WlmStore per run and use a part of it.
export class WlmStore {
  constructor(private readonly db: Database.Database) {}

  insertSamples(connectionId: string, atUs: number, samples: readonly WlmSampleRecord[]): void {
    const insert = this.db.prepare(
      `INSERT INTO wlm_samples (connection_id, at_us, service_class, queue_name, running, queued, slots)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (connection_id, at_us, service_class) DO NOTHING`,
    );
    for (const s of samples)
      insert.run(connectionId, atUs, s.serviceClass, s.queueName, s.running, s.queued, s.slots);
  }

  /** Records the configuration when it differs from the last one of that source; returns whether it did. */
  recordConfig(connectionId: string, source: WlmConfigSource, atUs: number, json: string): boolean {
    const hash = createHash('sha1').update(json).digest('hex');
    const last = this.db
      .prepare(
        'SELECT hash FROM wlm_config_history WHERE connection_id = ? AND source = ? ORDER BY at_us DESC LIMIT 1',
      )
      .get(connectionId, source) as { hash: string } | undefined;
    if (last?.hash === hash) return false;
    this.db
      .prepare(
        `INSERT INTO wlm_config_history (connection_id, source, at_us, json, hash) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (connection_id, source, at_us) DO NOTHING`,
      )
      .run(connectionId, source, atUs, json, hash);
    return true;
  }

  /** Queues seen lately, with their last name and slots (for logins that cannot read the config view). */
  knownQueues(connectionId: string, sinceUs: number): WlmSampleRecord[] {
    const known = this.db.prepare(
      `SELECT s.service_class, s.queue_name, s.slots FROM wlm_samples s
       JOIN (SELECT service_class, max(at_us) AS at_us FROM wlm_samples WHERE connection_id = ? AND at_us >= ?
             GROUP BY service_class) m ON m.service_class = s.service_class AND m.at_us = s.at_us
       WHERE s.connection_id = ?`,
    );
    const rows = known.all(connectionId, sinceUs, connectionId) as {
      service_class: number;
      queue_name: string;
      slots: number;
    }[];
    return rows.map((r) => ({
      serviceClass: r.service_class,
      queueName: r.queue_name,
      slots: r.slots,
      running: 0,
      queued: 0,
    }));
  }
}

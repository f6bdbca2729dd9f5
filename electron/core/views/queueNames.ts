// Queue names and slots as the store knows them. The WLM sampler names a queue "Service class N" with
// 0 slots when the login cannot read the superuser-only STV_WLM_SERVICE_CLASS_CONFIG (REFERENCE 1.8;
// wlmStateJob.ts): the stored configuration (parameter group, else the service classes) names it then.
import type Database from 'better-sqlite3';
import { configRows } from './wlmConfigRows.ts';

export interface QueueIdentity {
  name: string;
  /** Configured slots; -1 under automatic WLM. */
  slots: number;
}

/** A sample's name when it is a real one (not the sampler's placeholder). */
export function sampledName(serviceClass: number, name: string): string | null {
  return name === '' || name === `Service class ${serviceClass}` ? null : name;
}

/** The queues of the configuration in force at `atUs` (the latest one when omitted). */
export function configuredQueues(
  db: Database.Database,
  connectionId: string,
  atUs = Number.MAX_SAFE_INTEGER,
): Map<number, QueueIdentity> {
  const latest = db.prepare(
    `SELECT json FROM wlm_config_history WHERE connection_id = ? AND source = ? AND at_us <= ?
     ORDER BY at_us DESC LIMIT 1`,
  );
  for (const source of ['parameter_group', 'service_classes'] as const) {
    const row = latest.get(connectionId, source, atUs) as { json: string } | undefined;
    const rows = row ? configRows(source, row.json) : null;
    if (rows)
      return new Map(
        rows.rows.map((r) => [
          r.serviceClass,
          { name: r.name, slots: r.concurrency === 'auto' ? -1 : r.concurrency },
        ]),
      );
  }
  return new Map();
}

/** Service class -> queue name: the configuration's, else the latest real name a sample carried. */
export function queueNamesOf(db: Database.Database, connectionId: string): Map<number, string> {
  const names = new Map<number, string>();
  const fromSamples = db
    .prepare(
      `SELECT service_class, queue_name FROM wlm_samples s
       WHERE connection_id = ? AND at_us = (SELECT max(at_us) FROM wlm_samples t
                                            WHERE t.connection_id = s.connection_id AND t.service_class = s.service_class)`,
    )
    .all(connectionId) as { service_class: number; queue_name: string }[];
  for (const r of fromSamples) {
    const name = sampledName(r.service_class, r.queue_name);
    if (name !== null) names.set(r.service_class, name);
  }
  for (const [sc, q] of configuredQueues(db, connectionId)) names.set(sc, q.name);
  return names;
}

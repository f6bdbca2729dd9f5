// wlm.samples: queue samples in a range (bucketed to about a thousand points per queue when the range
// holds more: the maximum per bucket, since pressure charts are about peaks), the configuration changes
// in the range and the collection gaps of wlm_state (drawn as gaps, never as zeros).
import type Database from 'better-sqlite3';
import type {
  WlmConfigChange,
  WlmSample,
  WlmSamplesArgs,
  WlmSamplesResult,
} from '../../../shared/model/wlm.ts';
import { isoFromMicros, microsFromIso } from '../base/redshiftTime.ts';
import { CollectionGaps } from '../store/history/CollectionGaps.ts';

const MAX_POINTS_PER_QUEUE = 1_000;

export function readWlmSamples(db: Database.Database, args: WlmSamplesArgs, nowUs: number): WlmSamplesResult {
  const fromUs = microsFromIso(args.from);
  const toUs = microsFromIso(args.to);
  const classFilter = args.serviceClass === undefined ? '' : 'AND service_class = ?';
  const params: number[] = args.serviceClass === undefined ? [] : [args.serviceClass];
  const counted = db
    .prepare(
      `SELECT count(*) AS n, count(DISTINCT service_class) AS classes FROM wlm_samples
       WHERE connection_id = ? AND at_us BETWEEN ? AND ? ${classFilter}`,
    )
    .get(args.connectionId, fromUs, toUs, ...params) as { n: number; classes: number };
  const perQueue = counted.classes === 0 ? 0 : counted.n / counted.classes;
  let rows: {
    at_us: number;
    service_class: number;
    queue_name: string;
    running: number;
    queued: number;
    slots: number;
  }[];
  if (perQueue <= MAX_POINTS_PER_QUEUE) {
    rows = db
      .prepare(
        `SELECT at_us, service_class, queue_name, running, queued, slots FROM wlm_samples
         WHERE connection_id = ? AND at_us BETWEEN ? AND ? ${classFilter} ORDER BY at_us, service_class`,
      )
      .all(args.connectionId, fromUs, toUs, ...params) as typeof rows;
  } else {
    const bucketUs = Math.ceil((toUs - fromUs + 1) / MAX_POINTS_PER_QUEUE);
    rows = db
      .prepare(
        `SELECT min(at_us) AS at_us, service_class, max(queue_name) AS queue_name, max(running) AS running,
                max(queued) AS queued, max(slots) AS slots
         FROM wlm_samples WHERE connection_id = ? AND at_us BETWEEN ? AND ? ${classFilter}
         GROUP BY service_class, CAST((at_us - ?) / ? AS INTEGER) ORDER BY 1, 2`,
      )
      .all(args.connectionId, fromUs, toUs, ...params, fromUs, bucketUs) as typeof rows;
  }
  const samples: WlmSample[] = rows.map((r) => ({
    at: isoFromMicros(r.at_us),
    serviceClass: r.service_class,
    queueName: r.queue_name,
    running: r.running,
    queued: r.queued,
    slots: r.slots,
  }));
  const configChanges = (
    db
      .prepare(
        `SELECT at_us, json FROM wlm_config_history WHERE connection_id = ? AND at_us BETWEEN ? AND ? ORDER BY at_us`,
      )
      .all(args.connectionId, fromUs, toUs) as { at_us: number; json: string }[]
  ).map((r): WlmConfigChange => ({ at: isoFromMicros(r.at_us), json: r.json }));
  const gaps = new CollectionGaps(db).list(args.connectionId, 'wlm_state', fromUs, toUs, nowUs);
  return { samples, configChanges, gaps };
}

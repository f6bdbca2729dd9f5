// Queue wait: the p95 of the time statements waited in a WLM queue (STL_WLM_QUERY.total_queue_time as
// stored in queries.queue_us), over the statements that left the queue in the last `minutes`, above
// `thresholdMinutes`. Judged per queue on the history the collector has read, so it says what people
// waited, not a guess from one sample; a handful of statements says nothing (minStatements).
import type { AlertFinding, AlertRule } from '../../base/AlertRule.ts';
import { viewLink } from '../../base/AlertRule.ts';
import { durationWords } from '../../base/durationWords.ts';

export interface QueueWaitOptions {
  thresholdMinutes: number;
  minutes: number;
  minStatements: number;
}

const US_PER_MIN = 60_000_000;

export function queueWaitRule(
  o: QueueWaitOptions = { thresholdMinutes: 15, minutes: 30, minStatements: 5 },
): AlertRule {
  const description = `queue wait p95 over ${o.thresholdMinutes} min across the statements of the last ${o.minutes} min (at least ${o.minStatements})`;
  return {
    id: 'queue-wait',
    description,
    evaluate({ db, connectionId, nowUs }) {
      const from = nowUs - o.minutes * US_PER_MIN;
      const waits = new Map<number, { name: string; us: number[] }>();
      // queries_by_start narrows to the window; a statement left the queue at start + queue time.
      for (const [sc, name, queueUs] of db
        .prepare(
          `SELECT service_class, coalesce(queue_name, ''), queue_us FROM queries
           WHERE connection_id = ? AND start_us >= ? AND start_us <= ? AND service_class >= 5
             AND coalesce(wlm_queue_end_us, start_us + queue_us) >= ?`,
        )
        .raw()
        .iterate(connectionId, from - 6 * 60 * US_PER_MIN, nowUs, from) as IterableIterator<
        [number, string, number]
      >) {
        const q = waits.get(sc) ?? { name: name.trim(), us: [] };
        q.us.push(queueUs);
        waits.set(sc, q);
      }
      const found: AlertFinding[] = [];
      for (const [sc, q] of waits) {
        if (q.us.length < o.minStatements) continue;
        q.us.sort((a, b) => a - b);
        const p95 = q.us[Math.ceil(0.95 * q.us.length) - 1]!;
        if (p95 <= o.thresholdMinutes * US_PER_MIN) continue;
        const queue = q.name !== '' ? `"${q.name}" (service class ${sc})` : `service class ${sc}`;
        found.push({
          subject: `queue:${sc}`,
          severity: 'warning',
          message: `Queue ${queue}: p95 wait ${durationWords(p95 / 1000)} over ${q.us.length} statements in the last ${o.minutes} min (rule: ${description}).`,
          link: viewLink('wlm', connectionId),
          about: { queue: q.name !== '' ? q.name : `service class ${sc}` },
        });
      }
      return found;
    },
  };
}

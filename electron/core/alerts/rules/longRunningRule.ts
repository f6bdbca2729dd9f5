// A statement running (or waiting) longer than X in a WLM queue, from the live snapshot (STV_WLM_QUERY_STATE
// as the live job stores it). Only a recent poll counts: a snapshot from hours ago says nothing about
// now. One incident per statement: it resolves when the statement ends or is cancelled.
import type { AlertFinding, AlertRule } from '../../base/AlertRule.ts';
import { viewLink } from '../../base/AlertRule.ts';
import { durationWords } from '../../base/durationWords.ts';

export interface LongRunningOptions {
  /** Execution time in the queue before it is reported. */
  minutes: number;
}

const FRESH_US = 10 * 60 * 1e6;

export function longRunningRule(o: LongRunningOptions = { minutes: 150 }): AlertRule {
  const description = `a statement in a WLM queue for longer than ${durationWords(o.minutes * 60_000)} (queued + executing)`;
  return {
    id: 'long-running',
    description,
    evaluate({ db, connectionId, nowUs }) {
      const rows = db
        .prepare(
          `SELECT query, user_name, label, service_class, state, queue_us, exec_us, polled_us FROM live_statements
           WHERE connection_id = ? AND polled_us >= ? AND polled_us <= ? AND queue_us + exec_us > ?
           ORDER BY queue_us + exec_us DESC LIMIT 50`,
        )
        .all(connectionId, nowUs - FRESH_US, nowUs, o.minutes * 60e6) as {
        query: number;
        user_name: string | null;
        label: string | null;
        service_class: number;
        state: string;
        queue_us: number;
        exec_us: number;
      }[];
      return rows.map((r): AlertFinding => ({
        subject: `statement:${r.query}`,
        severity: 'warning',
        message:
          `Statement ${r.query}${r.user_name ? ` by ${r.user_name.trim()}` : ''}${r.label ? ` (${r.label.trim()})` : ''} ` +
          `in service class ${r.service_class} is ${r.state.trim().toLowerCase()}: ` +
          `${durationWords((r.queue_us + r.exec_us) / 1000)} so far (${durationWords(r.queue_us / 1000)} queued) ` +
          `(rule: ${description}).`,
        link: viewLink('live', connectionId),
        about: { queue: `service class ${r.service_class}`, ...(r.label ? { job: r.label.trim() } : {}) },
      }));
    },
  };
}

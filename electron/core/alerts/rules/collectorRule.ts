// The collector itself: a job that has not succeeded for a while (an open collection gap, written by
// the JobRunner on failure) means Nightshift is blind, which a team needs to know before trusting a
// quiet night. One subject for the whole connection, so a cluster that is down is one incident, not
// one per job. A closed gap longer than warnMinutes in the last 12 h goes to the digest as info.
import type { AlertFinding, AlertRule } from '../../base/AlertRule.ts';
import { durationWords } from '../../base/durationWords.ts';

export interface CollectorOptions {
  warnMinutes: number;
  criticalMinutes: number;
}

const RECENT_GAPS_US = 12 * 3600e6;

export function collectorRule(o: CollectorOptions = { warnMinutes: 15, criticalMinutes: 120 }): AlertRule {
  const description = `collection failing for ${o.warnMinutes} min (warning) / ${o.criticalMinutes} min (critical); gaps over ${o.warnMinutes} min (info)`;
  return {
    id: 'collector',
    description,
    evaluate({ db, connectionId, nowUs }) {
      const found: AlertFinding[] = [];
      const open = db
        .prepare(
          `SELECT job, from_us, reason FROM collection_gaps
           WHERE connection_id = ? AND from_us <= ? AND (to_us IS NULL OR to_us > ?) ORDER BY from_us`,
        )
        .all(connectionId, nowUs, nowUs) as { job: string; from_us: number; reason: string }[];
      const failing = open.filter((g) => nowUs - g.from_us >= o.warnMinutes * 60e6);
      if (failing.length > 0) {
        const longestUs = nowUs - failing[0]!.from_us;
        found.push({
          subject: 'collection',
          severity: longestUs >= o.criticalMinutes * 60e6 ? 'critical' : 'warning',
          message:
            `Nothing collected for ${durationWords(longestUs / 1000)} by ${failing.map((g) => g.job).join(', ')}: ` +
            `${failing[0]!.reason} (rule: ${description}).`,
          link: '#/connections',
        });
      }
      const closed = db
        .prepare(
          `SELECT id, job, from_us, to_us, reason FROM collection_gaps
           WHERE connection_id = ? AND to_us IS NOT NULL AND to_us <= ? AND to_us > ? AND to_us - from_us >= ?
           ORDER BY from_us LIMIT 20`,
        )
        .all(connectionId, nowUs, nowUs - RECENT_GAPS_US, o.warnMinutes * 60e6) as {
        id: number;
        job: string;
        from_us: number;
        to_us: number;
        reason: string;
      }[];
      for (const g of closed)
        found.push({
          subject: `gap:${g.id}`,
          severity: 'info',
          message: `${g.job} collected nothing for ${durationWords((g.to_us - g.from_us) / 1000)}: ${g.reason} (rule: ${description}).`,
          link: '#/connections',
        });
      return found;
    },
  };
}

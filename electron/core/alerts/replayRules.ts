// The replay (issue #12): run a rule set over stored history, step by step, as if Nightshift had been
// watching, and say per digest period ("night") what would have paged and what would have gone to the
// digest, so a team can tune rules before changing them. Incidents of the replay live in a scratch
// in-memory store with the same schema and the same incident logic (applyFindings): the real incidents
// and outbox are never touched.
import Database from 'better-sqlite3';
import type { AlertSchedule } from '../../../shared/model/alert.ts';
import type { AlertRule } from '../base/AlertRule.ts';
import { migrate, readMigrations } from '../store/migrate.ts';
import { DEFAULT_MIGRATIONS_DIR } from '../store/openStore.ts';
import type { Suppressor } from './AlertExemptions.ts';
import { applyFindings } from './applyFindings.ts';
import { localDate } from '../base/zonedTime.ts';
import { nextDigestAt } from './localTime.ts';

export interface ReplayPeriod {
  /** Local date of the digest that closes the period. */
  digestDate: string;
  pages: number;
  /** Incidents first seen in the period that were not pages (what the digest would have held). */
  digestItems: number;
  /** Page messages, for "why". */
  paged: string[];
  /** Messages of what went to the digest (first seen in the period). */
  digest: string[];
  /** Findings an exemption held back (first seen in the period). */
  suppressed: number;
}

export interface ReplayResult {
  periods: ReplayPeriod[];
  pages: number;
  digestItems: number;
  suppressed: number;
  evaluations: number;
}

export function replayRules(
  db: Database.Database,
  connectionId: string,
  rules: readonly AlertRule[],
  o: {
    fromUs: number;
    toUs: number;
    stepUs: number;
    schedule: AlertSchedule;
    /** Exemptions as they would have applied at each step. */
    suppress?: Suppressor;
    /** Called after each step (the worker reports progress and stops a cancelled run from here). */
    onStep?: () => void;
  },
): ReplayResult {
  const scratch = new Database(':memory:');
  try {
    migrate(scratch, readMigrations(DEFAULT_MIGRATIONS_DIR));
    const periods = new Map<string, ReplayPeriod>();
    const periodOf = (us: number): ReplayPeriod => {
      const key = localDate(
        nextDigestAt(us / 1000, o.schedule.digestAt, o.schedule.timeZone),
        o.schedule.timeZone,
      );
      let p = periods.get(key);
      if (!p)
        periods.set(
          key,
          (p = { digestDate: key, pages: 0, digestItems: 0, paged: [], digest: [], suppressed: 0 }),
        );
      return p;
    };
    let evaluations = 0;
    const holdDownUs = o.schedule.holdDownMinutes * 60e6;
    for (let t = o.fromUs; t <= o.toUs; t += o.stepUs) {
      evaluations++;
      const before = scratch
        .prepare('SELECT coalesce(max(id), 0) FROM alert_incidents')
        .pluck()
        .get() as number;
      for (const rule of rules) {
        const findings = rule.evaluate({ db, connectionId, nowUs: t });
        const judged = o.suppress
          ? findings.map((f) => ({ ...f, suppressedBy: o.suppress!(rule.id, f, t) }))
          : findings;
        const pages = applyFindings(scratch, rule, connectionId, judged, t, holdDownUs);
        for (const p of pages) {
          const period = periodOf(t);
          period.pages++;
          period.paged.push(p.message);
        }
      }
      const fresh = scratch
        .prepare(
          `SELECT message, suppressed_by IS NOT NULL AS suppressed FROM alert_incidents
           WHERE id > ? AND (severity != 'critical' OR suppressed_by IS NOT NULL)`,
        )
        .all(before) as { message: string; suppressed: number }[];
      for (const f of fresh) {
        const period = periodOf(t);
        if (f.suppressed) period.suppressed++;
        else {
          period.digestItems++;
          period.digest.push(f.message);
        }
      }
      o.onStep?.();
    }
    const list = [...periods.values()].sort((a, b) => a.digestDate.localeCompare(b.digestDate));
    return {
      periods: list,
      pages: list.reduce((n, p) => n + p.pages, 0),
      digestItems: list.reduce((n, p) => n + p.digestItems, 0),
      suppressed: list.reduce((n, p) => n + p.suppressed, 0),
      evaluations,
    };
  } finally {
    scratch.close();
  }
}

// The "newly slow" alert rule (issue #12): the slow-queries view's own verdict (newlySlowVerdict.ts: the
// median of the last 36 h against the 14 days before, ×k), so the alert and the view never disagree.
// Short statements are left out (minRecentMs): 20 ms becoming 80 ms wakes nobody, and that is also what
// makes a refresh cheap (newlySlowFingerprints.ts reads only fingerprints with a run that long).
import { createHash } from 'node:crypto';
import type { AlertRule, AlertRuleKind } from '../base/AlertRule.ts';
import { viewLink } from '../base/AlertRule.ts';
import { durationWords } from '../base/durationWords.ts';
import { newlySlowFingerprints } from './newlySlowFingerprints.ts';
import { DEFAULT_NEWLY_SLOW_K, MIN_BASELINE_RUNS } from './newlySlowVerdict.ts';

export interface NewlySlowOptions {
  k: number;
  minRecentMs: number;
}

const MAX_GROUPS = 20;

export function newlySlowRule(
  o: NewlySlowOptions = { k: DEFAULT_NEWLY_SLOW_K, minRecentMs: 60_000 },
): AlertRule {
  const description = `a statement whose median over the last 36 h is at least ${o.k}× its median of the 14 days before (at least ${MIN_BASELINE_RUNS} earlier runs, ${durationWords(o.minRecentMs)} or longer)`;
  return {
    id: 'newly-slow',
    description,
    evaluate({ db, connectionId, nowUs }) {
      const found = newlySlowFingerprints(db, connectionId, nowUs, {
        k: o.k,
        minRecentUs: o.minRecentMs * 1000,
        limit: MAX_GROUPS,
      });
      return found.map((g) => {
        const recentMs = (g.recentMedianUs ?? 0) / 1000;
        const baselineMs = (g.baselineMedianUs ?? 0) / 1000;
        return {
          subject: `fingerprint:${createHash('sha256').update(g.fingerprint).digest('hex').slice(0, 16)}`,
          severity: 'warning' as const,
          message:
            `Newly slow ×${(g.ratio ?? 0).toFixed(1)}: "${g.textPreview.slice(0, 80)}" ` +
            `takes ${durationWords(recentMs)} (median, last 36 h) against ${durationWords(baselineMs)} before ` +
            `(rule: ${description}).`,
          link: viewLink('query', connectionId, { q: g.latestQuery }),
        };
      });
    },
  };
}

/** Newly slow as a kind the alerts' rules panel tunes: k, the factor over the earlier median. */
export const newlySlowRuleKind: AlertRuleKind = {
  id: 'newly-slow',
  title: 'Newly slow statement',
  threshold: {
    label: 'Median at least',
    unit: '× the 14 days before',
    min: 1.5,
    max: 100,
    default: DEFAULT_NEWLY_SLOW_K,
  },
  duration: null,
  severity: 'warning',
  scopes: [],
  // Its verdict compares 36 hours with 14 days and moves by the hour: read every 5 minutes.
  cacheMs: 5 * 60_000,
  build: ({ threshold }) => newlySlowRule({ k: threshold ?? DEFAULT_NEWLY_SLOW_K, minRecentMs: 60_000 }),
};

// The "newly slow" alert rule (issue #12): the slow-queries view's own verdict (readFingerprints: the
// median of the last 36 h against the 14 days before, ×k), so the alert and the view never disagree.
// Short statements are left out (minRecentMs): 20 ms becoming 80 ms wakes nobody.
import { createHash } from 'node:crypto';
import type { AlertRule, AlertRuleKind } from '../base/AlertRule.ts';
import { viewLink } from '../base/AlertRule.ts';
import { durationWords } from '../base/durationWords.ts';
import { isoFromMicros } from '../base/redshiftTime.ts';
import { DEFAULT_NEWLY_SLOW_K, MIN_BASELINE_RUNS, readFingerprints } from './readFingerprints.ts';

export interface NewlySlowOptions {
  k: number;
  minRecentMs: number;
}

const RECENT_US = 36 * 3600e6;
const MAX_GROUPS = 20;

export function newlySlowRule(
  o: NewlySlowOptions = { k: DEFAULT_NEWLY_SLOW_K, minRecentMs: 60_000 },
): AlertRule {
  const description = `a statement whose median over the last 36 h is at least ${o.k}× its median of the 14 days before (at least ${MIN_BASELINE_RUNS} earlier runs, ${durationWords(o.minRecentMs)} or longer)`;
  return {
    id: 'newly-slow',
    description,
    evaluate({ db, connectionId, nowUs }) {
      const page = readFingerprints(db, {
        connectionId,
        from: isoFromMicros(nowUs - RECENT_US),
        to: isoFromMicros(nowUs),
        k: o.k,
        sort: 'newlySlow',
        limit: MAX_GROUPS,
      });
      return page.groups
        .filter((g) => g.newlySlow && (g.recentMedianMs ?? 0) >= o.minRecentMs)
        .map((g) => ({
          subject: `fingerprint:${createHash('sha256').update(g.fingerprint).digest('hex').slice(0, 16)}`,
          severity: 'warning' as const,
          message:
            `Newly slow ×${(g.ratio ?? 0).toFixed(1)}: "${g.textPreview.slice(0, 80)}" ` +
            `takes ${durationWords(g.recentMedianMs ?? 0)} (median, last 36 h) against ${durationWords(g.baselineMedianMs ?? 0)} before ` +
            `(rule: ${description}).`,
          link: viewLink('query', connectionId, { q: g.latestQuery }),
        }));
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

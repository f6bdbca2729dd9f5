// Rules edited in the app (issue #12) on a real store: each save is a new version (the evaluator takes
// the latest at the next pass, the history says who changed what and why), bad settings are refused in
// words that name the rule and its bounds, every save is audited, a rule turned off closes its open
// incidents, and a rule lowered to "warning" never pages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertRuleSettings } from '../../../shared/model/alertRule.ts';
import { validateArgs } from '../../../shared/validate.ts';
import { startRuleBed, type RuleBed } from './support/ruleBed.ts';

const C = 'c-rules';
let bed: RuleBed;
const disk = (s: Partial<AlertRuleSettings>): AlertRuleSettings => ({
  enabled: true,
  severity: 'critical',
  threshold: 95,
  durationMinutes: null,
  scope: null,
  ...s,
});
const save = (settings: AlertRuleSettings, note = 'tuning', ruleId = 'disk-used') =>
  bed.rules.saveRule({ connectionId: C, ruleId, settings, author: 'dana', note });

beforeEach(() => {
  bed = startRuleBed(C, '2026-06-10T01:00:00Z');
});

afterEach(() => {
  bed.close();
});

describe('rule versions', () => {
  it('lists every rule with its bounds and defaults; a save is a new version the next pass uses', () => {
    const before = bed.rules.rules(C).find((r) => r.ruleId === 'disk-used')!;
    expect(before).toMatchObject({ version: 0, settings: before.defaults, threshold: { min: 50, max: 100 } });
    bed.disk(90);
    expect(bed.alerts.evaluate(C)).toEqual([]); // 90 % is a warning at the default 95 %

    const after = save(disk({ threshold: 88 }), 'page earlier: the cluster fills fast');
    expect(after).toMatchObject({ version: 1, settings: { threshold: 88 } });
    expect(after.description).toMatch(/over 78 % \(warning\) \/ 88 % \(critical\)/);
    bed.clock.ms += 60_000;
    bed.disk(90);
    const [page] = bed.alerts.evaluate(C);
    expect(page?.message).toMatch(/Disk used is 90\.0 %/);

    save(disk({ threshold: 92 }), 'too noisy');
    const history = bed.rules.ruleHistory(C, 'disk-used');
    expect(history.map((v) => [v.version, v.author, v.note, v.changes])).toEqual([
      [2, 'dana', 'too noisy', ['threshold 88 -> 92']],
      [1, 'dana', 'page earlier: the cluster fills fast', ['threshold 95 -> 88']],
    ]);
    const audit = bed.db
      .prepare(
        "SELECT params_json AS params, reason, before_text AS before, after_text AS after FROM audit_log WHERE action = 'alerts.saveRule' ORDER BY rowid",
      )
      .all() as { params: string; reason: string; before: string; after: string }[];
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]!.params)).toEqual({ by: 'dana', changes: ['threshold 88 -> 92'] });
    expect(audit[1]!.reason).toBe('too noisy');
    expect(JSON.parse(audit[1]!.before).threshold).toBe(88);
    expect(JSON.parse(audit[1]!.after).threshold).toBe(92);
  });

  it('takes a version saved for this connection over one saved for every connection', () => {
    bed.rules.saveRule({
      connectionId: C,
      ruleId: 'queue-wait',
      settings: { enabled: true, severity: 'warning', threshold: 40, durationMinutes: 30, scope: null },
      allConnections: true,
      author: 'dana',
      note: 'all clusters',
    });
    expect(bed.rules.rules('other').find((r) => r.ruleId === 'queue-wait')).toMatchObject({
      versionConnectionId: '',
      settings: { threshold: 40 },
    });
    bed.rules.saveRule({
      connectionId: C,
      ruleId: 'queue-wait',
      settings: {
        enabled: true,
        severity: 'warning',
        threshold: 20,
        durationMinutes: 30,
        scope: { kind: 'queue', value: 'etl_nightly' },
      },
      author: 'dana',
      note: 'this one only',
    });
    const mine = bed.rules.rules(C).find((r) => r.ruleId === 'queue-wait')!;
    expect(mine).toMatchObject({ versionConnectionId: C, settings: { threshold: 20 } });
    expect(mine.description).toMatch(/only queue "etl_nightly"$/);
    expect(bed.rules.rules('other').find((r) => r.ruleId === 'queue-wait')!.settings.threshold).toBe(40);
  });

  it('refuses settings out of bounds or that do not fit the rule, in words', () => {
    expect(() => save(disk({ threshold: 101 }))).toThrow(
      'The threshold of "Disk used" must be between 50 and 100 % used (digest 10 points lower).',
    );
    expect(() => save(disk({ threshold: null }))).toThrow('The rule "Disk used" needs a threshold.');
    expect(() => save(disk({ durationMinutes: 5 }))).toThrow('The rule "Disk used" has no duration.');
    expect(() => save(disk({ scope: { kind: 'feed', value: 'x' } }))).toThrow(
      'The rule "Disk used" cannot be limited to a queue, job or feed.',
    );
    expect(() => save(disk({}), 'x', 'no-such-rule')).toThrow('There is no alert rule "no-such-rule".');
    // The API's schema bounds every string before the core sees it.
    const tooLong = validateArgs('alerts.saveRule', {
      connectionId: C,
      ruleId: 'disk-used',
      settings: disk({}),
      author: 'x'.repeat(500),
      note: '',
    });
    expect(tooLong.ok).toBe(false);
    expect(bed.rules.ruleHistory(C, 'disk-used')).toEqual([]);
  });

  it('closes the open incidents of a rule turned off, and never pages for a rule lowered to warning', () => {
    bed.disk(90);
    bed.alerts.evaluate(C);
    expect(bed.alerts.incidents({ connectionId: C }).map((i) => i.ruleId)).toEqual(['disk-used']);
    save(disk({ enabled: false }), 'disk is being resized');
    bed.clock.ms += 60_000;
    bed.disk(90);
    bed.alerts.evaluate(C);
    expect(bed.alerts.incidents({ connectionId: C })).toEqual([]);

    save(disk({ severity: 'warning' }), 'no pages for disk');
    bed.clock.ms += 60_000;
    bed.disk(99);
    expect(bed.alerts.evaluate(C)).toEqual([]);
    expect(bed.alerts.incidents({ connectionId: C })[0]).toMatchObject({
      severity: 'warning',
      pagedAt: null,
    });
  });
});

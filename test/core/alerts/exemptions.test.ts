// Exemptions and snoozes (issue #12) on a real store: a snooze holds back a page and the digest line
// but records the finding as suppressed, and ends by itself; ending one early is audited; a recurring
// weekday exemption ("nightly_dq_checks may run late on Sundays") covers the whole local Sunday and
// nothing else, across both DST changes; bad exemptions are refused in words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertFinding } from '../../../electron/core/base/AlertRule.ts';
import { exemptionCovers, localWeekday } from '../../../electron/core/alerts/AlertExemptions.ts';
import { startRuleBed, type RuleBed } from './support/ruleBed.ts';

const C = 'c-exempt';
const H = 3600_000;
let bed: RuleBed;

beforeEach(() => {
  // Wednesday 2026-06-10 03:00 in Berlin.
  bed = startRuleBed(C, '2026-06-10T01:00:00Z');
});

afterEach(() => {
  bed.close();
});

/** Dana snoozes the disk rule for `ms` from now. */
const snoozeDisk = (ms: number, reason: string) =>
  bed.rules.addExemption({
    connectionId: C,
    kind: 'rule',
    target: 'disk-used',
    until: new Date(bed.clock.ms + ms).toISOString(),
    author: 'dana',
    reason,
  });

const audited = (action: string) =>
  bed.db
    .prepare('SELECT params_json FROM audit_log WHERE action = ? ORDER BY rowid')
    .pluck()
    .all(action) as string[];

describe('a snooze', () => {
  it('holds back the page and the digest line, records the finding as suppressed, and ends by itself', () => {
    const snooze = snoozeDisk(2 * H, 'resize running until 05:00');
    expect(snooze).toMatchObject({
      activeNow: true,
      weekdays: null,
      timeZone: 'Europe/Berlin',
      author: 'dana',
    });
    bed.disk(97);
    expect(bed.alerts.evaluate(C)).toEqual([]);
    expect(bed.alerts.incidents({ connectionId: C })).toEqual([]);
    expect(bed.alerts.nextDigest(C).lines).toEqual([]);
    const [held] = bed.rules.suppressed(C, 10);
    expect(held).toMatchObject({
      exemptionId: snooze.id,
      ruleId: 'disk-used',
      severity: 'critical',
      count: 1,
    });
    expect(held!.message).toMatch(/Disk used is 97\.0 %/);
    expect(bed.rules.exemptions(C)[0]).toMatchObject({ id: snooze.id, suppressed: 1 });

    // Two hours later the snooze is over: the same condition pages.
    bed.clock.ms += 2 * H;
    bed.disk(97);
    const [page] = bed.alerts.evaluate(C);
    expect(page?.message).toMatch(/Disk used is 97\.0 %/);
    expect(bed.rules.exemptions(C)[0]!.activeNow).toBe(false);
    expect(JSON.parse(audited('alerts.addExemption')[0]!)).toMatchObject({ by: 'dana', weekdays: null });
  });

  it('ends early when someone ends it, audited, and is refused when it makes no sense', () => {
    const e = snoozeDisk(48 * H, 'mute until Monday');
    bed.clock.ms += H;
    const ended = bed.rules.endExemption({ exemptionId: e.id, by: 'eve' });
    expect(ended).toMatchObject({ activeNow: false, endedBy: 'eve' });
    bed.disk(97);
    expect(bed.alerts.evaluate(C)).toHaveLength(1);
    expect(JSON.parse(audited('alerts.endExemption')[0]!)).toEqual({ by: 'eve' });

    const base = { connectionId: C, kind: 'feed' as const, target: 'raw.plays', author: 'dana', reason: 'x' };
    expect(() =>
      bed.rules.addExemption({ ...base, until: new Date(bed.clock.ms - H).toISOString() }),
    ).toThrow('The end must be after the start and in the future.');
    expect(() =>
      bed.rules.addExemption({ ...base, until: new Date(bed.clock.ms + 400 * 24 * H).toISOString() }),
    ).toThrow('An exemption lasts at most 366 days; renew it then.');
    expect(() =>
      bed.rules.addExemption({
        ...base,
        kind: 'rule',
        target: 'no-such',
        until: new Date(bed.clock.ms + H).toISOString(),
      }),
    ).toThrow('There is no alert rule "no-such".');
  });
});

describe('a weekday exemption: "nightly_dq_checks may run late on Sundays" (Europe/Berlin)', () => {
  const sundays = {
    timeZone: 'Europe/Berlin',
    kind: 'job' as const,
    target: 'nightly_dq_checks',
    ruleId: null,
    weekdays: [0],
    fromUs: Date.parse('2026-01-01T00:00:00Z') * 1000,
    untilUs: Date.parse('2026-12-31T00:00:00Z') * 1000,
  };
  const late = (job: string): AlertFinding => ({
    subject: `job:${job}:night`,
    severity: 'warning',
    message: `${job} ran late`,
    link: '#/batches',
    about: { job },
  });
  const covers = (iso: string, job = 'nightly_dq_checks', ruleId = 'batch-job-late') =>
    exemptionCovers(sundays, ruleId, late(job), Date.parse(iso) * 1000);

  it('covers the local Sunday of the spring change (23 hours) and not the hours around it', () => {
    expect(covers('2026-03-28T22:59:00Z')).toBe(false); // Saturday 23:59 CET
    expect(covers('2026-03-28T23:00:00Z')).toBe(true); // Sunday 00:00 CET
    expect(covers('2026-03-29T01:30:00Z')).toBe(true); // Sunday 03:30 CEST, just after the change
    expect(covers('2026-03-29T21:59:00Z')).toBe(true); // Sunday 23:59 CEST
    expect(covers('2026-03-29T22:00:00Z')).toBe(false); // Monday 00:00 CEST
  });

  it('covers the local Sunday of the autumn change (25 hours) and not the hours around it', () => {
    expect(covers('2026-10-24T21:59:00Z')).toBe(false); // Saturday 23:59 CEST
    expect(covers('2026-10-24T22:00:00Z')).toBe(true); // Sunday 00:00 CEST
    expect(covers('2026-10-25T00:30:00Z')).toBe(true); // Sunday 02:30 CEST, the first time
    expect(covers('2026-10-25T01:30:00Z')).toBe(true); // Sunday 02:30 CET, the second time
    expect(covers('2026-10-25T22:59:00Z')).toBe(true); // Sunday 23:59 CET
    expect(covers('2026-10-25T23:00:00Z')).toBe(false); // Monday 00:00 CET
  });

  it('reads the weekday in its own zone, and covers only the job it names', () => {
    // Sunday 23:30 in Berlin is already Monday in Tokyo and still Sunday in New York.
    const at = Date.parse('2026-10-25T22:30:00Z');
    expect(localWeekday(at, 'Europe/Berlin')).toBe(0);
    expect(localWeekday(at, 'Asia/Tokyo')).toBe(1);
    expect(localWeekday(at, 'America/New_York')).toBe(0);
    expect(covers('2026-10-25T12:00:00Z', 'nightly_streams_agg')).toBe(false);
    expect(
      exemptionCovers(
        { ...sundays, ruleId: 'batch-job-failed' },
        'batch-job-late',
        late('nightly_dq_checks'),
        Date.parse('2026-10-25T12:00:00Z') * 1000,
      ),
    ).toBe(false);
  });

  it('stored through the API, it holds back the findings of a Sunday and not of a Monday', () => {
    // Sunday 2026-06-14 10:00 in Berlin.
    bed.clock.ms = Date.parse('2026-06-14T08:00:00Z');
    const e = bed.rules.addExemption({
      connectionId: C,
      kind: 'job',
      target: 'nightly_dq_checks',
      weekdays: [0],
      until: '2026-09-01T00:00:00Z',
      author: 'dana',
      reason: 'the DQ checks run the weekly full scan on Sundays',
    });
    expect(e).toMatchObject({ weekdays: [0], activeNow: true });
    const suppress = bed.ruleSet.suppressor(
      C,
      Date.parse('2026-06-01T00:00:00Z') * 1000,
      Date.parse('2026-07-01T00:00:00Z') * 1000,
    );
    const match = (iso: string) =>
      suppress('batch-job-late', late('nightly_dq_checks'), Date.parse(iso) * 1000) === e.id;
    expect(match('2026-06-14T21:00:00Z')).toBe(true);
    expect(match('2026-06-15T08:00:00Z')).toBe(false);
  });
});

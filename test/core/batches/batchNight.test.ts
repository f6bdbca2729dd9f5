// Night windows in a business time zone (issue #10): right across DST changes and month ends.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NIGHT_SPEC,
  NightClock,
  formatClock,
  isMonthStartNight,
  nightClockMinutes,
  nightOf,
  nightWindow,
  type NightSpec,
} from '../../../electron/core/base/batchNight.ts';
import { instantOfLocal } from '../../../electron/core/base/zonedTime.ts';
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const spec = (timeZone: string): NightSpec => ({ ...DEFAULT_NIGHT_SPEC, timeZone });

describe('night windows', () => {
  it('is 18:00 -> 12:00 local, named after the morning it ends', () => {
    const w = nightWindow('2026-12-04', spec('Europe/Stockholm'));
    expect(new Date(w.fromMs).toISOString()).toBe('2026-12-03T17:00:00.000Z');
    expect(new Date(w.toMs).toISOString()).toBe('2026-12-04T11:00:00.000Z');
    expect(w.toMs - w.fromMs).toBe(18 * HOUR);
  });

  it.each([
    // CET -> CEST in March, back in October.
    ['Europe/Stockholm', '2026-03-29', '2026-03-28T17:00:00.000Z', '2026-03-29T10:00:00.000Z', '2026-10-25'],
    // EST -> EDT on New York's own dates, weeks before and after Europe's.
    ['America/New_York', '2026-03-08', '2026-03-07T23:00:00.000Z', '2026-03-08T16:00:00.000Z', '2026-11-01'],
  ])(
    'is 17 hours the night clocks go forward and 19 the night they go back (%s)',
    (zone, springNight, springFrom, springTo, autumnNight) => {
      const spring = nightWindow(springNight, spec(zone));
      expect(spring.toMs - spring.fromMs).toBe(17 * HOUR);
      expect(new Date(spring.fromMs).toISOString()).toBe(springFrom);
      expect(new Date(spring.toMs).toISOString()).toBe(springTo);
      const autumn = nightWindow(autumnNight, spec(zone));
      expect(autumn.toMs - autumn.fromMs).toBe(19 * HOUR);
    },
  );

  it('crosses month and year ends', () => {
    const w = nightWindow('2027-01-01', spec('America/New_York'));
    expect(new Date(w.fromMs).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(nightOf(at('2027-01-01T03:30:00Z'), spec('America/New_York'))).toBe('2027-01-01');
    expect(nightOf(at('2026-03-01T02:00:00Z'), spec('UTC'))).toBe('2026-03-01');
    expect(nightOf(at('2026-02-28T19:00:00Z'), spec('UTC'))).toBe('2026-03-01');
  });

  it('puts the afternoon in no night, and every other instant in exactly one', () => {
    const s = spec('Europe/Stockholm');
    expect(nightOf(at('2026-07-01T12:30:00Z'), s)).toBeNull(); // 14:30 CEST
    const clock = new NightClock(s);
    for (let t = at('2026-03-20T00:00:00Z'); t < at('2026-04-05T00:00:00Z'); t += 7 * 60_000) {
      const night = nightOf(t, s);
      expect(clock.nightOf(t)).toBe(night);
      if (night !== null) {
        const w = nightWindow(night, s);
        expect(t >= w.fromMs && t < w.toMs).toBe(true);
      }
    }
  });

  it('resolves repeated and skipped local times', () => {
    // 02:30 on 2026-10-25 happens twice in Stockholm: the first is 00:30 UTC.
    expect(new Date(instantOfLocal('2026-10-25', 150, 'Europe/Stockholm')).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // 02:30 on 2026-03-29 does not exist: read with the winter offset.
    expect(new Date(instantOfLocal('2026-03-29', 150, 'Europe/Stockholm')).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('says local finish times as a clock relative to the night, and marks month starts', () => {
    const s = spec('Europe/Stockholm');
    expect(formatClock(nightClockMinutes(at('2026-12-04T05:42:00Z'), '2026-12-04', s.timeZone))).toBe(
      '06:42',
    );
    expect(nightClockMinutes(at('2026-12-03T22:00:00Z'), '2026-12-04', s.timeZone)).toBe(-60);
    expect(isMonthStartNight('2026-12-01')).toBe(true);
    expect(isMonthStartNight('2026-12-04')).toBe(false);
  });
});

// Digest time and quiet hours in a connection's zone, across DST changes and midnight.
import { describe, expect, it } from 'vitest';
import { inQuietHours, lastDigestAt, nextDigestAt } from '../../../electron/core/alerts/localTime.ts';
import { instantOfLocal } from '../../../electron/core/base/zonedTime.ts';
import { mayDeliver, routeOf, scheduleProblem } from '../../../electron/core/alerts/routing.ts';
import { BERLIN_SCHEDULE } from './support/berlinSchedule.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);

describe('digest time', () => {
  it('is 10:00 local on both sides of the spring change in Berlin (UTC+1 -> UTC+2)', () => {
    // DST starts 2026-03-29 at 02:00 local.
    expect(iso(nextDigestAt(at('2026-03-28T12:00:00Z'), '10:00', 'Europe/Berlin'))).toBe(
      '2026-03-29T08:00:00.000Z',
    );
    expect(iso(nextDigestAt(at('2026-03-27T12:00:00Z'), '10:00', 'Europe/Berlin'))).toBe(
      '2026-03-28T09:00:00.000Z',
    );
  });

  it('is 10:00 local on both sides of the autumn change in New York (UTC-4 -> UTC-5)', () => {
    // DST ends 2026-11-01 at 02:00 local.
    expect(iso(nextDigestAt(at('2026-10-31T20:00:00Z'), '10:00', 'America/New_York'))).toBe(
      '2026-11-01T15:00:00.000Z',
    );
    expect(iso(nextDigestAt(at('2026-10-30T20:00:00Z'), '10:00', 'America/New_York'))).toBe(
      '2026-10-31T14:00:00.000Z',
    );
  });

  it('the digest due now is the latest one at or before now; the next is strictly after', () => {
    const tenBerlin = at('2026-06-10T08:00:00Z');
    expect(lastDigestAt(tenBerlin, '10:00', 'Europe/Berlin')).toBe(tenBerlin);
    expect(lastDigestAt(tenBerlin - 1, '10:00', 'Europe/Berlin')).toBe(tenBerlin - 86_400_000);
    expect(nextDigestAt(tenBerlin, '10:00', 'Europe/Berlin')).toBe(tenBerlin + 86_400_000);
  });

  it('a skipped wall time is taken after the gap, a repeated one at its first occurrence', () => {
    // 02:30 does not exist in Berlin on 2026-03-29: 03:30 CEST = 01:30Z.
    expect(iso(instantOfLocal('2026-03-29', 150, 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
    // 01:30 happens twice in New York on 2026-11-01: first at EDT (05:30Z).
    expect(iso(instantOfLocal('2026-11-01', 90, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('a zone east of UTC whose local day differs from the UTC day (Auckland)', () => {
    // 2026-07-01T23:00Z is 11:00 on 2 July in Auckland (UTC+12): the next 10:00 is 3 July local.
    expect(iso(nextDigestAt(at('2026-07-01T23:00:00Z'), '10:00', 'Pacific/Auckland'))).toBe(
      '2026-07-02T22:00:00.000Z',
    );
  });
});

describe('quiet hours', () => {
  it('span midnight: 22:00-08:00 holds 23:59 and 07:59, not 08:00 or 21:59', () => {
    const q = (s: string) => inQuietHours(at(s), 'UTC', '22:00', '08:00');
    expect(q('2026-06-10T23:59:00Z')).toBe(true);
    expect(q('2026-06-10T07:59:00Z')).toBe(true);
    expect(q('2026-06-10T22:00:00Z')).toBe(true);
    expect(q('2026-06-10T08:00:00Z')).toBe(false);
    expect(q('2026-06-10T21:59:00Z')).toBe(false);
  });

  it('follow local time through a DST change (Berlin 07:30 local is quiet in winter and summer)', () => {
    expect(inQuietHours(at('2026-03-28T06:30:00Z'), 'Europe/Berlin', '22:00', '08:00')).toBe(true);
    expect(inQuietHours(at('2026-03-30T05:30:00Z'), 'Europe/Berlin', '22:00', '08:00')).toBe(true);
    expect(inQuietHours(at('2026-03-30T06:30:00Z'), 'Europe/Berlin', '22:00', '08:00')).toBe(false);
  });

  it('a warning never goes out in quiet hours; a critical page does', () => {
    const threeAm = at('2026-06-10T01:00:00Z');
    expect(routeOf('warning')).toBe('digest');
    expect(routeOf('info')).toBe('digest');
    expect(routeOf('critical')).toBe('page');
    expect(mayDeliver('digest', threeAm, BERLIN_SCHEDULE)).toBe(false);
    expect(mayDeliver('page', threeAm, BERLIN_SCHEDULE)).toBe(true);
    expect(mayDeliver('digest', at('2026-06-10T08:00:00Z'), BERLIN_SCHEDULE)).toBe(true);
  });

  it('a schedule whose digest falls in its quiet hours, or a bad zone, is refused in words', () => {
    expect(scheduleProblem(BERLIN_SCHEDULE)).toBeNull();
    expect(scheduleProblem({ ...BERLIN_SCHEDULE, digestAt: '07:00' })).toMatch(/falls in the quiet hours/);
    expect(scheduleProblem({ ...BERLIN_SCHEDULE, timeZone: 'Mars/Olympus' })).toMatch(/not a time zone/);
    expect(scheduleProblem({ ...BERLIN_SCHEDULE, quietTo: '25:00' })).toMatch(/not a time of day/);
  });
});

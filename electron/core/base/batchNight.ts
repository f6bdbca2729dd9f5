// Batch nights (issue #10): a window in the cluster's business time zone, by default 18:00 -> 12:00
// local, named after the date on which it ends (the morning the batch finishes and the admin checks it;
// the demo's scenario calendar names its nights the same way). Local times are converted with the
// platform's IANA data (Intl), so a window across a DST change is 17 or 19 hours long, not 18, and
// a month end is just another date (zonedTime.ts). Pure: the store's rollups (written at ingest) and
// the batches views must agree on which night a statement belongs to.
import { addDays, instantOfLocal, localDate, localParts } from './zonedTime.ts';

export interface NightSpec {
  /** IANA zone, e.g. 'Europe/Stockholm'. */
  timeZone: string;
  /** Local minute of day the window opens (18:00 = 1080). */
  startMinute: number;
  /** Local minute of day the window closes (12:00 = 720); at or before startMinute: the next day. */
  endMinute: number;
}

export const DEFAULT_NIGHT_SPEC: NightSpec = { timeZone: 'UTC', startMinute: 18 * 60, endMinute: 12 * 60 };

const DAY_MS = 86_400_000;

/** The night's window as instants (epoch ms): [fromMs, toMs). */
export function nightWindow(night: string, spec: NightSpec): { fromMs: number; toMs: number } {
  const toMs = instantOfLocal(night, spec.endMinute, spec.timeZone);
  const startDate = spec.startMinute >= spec.endMinute ? addDays(night, -1) : night;
  return { fromMs: instantOfLocal(startDate, spec.startMinute, spec.timeZone), toMs };
}

/** The night an instant belongs to, or null when it falls between windows (the afternoon). */
export function nightOf(ms: number, spec: NightSpec): string | null {
  const today = localDate(ms, spec.timeZone);
  for (const night of [today, addDays(today, 1)]) {
    const w = nightWindow(night, spec);
    if (ms >= w.fromMs && ms < w.toMs) return night;
  }
  return null;
}

/**
 * nightOf for many instants in time order (a page of statements): the last window found is tried
 * first, so a page costs a few Intl conversions instead of one per statement.
 */
export class NightClock {
  private last: { night: string; fromMs: number; toMs: number } | null = null;

  constructor(readonly spec: NightSpec) {}

  nightOf(ms: number): string | null {
    const l = this.last;
    if (l && ms >= l.fromMs && ms < l.toMs) return l.night;
    const night = nightOf(ms, this.spec);
    if (night !== null) this.last = { night, ...nightWindow(night, this.spec) };
    return night;
  }
}

/**
 * Month-start nights (issue #10: "days 1-3 against the rest of the month"): their batch carries the
 * month-end closing, so they are marked and kept out of a trend fit.
 */
export function isMonthStartNight(night: string): boolean {
  return Number(night.slice(8, 10)) <= 3;
}

/** Minutes of the local wall clock at an instant, counted from midnight starting the night's date. */
export function nightClockMinutes(ms: number, night: string, timeZone: string): number {
  const l = localParts(ms, timeZone);
  const days = Math.round((Date.UTC(l.year, l.month - 1, l.day) - Date.parse(`${night}T00:00:00Z`)) / DAY_MS);
  return days * 1440 + l.minute;
}

/** '06:42' for a night clock minute (negative: the evening before). */
export function formatClock(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

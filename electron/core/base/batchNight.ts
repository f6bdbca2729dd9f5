// Batch nights (issue #10): a window in the cluster's business time zone, by default 18:00 -> 12:00
// local, named after the date on which it ends (the morning the batch finishes and the admin checks it;
// the demo's scenario calendar names its nights the same way). Local times are converted with the
// platform's IANA data (Intl), so a window across a DST change is 17 or 19 hours long, not 18, and
// a month end is just another date. Pure and dependency-free: the store's rollups (written at ingest)
// and the batches views must agree on which night a statement belongs to.

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
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the platform knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  /** Minutes since local midnight, seconds included as a fraction. */
  minute: number;
}

/** The wall clock in `timeZone` at an instant. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    year: p.year!,
    month: p.month!,
    day: p.day!,
    minute: p.hour! * 60 + p.minute! + (p.second! + (ms % 1000) / 1000) / 60,
  };
}

/** The zone's offset from UTC in minutes at an instant (Stockholm in summer: 120). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const l = localParts(Math.floor(ms / 1000) * 1000, timeZone);
  const wall = Date.UTC(l.year, l.month - 1, l.day) + Math.round(l.minute * 60) * 1000;
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant a local date and minute of day name. A repeated time (clocks go back) resolves to its
 * first occurrence; a skipped one (clocks go forward) is read with the offset before the change.
 */
export function instantOfLocal(date: string, minuteOfDay: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minuteOfDay * 60_000;
  // A day either side is outside any single DST change: the offsets before and after it.
  const before = wall - offsetMinutes(wall - DAY_MS, timeZone) * 60_000;
  const after = wall - offsetMinutes(wall + DAY_MS, timeZone) * 60_000;
  const valid = [before, after].filter((t) => t + offsetMinutes(t, timeZone) * 60_000 === wall);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b ('YYYY-MM-DD'). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The local date at an instant. */
export function localDate(ms: number, timeZone: string): string {
  const l = localParts(ms, timeZone);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

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

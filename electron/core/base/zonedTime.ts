// Wall-clock time in an IANA time zone: the one home for it (batch nights in the business time zone,
// the alert digest at "10:00 local", quiet hours). Pure functions of an instant and a zone, using the
// platform's IANA data (Intl), so they are tested across DST changes without touching the process's
// zone. Dates are 'YYYY-MM-DD' strings; times of day are minutes after local midnight.
//
// A wall time that does not exist (the hour skipped in spring) is read with the offset before the
// change, so it lands as far after the gap (02:30 -> 03:30); one that exists twice (the hour repeated
// in autumn) is its first occurrence.

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

export interface LocalParts {
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

/** The instant a local date and minute of day name (skipped and repeated times: see the header). */
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

const pad = (n: number) => String(n).padStart(2, '0');

/** The local date at an instant. */
export function localDate(ms: number, timeZone: string): string {
  const l = localParts(ms, timeZone);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}`;
}

/** 'YYYY-MM-DD HH:MM' on the local wall clock at an instant. */
export function localDateTime(ms: number, timeZone: string): string {
  const l = localParts(ms, timeZone);
  const minute = Math.floor(l.minute);
  return `${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** 'HH:MM' -> minutes after midnight, or null when it is not a valid time of day. */
export function minutesOfClock(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

// Wall-clock time in a connection's time zone, for the digest ("10:00 local") and quiet hours
// ("22:00-08:00", spanning midnight). Pure functions of an instant and an IANA zone (Intl only), so
// they are tested across DST changes without touching the process's zone.
//
// A wall time that does not exist (the hour skipped in spring) is taken as the same time after the
// gap (02:30 -> 03:30); one that exists twice (the hour repeated in autumn) as its first occurrence.

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** "HH:MM" -> minutes after midnight, or null when it is not a valid time of day. */
export function minutesOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function wall(ms: number, timeZone: string): LocalDate & { minutes: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    minutes: parts.hour! * 60 + parts.minute!,
  };
}

/** The zone's offset from UTC at an instant, in ms (whole minutes). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wall(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, 0, w.minutes);
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

export function localDateOf(ms: number, timeZone: string): LocalDate {
  const { year, month, day } = wall(ms, timeZone);
  return { year, month, day };
}

export function localMinutesOf(ms: number, timeZone: string): number {
  return wall(ms, timeZone).minutes;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The instant a wall time of a local date happens (see the header for skipped and repeated times). */
export function instantOf(date: LocalDate, minutes: number, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const before = asUtc - offsetAt(asUtc - 86_400_000, timeZone);
  const after = asUtc - offsetAt(asUtc + 86_400_000, timeZone);
  const valid = [before, after].filter((t) => {
    const w = wall(t, timeZone);
    return w.year === date.year && w.month === date.month && w.day === date.day && w.minutes === minutes;
  });
  if (valid.length > 0) return Math.min(...valid);
  return before; // in a skipped hour: the offset before the gap puts it as far after the gap
}

/** Quiet hours [from, to) in local minutes; from > to spans midnight; from === to means none. */
export function inQuietHours(ms: number, timeZone: string, quietFrom: string, quietTo: string): boolean {
  const from = minutesOf(quietFrom);
  const to = minutesOf(quietTo);
  if (from === null || to === null || from === to) return false;
  const m = localMinutesOf(ms, timeZone);
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** The first digest instant strictly after `afterMs`. */
export function nextDigestAt(afterMs: number, digestAt: string, timeZone: string): number {
  const minutes = minutesOf(digestAt) ?? 600;
  const today = localDateOf(afterMs, timeZone);
  for (let i = 0; i <= 2; i++) {
    const t = instantOf(addDays(today, i), minutes, timeZone);
    if (t > afterMs) return t;
  }
  throw new Error('unreachable: a digest time exists within two days');
}

/** The latest digest instant at or before `atMs`. */
export function lastDigestAt(atMs: number, digestAt: string, timeZone: string): number {
  const minutes = minutesOf(digestAt) ?? 600;
  const today = localDateOf(atMs, timeZone);
  for (let i = 0; i >= -2; i--) {
    const t = instantOf(addDays(today, i), minutes, timeZone);
    if (t <= atMs) return t;
  }
  throw new Error('unreachable: a digest time exists within two days');
}

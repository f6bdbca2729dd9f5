// When alerts go out, in a connection's time zone: the digest at "10:00 local" and quiet hours
// ("22:00-08:00", spanning midnight). Built on base/zonedTime.ts, the one home for wall-clock time
// (batch nights use it too), so both read a DST change the same way.
import { addDays, instantOfLocal, localDate, localParts, minutesOfClock } from '../base/zonedTime.ts';

/** The default digest time when a schedule's is not a valid time of day: 10:00. */
const DEFAULT_DIGEST_MINUTE = 600;

/** Quiet hours [from, to) in local minutes; from > to spans midnight; from === to means none. */
export function inQuietHours(ms: number, timeZone: string, quietFrom: string, quietTo: string): boolean {
  const from = minutesOfClock(quietFrom);
  const to = minutesOfClock(quietTo);
  if (from === null || to === null || from === to) return false;
  const m = Math.floor(localParts(ms, timeZone).minute);
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** The digest instants of the local days around `ms`, in time order. */
function digestsAround(ms: number, digestAt: string, timeZone: string): number[] {
  const minute = minutesOfClock(digestAt) ?? DEFAULT_DIGEST_MINUTE;
  const today = localDate(ms, timeZone);
  return [-2, -1, 0, 1, 2].map((n) => instantOfLocal(addDays(today, n), minute, timeZone));
}

/** The first digest instant strictly after `afterMs`. */
export function nextDigestAt(afterMs: number, digestAt: string, timeZone: string): number {
  return digestsAround(afterMs, digestAt, timeZone).find((t) => t > afterMs)!;
}

/** The latest digest instant at or before `atMs`. */
export function lastDigestAt(atMs: number, digestAt: string, timeZone: string): number {
  return digestsAround(atMs, digestAt, timeZone).findLast((t) => t <= atMs)!;
}

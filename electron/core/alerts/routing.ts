// Where an alert goes (issue #12): critical pages at once, day or night; everything else waits for the
// digest, and nothing but a page leaves during quiet hours. A schedule whose digest falls inside its
// quiet hours would never send: refused (scheduleProblem).
import type { AlertSchedule, AlertSeverity } from '../../../shared/model/alert.ts';
import { isKnownTimeZone, minutesOfClock } from '../base/zonedTime.ts';
import { inQuietHours } from './localTime.ts';

export const DEFAULT_SCHEDULE: Omit<AlertSchedule, 'timeZone'> = {
  digestAt: '10:00',
  quietFrom: '22:00',
  quietTo: '08:00',
  holdDownMinutes: 60,
};

export function routeOf(severity: AlertSeverity): 'page' | 'digest' {
  return severity === 'critical' ? 'page' : 'digest';
}

/** Whether a delivery of this kind may go out at this instant. */
export function mayDeliver(kind: 'page' | 'digest', atMs: number, schedule: AlertSchedule): boolean {
  return kind === 'page' || !inQuietHours(atMs, schedule.timeZone, schedule.quietFrom, schedule.quietTo);
}

/** Why a schedule cannot be used, in words; null when it can. */
export function scheduleProblem(s: AlertSchedule): string | null {
  if (!isKnownTimeZone(s.timeZone))
    return `"${s.timeZone}" is not a time zone (use an IANA name such as Europe/Berlin).`;
  for (const [name, v] of [
    ['digestAt', s.digestAt],
    ['quietFrom', s.quietFrom],
    ['quietTo', s.quietTo],
  ] as const)
    if (minutesOfClock(v) === null) return `${name} "${v}" is not a time of day (HH:MM).`;
  const digest = minutesOfClock(s.digestAt)!;
  const from = minutesOfClock(s.quietFrom)!;
  const to = minutesOfClock(s.quietTo)!;
  const quiet = from !== to && (from < to ? digest >= from && digest < to : digest >= from || digest < to);
  if (quiet)
    return `The digest at ${s.digestAt} falls in the quiet hours ${s.quietFrom}-${s.quietTo}, so it would never be sent.`;
  return null;
}

// Where the time axis puts its ticks: round instants (whole minutes, hours, midnights, first days of
// the month) in the chosen zone, about one per `minGapPx` pixels. Pure, so it is unit-tested.
import type { TimeZoneChoice } from '../time/formatTime.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Candidate steps below a month; months are counted in calendar months. */
const STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
];
const MONTH_STEPS = [1, 2, 3, 6, 12];

/** The zone's offset from UTC at an instant, in milliseconds (local time = UTC + offset). */
function offsetAt(instant: number, zone: TimeZoneChoice): number {
  return zone === 'utc' ? 0 : -new Date(instant).getTimezoneOffset() * MINUTE;
}

export function timeTicks(
  from: number,
  to: number,
  widthPx: number,
  zone: TimeZoneChoice,
  minGapPx = 90,
): number[] {
  if (!(to > from) || widthPx <= 0) return [];
  const wanted = Math.max(2, Math.floor(widthPx / minGapPx));
  const span = to - from;
  const step = STEPS.find((s) => span / s <= wanted);
  if (step === undefined) return monthTicks(from, to, wanted, zone);

  const ticks: number[] = [];
  // Whole steps of wall-clock time in the zone: align in zone time, convert back to instants. Weeks
  // are aligned to Mondays, not to the epoch's Thursday.
  const weekShift = step >= 7 * DAY ? 4 * DAY : 0;
  const offset = offsetAt(from, zone);
  let wall = Math.ceil((from + offset - weekShift) / step) * step + weekShift;
  for (; wall - offset <= to; wall += step) {
    // Daylight saving shifts the offset during the span; re-read it so midnights stay midnights.
    const instant = wall - offsetAt(wall - offset, zone);
    if (instant >= from && instant <= to) ticks.push(instant);
  }
  return ticks;
}

function monthTicks(from: number, to: number, wanted: number, zone: TimeZoneChoice): number[] {
  const spanMonths = (to - from) / (30 * DAY);
  const step = MONTH_STEPS.find((m) => spanMonths / m <= wanted) ?? 12;
  const start = new Date(from);
  const year = zone === 'utc' ? start.getUTCFullYear() : start.getFullYear();
  const month = zone === 'utc' ? start.getUTCMonth() : start.getMonth();
  // Months counted from year 0, so a 3-month step lands on January, April, July, October.
  let index = Math.ceil((year * 12 + month) / step) * step;
  const ticks: number[] = [];
  for (let guard = 0; guard < 1_000; guard++, index += step) {
    const y = Math.floor(index / 12);
    const m = index % 12;
    const instant = zone === 'utc' ? Date.UTC(y, m, 1) : new Date(y, m, 1).getTime();
    if (instant > to) break;
    if (instant >= from) ticks.push(instant);
  }
  return ticks;
}

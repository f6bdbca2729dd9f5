// Time in the generator is an integer count of MICROSECONDS since the Unix epoch (UTC): Redshift
// timestamps carry 6 fractional digits (REFERENCE 1.1) and JS Dates only 3. 2^53 µs is ~285 years, so
// plain numbers are exact.

export type Micros = number;

export const US_PER_MS = 1_000;
export const US_PER_SECOND = 1_000_000;
export const US_PER_MINUTE = 60 * US_PER_SECOND;
export const US_PER_HOUR = 60 * US_PER_MINUTE;
export const US_PER_DAY = 24 * US_PER_HOUR;

export const microsFromDate = (date: Date): Micros => date.getTime() * US_PER_MS;

/** Truncates to the minute: reruns within the same minute generate the same rows. */
export const truncateToMinute = (date: Date): Date => new Date(Math.floor(date.getTime() / 60_000) * 60_000);

/** Days since 1970-01-01 (UTC) of an instant. */
export const dayNumberOf = (t: Micros): number => Math.floor(t / US_PER_DAY);

export const startOfDay = (dayNumber: number): Micros => dayNumber * US_PER_DAY;

/** 'YYYY-MM-DD' of a day number. */
export function isoDate(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

/** Day of month (1..31) and weekday (0 = Sunday) of a day number. */
export function calendarOf(dayNumber: number): {
  dayOfMonth: number;
  weekday: number;
  month: number;
  year: number;
} {
  const date = new Date(dayNumber * 86_400_000);
  return {
    dayOfMonth: date.getUTCDate(),
    weekday: date.getUTCDay(),
    month: date.getUTCMonth() + 1,
    year: date.getUTCFullYear(),
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** PostgreSQL `timestamp` literal with 6 fractional digits, e.g. 2009-06-12 11:29:19.131358. */
export function formatTimestamp(t: Micros): string {
  const ms = Math.floor(t / US_PER_MS);
  const fraction = t - ms * US_PER_MS; // 0..999 µs below the millisecond
  const iso = new Date(ms).toISOString(); // 2009-06-12T11:29:19.131Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${pad(fraction, 3)}`;
}

// Redshift timestamps are `timestamp without time zone` holding UTC with six fractional digits
// (REFERENCE 1.1). The session returns them as text (a JS Date would read them as local time and drop
// the microseconds); the store keeps INTEGER microseconds since the epoch; the API speaks ISO-8601.

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]00(?::?00)?)?$/;

/** '2024-05-01 12:34:56.123456' (or ISO with Z) -> microseconds since the epoch. Throws on anything else. */
export function microsFromTimestamp(text: string): number {
  return fastMicros(text) ?? slowMicros(text);
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const num2 = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/** The driver's usual shape, 'YYYY-MM-DD HH:MM:SS[.f{1,6}]', without a regular expression (hot path). */
function fastMicros(s: string): number | null {
  const n = s.length;
  if (n < 19 || n > 26 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32)
    return null;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || (n > 19 && s.charCodeAt(19) !== 46) || n === 20)
    return null;
  let fraction = 0;
  for (let i = 20; i < 26; i++) {
    const d = i < n ? digit(s, i) : 0;
    if (d < 0 || d > 9) return null;
    fraction = fraction * 10 + d;
  }
  const year = num2(s, 0) * 100 + num2(s, 2);
  const parts = [year, num2(s, 5), num2(s, 8), num2(s, 11), num2(s, 14), num2(s, 17)];
  if (parts.some((p) => !(p >= 0 && p <= 9999))) return null;
  return Date.UTC(year, parts[1]! - 1, parts[2]!, parts[3]!, parts[4]!, parts[5]!) * 1000 + fraction;
}

function slowMicros(text: string): number {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) throw new Error(`not a UTC timestamp: ${JSON.stringify(text.slice(0, 40))}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const fraction = Number((m[7] ?? '').padEnd(6, '0'));
  return ms * 1000 + fraction;
}

/** Like microsFromTimestamp, NULL-tolerant. */
export function microsOrNull(text: string | null | undefined): number | null {
  return text === null || text === undefined ? null : microsFromTimestamp(text);
}

function split(us: number): { date: Date; fraction: string } {
  const ms = Math.floor(us / 1000);
  const micro = us - ms * 1000;
  const date = new Date(ms);
  return {
    date,
    fraction: `${String(date.getUTCMilliseconds()).padStart(3, '0')}${String(micro).padStart(3, '0')}`,
  };
}

/** Microseconds -> a Redshift timestamp literal, '2024-05-01 12:34:56.123456' (for $n parameters). */
export function timestampFromMicros(us: number): string {
  const { date, fraction } = split(us);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}.${fraction}`;
}

/** Microseconds -> ISO-8601 UTC with six fractional digits, '2024-05-01T12:34:56.123456Z'. */
export function isoFromMicros(us: number): string {
  const { date, fraction } = split(us);
  return `${date.toISOString().slice(0, 19)}.${fraction}Z`;
}

/** Microseconds -> ISO-8601 UTC to the millisecond, '2024-05-01T12:34:56.123Z' (what the views show). */
export function isoMillisFromMicros(us: number): string {
  return new Date(us / 1000).toISOString();
}

/** ISO-8601 with any offset (as the API validates it) -> microseconds, keeping up to six fractional digits. */
export function microsFromIso(iso: string): number {
  const m = /\.(\d+)/.exec(iso);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO-8601 instant: ${iso}`);
  const digits = (m?.[1] ?? '').padEnd(6, '0').slice(0, 6);
  // Date.parse keeps milliseconds; the next three digits are the microseconds below them.
  return Math.floor(ms / 1000) * 1_000_000 + Number(digits);
}

// Redshift timestamps are `timestamp without time zone` holding UTC with six fractional digits
// (REFERENCE 1.1). The session returns them as text (a JS Date would read them as local time and drop
// the microseconds); the store keeps INTEGER microseconds since the epoch; the API speaks ISO-8601.

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]00(?::?00)?)?$/;

/** '2024-05-01 12:34:56.123456' (or ISO with Z) -> microseconds since the epoch. Throws on anything else. */
export function microsFromTimestamp(text: string): number {
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
  return { date, fraction: `${String(date.getUTCMilliseconds()).padStart(3, '0')}${String(micro).padStart(3, '0')}` };
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

/** ISO-8601 with any offset (as the API validates it) -> microseconds, keeping up to six fractional digits. */
export function microsFromIso(iso: string): number {
  const m = /\.(\d+)/.exec(iso);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO-8601 instant: ${iso}`);
  const digits = (m?.[1] ?? '').padEnd(6, '0').slice(0, 6);
  // Date.parse keeps milliseconds; the next three digits are the microseconds below them.
  return Math.floor(ms / 1000) * 1_000_000 + Number(digits);
}

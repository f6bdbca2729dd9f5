// Every time on screen goes through here, in the one zone the user chose (UTC or local), and says
// which zone it is in once per axis or table header (zoneLabel).

export type TimeZoneChoice = 'utc' | 'local';

export function zoneLabel(zone: TimeZoneChoice): string {
  if (zone === 'utc') return 'UTC';
  const offset = -new Date().getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `local (UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`;
}

function parts(instant: number | string, zone: TimeZoneChoice) {
  const d = typeof instant === 'number' ? new Date(instant) : new Date(instant);
  return zone === 'utc'
    ? {
        y: d.getUTCFullYear(),
        mo: d.getUTCMonth() + 1,
        d: d.getUTCDate(),
        h: d.getUTCHours(),
        mi: d.getUTCMinutes(),
        s: d.getUTCSeconds(),
      }
    : {
        y: d.getFullYear(),
        mo: d.getMonth() + 1,
        d: d.getDate(),
        h: d.getHours(),
        mi: d.getMinutes(),
        s: d.getSeconds(),
      };
}

/** "2026-11-26 06:45:10": full date and time, for tables and tooltips. */
export function formatDateTime(instant: number | string, zone: TimeZoneChoice): string {
  const p = parts(instant, zone);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

/** An axis tick: the time of day for short spans, the date for long ones. */
export function formatTick(instant: number, spanMs: number, zone: TimeZoneChoice): string {
  const p = parts(instant, zone);
  if (spanMs <= 36 * 3_600_000) return `${pad(p.h)}:${pad(p.mi)}`;
  if (spanMs <= 10 * 86_400_000) return `${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}`;
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
}

/** Durations the way people read them: 850 ms, 12.4 s, 3 min 20 s, 1 h 05 min. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1_000);
  if (totalSeconds < 3_600) return `${Math.floor(totalSeconds / 60)} min ${pad(totalSeconds % 60)} s`;
  const minutes = Math.floor(totalSeconds / 60);
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

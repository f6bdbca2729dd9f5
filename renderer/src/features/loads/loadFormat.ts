// Words and numbers of the loads views.
import type { LoadRow } from '../../../../shared/model/load.ts';

const count = new Intl.NumberFormat('en-US');

export const formatCount = (n: number | null): string => (n === null ? '–' : count.format(n));

/** "100", or "none" when the COPY sets no MAXERROR (the first error aborts it). */
export const formatMaxerror = (n: number | null): string => (n === null ? 'none' : count.format(n));

export const statusTone = (status: LoadRow['status']): string =>
  status === 'aborted' ? 'badge-danger' : status === 'partial' ? 'badge-warn' : 'badge-ok';

/** A whole UTC day as a fixed range for links: "from-to" in epoch milliseconds. */
export function nightRange(night: string): string {
  const from = Date.parse(`${night}T00:00:00Z`);
  return `${from}-${from + 86_400_000 - 1}`;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Bytes in binary units, one decimal below 10 ("4.2 MB", "310 KB"); "–" when unknown. */
export function formatBytes(n: number | null): string {
  if (n === null) return '–';
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 && u > 0 ? v.toFixed(1) : Math.round(v)} ${UNITS[u]}`;
}

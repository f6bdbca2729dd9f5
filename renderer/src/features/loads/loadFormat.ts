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

// The slow-query filters as the user types them, and the API arguments they become. Pure, so the
// mapping (blank means "any", seconds to milliseconds, a queue picked by service class) is unit-tested.
import type { QueryHistoryFilter, QuerySortKey } from '../../../../shared/model/query.ts';

export interface SlowFilters {
  user: string;
  /** query_group / label, exact. */
  label: string;
  /** A service class number as text ('' = any queue). */
  queue: string;
  /** Minimum duration in seconds, as typed ('' = none). */
  minSeconds: string;
  abortedOnly: boolean;
  /** Substring of the text (already debounced by the page). */
  text: string;
}

export const NO_FILTERS: SlowFilters = {
  user: '',
  label: '',
  queue: '',
  minSeconds: '',
  abortedOnly: false,
  text: '',
};

export interface HistorySort {
  by: QuerySortKey;
  dir: 'asc' | 'desc';
}

export const DEFAULT_SORT: HistorySort = { by: 'startTime', dir: 'desc' };

/** A click on a column header: the same column flips direction, another starts slowest/newest first. */
export function nextSort(current: HistorySort, by: QuerySortKey): HistorySort {
  if (current.by === by) return { by, dir: current.dir === 'desc' ? 'asc' : 'desc' };
  return { by, dir: 'desc' };
}

/** Whether any filter narrows the view (then "nothing matched the filters" is the reason for none). */
export function isFiltered(f: SlowFilters): boolean {
  return filterEntries(f).length > 0;
}

function filterEntries(f: SlowFilters): [string, unknown][] {
  const args = filterArgs(f, { connectionId: '', from: '', to: '' });
  return Object.entries(args).filter(([k]) => k !== 'connectionId' && k !== 'from' && k !== 'to');
}

/** Filters → the API's history filter. Blank fields are left out; whitespace around names ignored. */
export function filterArgs(
  f: SlowFilters,
  base: { connectionId: string; from: string; to: string },
): QueryHistoryFilter {
  const args: QueryHistoryFilter = { ...base };
  const user = f.user.trim();
  if (user !== '') args.user = user;
  // Labels are matched exactly as stored: only trailing/leading spaces typed by mistake are dropped.
  const label = f.label.trim();
  if (label !== '') args.label = label;
  const queue = Number.parseInt(f.queue, 10);
  if (f.queue.trim() !== '' && Number.isInteger(queue) && queue >= 0) args.serviceClass = queue;
  const seconds = Number(f.minSeconds.trim().replace(',', '.'));
  if (f.minSeconds.trim() !== '' && Number.isFinite(seconds) && seconds > 0)
    args.minDurationMs = Math.round(seconds * 1000);
  if (f.abortedOnly) args.aborted = true;
  // The search is a substring of the verbatim text: it is sent as typed (spaces included).
  if (f.text !== '') args.text = f.text;
  return args;
}

/** "newly slow ×8.1": how many times its recent median exceeds its own baseline. */
export function newlySlowBadge(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return 'newly slow';
  return `newly slow ×${ratio >= 100 ? Math.round(ratio) : ratio.toFixed(1)}`;
}

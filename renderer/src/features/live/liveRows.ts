// What the live table shows of a snapshot: the statements that pass the filters, in the chosen order.
// Pure functions, so sorting and filtering are unit-tested apart from the page.
import type { StatementTarget } from '../../../../shared/model/governance.ts';
import type { LiveStatement } from '../../../../shared/model/live.ts';

export type LiveSortKey =
  | 'userName'
  | 'pid'
  | 'queue'
  | 'slotCount'
  | 'state'
  | 'queueMs'
  | 'execMs'
  | 'elapsedMs'
  | 'label'
  | 'text';

export interface LiveSort {
  key: LiveSortKey;
  dir: 'asc' | 'desc';
}

export type StateFilter = 'all' | 'running' | 'queued';

export interface LiveFilter {
  /** Case-insensitive; matches the user, the query_group label or the text preview. */
  text: string;
  state: StateFilter;
  /** A service class, or null for every queue. */
  serviceClass: number | null;
}

export const DEFAULT_SORT: LiveSort = { key: 'elapsedMs', dir: 'desc' };
export const NO_FILTER: LiveFilter = { text: '', state: 'all', serviceClass: null };

/** Numbers first sort from the largest: the longest waits are what the reader clicks a header for. */
const NUMERIC: ReadonlySet<LiveSortKey> = new Set(['pid', 'slotCount', 'queueMs', 'execMs', 'elapsedMs']);

/** Clicking a header: the same key flips the direction, a new key starts at its natural direction. */
export function nextSort(current: LiveSort, key: LiveSortKey): LiveSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: NUMERIC.has(key) ? 'desc' : 'asc' };
}

export function queueLabel(s: Pick<LiveStatement, 'queueName' | 'serviceClass'>): string {
  return s.queueName ?? `service class ${s.serviceClass}`;
}

function sortValue(s: LiveStatement, key: LiveSortKey): string | number | null {
  switch (key) {
    case 'queue':
      return queueLabel(s);
    case 'text':
      return s.textPreview;
    case 'elapsedMs':
      // Elapsed is time since WLM received the statement: the earliest start is the longest. Sorting
      // on the start keeps the order from poll to poll; the sampled times of statements that started
      // within a second of each other do not (a full run caught a selected row two places off).
      return -Date.parse(s.wlmStartTime);
    default:
      // The other keys are the statement's own fields.
      return s[key];
  }
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compare(a: string | number | null, b: string | number | null): number {
  // Unknown values go last whatever the direction (applied by the caller).
  if (a === null || b === null) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function matchesFilter(s: LiveStatement, filter: LiveFilter): boolean {
  if (filter.state === 'queued' && !s.queued) return false;
  if (filter.state === 'running' && s.queued) return false;
  if (filter.serviceClass !== null && s.serviceClass !== filter.serviceClass) return false;
  const needle = filter.text.trim().toLowerCase();
  if (needle === '') return true;
  return [s.userName, s.label, s.textPreview].some((v) => v !== null && v.toLowerCase().includes(needle));
}

/** The rows to show: filtered, sorted (ties keep the query id order, so rows do not jump between polls). */
export function visibleStatements(
  statements: readonly LiveStatement[],
  filter: LiveFilter,
  sort: LiveSort,
): LiveStatement[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return statements
    .filter((s) => matchesFilter(s, filter))
    .sort((a, b) => {
      const va = sortValue(a, sort.key);
      const vb = sortValue(b, sort.key);
      if (va === null && vb !== null) return 1;
      if (vb === null && va !== null) return -1;
      return sign * compare(va, vb) || a.query - b.query;
    });
}

/** The queues the snapshot's statements are in, for the queue filter. */
export function queuesIn(statements: readonly LiveStatement[]): { serviceClass: number; label: string }[] {
  const byClass = new Map<number, string>();
  for (const s of statements) if (!byClass.has(s.serviceClass)) byClass.set(s.serviceClass, queueLabel(s));
  return [...byClass.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([serviceClass, label]) => ({ serviceClass, label }));
}

/** Seconds since the poll; null before the first one. Stale past STALE_AFTER_MS (the poll runs every ~5 s). */
export const STALE_AFTER_MS = 30_000;

export function pollAge(polledAt: string | null, now: number): { seconds: number; stale: boolean } | null {
  if (polledAt === null) return null;
  const at = Date.parse(polledAt);
  if (!Number.isFinite(at)) return null;
  const ms = Math.max(0, now - at);
  return { seconds: Math.round(ms / 1000), stale: ms > STALE_AFTER_MS };
}

/**
 * A live statement as the target of a cancel or terminate; pid and user are passed checked (the
 * cluster may not name them, and then there is nothing to act on).
 */
export function statementTargetOf(s: LiveStatement, pid: number, userName: string): StatementTarget {
  return { pid, query: s.query, userName, startTime: s.wlmStartTime, xid: s.xid ?? undefined };
}

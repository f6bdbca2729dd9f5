import { describe, expect, it } from 'vitest';
import type { LiveStatement } from '../../shared/model/live.ts';
import {
  DEFAULT_SORT,
  NO_FILTER,
  nextSort,
  pollAge,
  queuesIn,
  visibleStatements,
} from '../../renderer/src/features/live/liveRows.ts';

const POLLED = Date.parse('2026-01-01T00:10:00.000Z');

/** A statement seen at POLLED: WLM received it `elapsedMs` before. */
function statement(over: Partial<LiveStatement> & { query: number }): LiveStatement {
  const elapsedMs = over.elapsedMs ?? 1_000;
  return {
    pid: 100 + over.query,
    xid: null,
    userName: 'etl_user',
    label: null,
    serviceClass: 6,
    queueName: 'etl_nightly',
    slotCount: 1,
    state: 'Running',
    queued: false,
    wlmStartTime: new Date(POLLED - elapsedMs).toISOString(),
    queueMs: 0,
    execMs: 1_000,
    elapsedMs: 1_000,
    queryPriority: null,
    textPreview: 'select 1',
    ...over,
  };
}

const rows = [
  statement({ query: 1, userName: 'bi_user', serviceClass: 7, queueName: 'bi_dashboards', elapsedMs: 500 }),
  statement({ query: 2, state: 'QueuedWaiting', queued: true, elapsedMs: 9_000, label: 'nightly_fill' }),
  statement({ query: 3, textPreview: 'SELECT pg_sleep(120) AS marker', elapsedMs: 3_000 }),
  statement({
    query: 4,
    userName: null,
    queueName: null,
    serviceClass: 9,
    textPreview: null,
    elapsedMs: 3_000,
  }),
];

const order = (list: LiveStatement[]) => list.map((s) => s.query);

describe('live rows', () => {
  it('sorts by elapsed, longest first, by default; ties keep query id order', () => {
    expect(order(visibleStatements(rows, NO_FILTER, DEFAULT_SORT))).toEqual([2, 3, 4, 1]);
  });

  it('keeps the elapsed order from poll to poll when sampled times of near starts disagree', () => {
    // Two statements WLM received 200 ms apart; the later poll sampled the elder a little short.
    const elder = statement({ query: 8, elapsedMs: 5_000 });
    const younger = statement({ query: 7, elapsedMs: 4_800 });
    const later = [
      { ...elder, elapsedMs: 9_700 },
      { ...younger, elapsedMs: 9_800 },
    ];
    expect(order(visibleStatements([younger, elder], NO_FILTER, DEFAULT_SORT))).toEqual([8, 7]);
    expect(order(visibleStatements(later, NO_FILTER, DEFAULT_SORT))).toEqual([8, 7]);
    expect(order(visibleStatements(later, NO_FILTER, { key: 'elapsedMs', dir: 'asc' }))).toEqual([7, 8]);
  });

  it('a header click flips the direction; a new numeric key starts largest first, text A→Z', () => {
    expect(nextSort(DEFAULT_SORT, 'elapsedMs')).toEqual({ key: 'elapsedMs', dir: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'pid')).toEqual({ key: 'pid', dir: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'userName')).toEqual({ key: 'userName', dir: 'asc' });
  });

  it('sorts text case-insensitively with unknown values last in both directions', () => {
    expect(order(visibleStatements(rows, NO_FILTER, { key: 'userName', dir: 'asc' }))).toEqual([1, 2, 3, 4]);
    expect(order(visibleStatements(rows, NO_FILTER, { key: 'userName', dir: 'desc' }))).toEqual([2, 3, 1, 4]);
    expect(order(visibleStatements(rows, NO_FILTER, { key: 'queue', dir: 'asc' }))).toEqual([1, 2, 3, 4]);
  });

  it('filters by state, queue and text over user, label and preview', () => {
    expect(order(visibleStatements(rows, { ...NO_FILTER, state: 'queued' }, DEFAULT_SORT))).toEqual([2]);
    expect(order(visibleStatements(rows, { ...NO_FILTER, state: 'running' }, DEFAULT_SORT))).toEqual([
      3, 4, 1,
    ]);
    expect(order(visibleStatements(rows, { ...NO_FILTER, serviceClass: 7 }, DEFAULT_SORT))).toEqual([1]);
    expect(order(visibleStatements(rows, { ...NO_FILTER, text: 'BI_' }, DEFAULT_SORT))).toEqual([1]);
    expect(order(visibleStatements(rows, { ...NO_FILTER, text: 'nightly' }, DEFAULT_SORT))).toEqual([2]);
    expect(order(visibleStatements(rows, { ...NO_FILTER, text: ' pg_sleep ' }, DEFAULT_SORT))).toEqual([3]);
    expect(visibleStatements(rows, { ...NO_FILTER, text: '<script>' }, DEFAULT_SORT)).toEqual([]);
  });

  it('lists the queues present, named or by service class', () => {
    expect(queuesIn(rows)).toEqual([
      { serviceClass: 6, label: 'etl_nightly' },
      { serviceClass: 7, label: 'bi_dashboards' },
      { serviceClass: 9, label: 'service class 9' },
    ]);
  });

  it('says how old the poll is and calls it stale past 30 s', () => {
    const at = Date.parse('2026-01-01T00:00:00.000Z');
    expect(pollAge(null, at)).toBeNull();
    expect(pollAge('2026-01-01T00:00:00.000Z', at + 4_400)).toEqual({ seconds: 4, stale: false });
    expect(pollAge('2026-01-01T00:00:00.000Z', at + 30_000)).toEqual({ seconds: 30, stale: false });
    expect(pollAge('2026-01-01T00:00:00.000Z', at + 31_000)).toEqual({ seconds: 31, stale: true });
  });
});

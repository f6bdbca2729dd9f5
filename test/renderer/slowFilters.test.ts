import { describe, expect, it } from 'vitest';
import type { BlastRadius } from '../../shared/model/fingerprint.ts';
import { blastSummary } from '../../renderer/src/features/slow/blastSummary.ts';
import { PAGE_SIZE, pagesFor, rowAt } from '../../renderer/src/features/slow/historyPages.ts';
import { runChartData } from '../../renderer/src/features/slow/runChartData.ts';
import {
  filterArgs,
  isFiltered,
  newlySlowBadge,
  nextSort,
  NO_FILTERS,
} from '../../renderer/src/features/slow/slowFilters.ts';

const base = { connectionId: 'c1', from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' };

describe('slow query filters → API arguments', () => {
  it('leaves blank filters out, so nothing narrows the history', () => {
    expect(filterArgs(NO_FILTERS, base)).toEqual(base);
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, user: '   ' })).toBe(false);
  });

  it('maps every field: names trimmed, seconds to milliseconds, queue by service class', () => {
    const args = filterArgs(
      {
        user: ' etl_user ',
        label: 'nightly_royalty_calc',
        queue: '6',
        minSeconds: '2.5',
        abortedOnly: true,
        text: 'royalty ',
      },
      base,
    );
    expect(args).toEqual({
      ...base,
      user: 'etl_user',
      label: 'nightly_royalty_calc',
      serviceClass: 6,
      minDurationMs: 2500,
      aborted: true,
      // The search is a substring of the verbatim text: sent as typed, trailing space included.
      text: 'royalty ',
    });
  });

  it('ignores a duration or queue that is not a number, and a decimal comma is a decimal point', () => {
    expect(filterArgs({ ...NO_FILTERS, minSeconds: 'abc', queue: 'x' }, base)).toEqual(base);
    expect(filterArgs({ ...NO_FILTERS, minSeconds: '0' }, base)).toEqual(base);
    expect(filterArgs({ ...NO_FILTERS, minSeconds: '1,5' }, base).minDurationMs).toBe(1500);
    expect(isFiltered({ ...NO_FILTERS, abortedOnly: true })).toBe(true);
  });

  it('a header click flips the direction of the same column and starts another column descending', () => {
    expect(nextSort({ by: 'startTime', dir: 'desc' }, 'elapsedMs')).toEqual({ by: 'elapsedMs', dir: 'desc' });
    expect(nextSort({ by: 'elapsedMs', dir: 'desc' }, 'elapsedMs')).toEqual({ by: 'elapsedMs', dir: 'asc' });
    expect(nextSort({ by: 'elapsedMs', dir: 'asc' }, 'elapsedMs')).toEqual({ by: 'elapsedMs', dir: 'desc' });
  });

  it('names the newly-slow ratio with one decimal', () => {
    expect(newlySlowBadge(8.14)).toBe('newly slow ×8.1');
    expect(newlySlowBadge(3)).toBe('newly slow ×3.0');
    expect(newlySlowBadge(250.4)).toBe('newly slow ×250');
    expect(newlySlowBadge(null)).toBe('newly slow');
  });
});

describe('run list paging', () => {
  it('asks for the pages that cover the rows in view, and no page past the end', () => {
    expect(pagesFor(0, 20, 100_000)).toEqual([0]);
    expect(pagesFor(490, 520, 100_000)).toEqual([0, 1]);
    expect(pagesFor(99_990, 100_010, 100_000)).toEqual([199]);
    expect(pagesFor(0, 20, 0)).toEqual([]);
  });

  it('finds a row in its page, or nothing while that page is not loaded', () => {
    const pages = new Map([[1, Array.from({ length: PAGE_SIZE }, (_, i) => PAGE_SIZE + i)]]);
    expect(rowAt(pages, PAGE_SIZE + 7)).toBe(PAGE_SIZE + 7);
    expect(rowAt(pages, 7)).toBeUndefined();
  });
});

describe('blast radius sentence', () => {
  const blast: BlastRadius = {
    query: 1,
    serviceClass: 6,
    queueName: 'etl_nightly',
    slotCount: 1,
    heldFrom: '2026-11-26T04:00:00Z',
    heldTo: '2026-11-26T05:00:00Z',
    victims: [],
    totalWaitMs: 0,
  };
  const victim = { waitedMs: 60_000 } as BlastRadius['victims'][number];

  it('counts the statements and their total wait in the queue', () => {
    expect(blastSummary({ ...blast, victims: [victim, victim], totalWaitMs: 200_000 })).toBe(
      '2 statements waited 3 min 20 s in etl_nightly while this query held its slots.',
    );
    expect(blastSummary({ ...blast, victims: [victim], totalWaitMs: 60_000 })).toBe(
      '1 statement waited 1 min 00 s in etl_nightly while this query held its slots.',
    );
  });

  it('says when nothing waited, and when the history cannot tell', () => {
    expect(blastSummary(blast)).toBe('No statement waited in etl_nightly while this query held its slots.');
    expect(blastSummary({ ...blast, heldFrom: null })).toMatch(/does not say when this query held its slots/);
    expect(blastSummary({ ...blast, queueName: null })).toContain('in service class 6');
  });
});

describe('run history chart data', () => {
  it('puts runs in time order with elapsed and queue wait per run', () => {
    const run = (t: number, elapsedMs: number) => ({
      t,
      elapsedMs,
      queueMs: 5,
      execMs: elapsedMs - 5,
      query: t,
      aborted: false,
    });
    expect(runChartData([run(200, 50), run(100, 40)])).toEqual([
      { t: 100, elapsed: 40, queue: 5 },
      { t: 200, elapsed: 50, queue: 5 },
    ]);
  });
});

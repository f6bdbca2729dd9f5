// The run list's data: `queries.history` in pages of PAGE_SIZE, fetched as they scroll into view
// (historyPages.ts), the total from the API (counted once, with the first page). A page continues from
// the nearest loaded page before it by that page's cursor (keyset paging: as fast deep in a million rows
// as at the top), skipping the pages in between if the list jumped; with none loaded before it, by
// offset. A change of filter or sort starts over; answers for an older filter are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueryHistoryArgs, QueryRow } from '../../../../shared/model/query.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { PAGE_SIZE, pagesFor, rowAt } from './historyPages.ts';

export interface HistoryPages {
  /** null until the first page answers. */
  total: number | null;
  /** Runs of the filter the connection's hidden patterns left out (issue #14); 0 until answered. */
  hidden: number;
  row(index: number): QueryRow | undefined;
  onVisibleRange(first: number, last: number): void;
  error: string | null;
  /** The arguments the shown rows answer (to tell a stale list from the current one). */
  answered: string | null;
}

type Args = Omit<QueryHistoryArgs, 'limit' | 'offset'>;

interface Loaded {
  key: string;
  total: number;
  hidden: number;
  pages: Map<number, QueryRow[]>;
  /** Each loaded page's cursor to the page after it (null: it was the last). */
  cursors: Map<number, string | null>;
}

/** `version`: a change (the hidden patterns were edited) starts over as a change of filter does. */
export function useHistoryPages(args: Args | null, version: unknown = null): HistoryPages {
  const { call } = useApi();
  // The version on the key's first line, the arguments after it.
  const key = args === null ? null : `${String(version)}\n${JSON.stringify(args)}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Pages asked for under the current key (in flight or answered). */
  const asked = useRef<{ key: string | null; pages: Set<number> }>({ key: null, pages: new Set() });

  const fetchPage = useCallback(
    (forKey: string, page: number, from: Loaded | null) => {
      if (asked.current.key !== forKey || asked.current.pages.has(page)) return;
      asked.current.pages.add(page);
      const base = JSON.parse(forKey.slice(forKey.indexOf('\n') + 1)) as Args;
      const start = from?.key === forKey ? cursorBefore(from.cursors, page) : null;
      call('queries.history', {
        ...base,
        limit: PAGE_SIZE,
        ...(start ? { after: start.after } : {}),
        offset: (page - (start ? start.page + 1 : 0)) * PAGE_SIZE,
        withTotal: page === 0,
      }).then(
        (result) => {
          if (asked.current.key !== forKey) return;
          setError(null);
          setLoaded((prev) => {
            const same = prev?.key === forKey ? prev : null;
            const pages = new Map(same?.pages ?? []);
            const cursors = new Map(same?.cursors ?? []);
            pages.set(page, result.rows);
            cursors.set(page, result.next);
            return {
              key: forKey,
              total: result.total ?? same?.total ?? 0,
              hidden: result.hidden ?? same?.hidden ?? 0,
              pages,
              cursors,
            };
          });
        },
        (e: unknown) => {
          if (asked.current.key !== forKey) return;
          asked.current.pages.delete(page); // asked again on the next scroll
          setError(errorMessage(e));
        },
      );
    },
    [call],
  );

  useEffect(() => {
    asked.current = { key, pages: new Set() };
    if (key !== null) fetchPage(key, 0, null);
  }, [key, fetchPage]);

  const current = loaded !== null && loaded.key === key ? loaded : null;
  // While a new filter's first page loads, the previous rows stay (marked by `answered`).
  const shown = current ?? loaded;

  const onVisibleRange = useCallback(
    (first: number, last: number) => {
      const k = asked.current.key;
      if (k === null || !current) return;
      for (const page of pagesFor(first, last, current.total)) fetchPage(k, page, current);
    },
    [current, fetchPage],
  );

  return {
    total: shown?.total ?? null,
    hidden: shown?.hidden ?? 0,
    row: (index) => (shown ? rowAt(shown.pages, index) : undefined),
    onVisibleRange,
    error,
    answered: shown ? shown.key.slice(shown.key.indexOf('\n') + 1) : null,
  };
}

/** The nearest loaded page before `page` that has a cursor, with that cursor. */
function cursorBefore(
  cursors: ReadonlyMap<number, string | null>,
  page: number,
): { page: number; after: string } | null {
  let best: { page: number; after: string } | null = null;
  for (const [p, after] of cursors) {
    if (p < page && after !== null && (best === null || p > best.page)) best = { page: p, after };
  }
  return best;
}

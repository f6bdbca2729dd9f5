// Paging for the virtualised run list: rows are fetched in pages of PAGE_SIZE as they scroll into view.
// Pure helpers: which pages a visible window needs, and the row at an index from the loaded pages.

export const PAGE_SIZE = 500;

/** The page numbers covering rows [first, last] (inclusive), within `total` rows. */
export function pagesFor(first: number, last: number, total: number, pageSize = PAGE_SIZE): number[] {
  if (total <= 0 || last < first) return [];
  const lo = Math.max(0, Math.floor(Math.max(0, first) / pageSize));
  const hi = Math.floor(Math.min(total - 1, Math.max(0, last)) / pageSize);
  const pages: number[] = [];
  for (let p = lo; p <= hi; p++) pages.push(p);
  return pages;
}

export function rowAt<T>(
  pages: ReadonlyMap<number, readonly T[]>,
  index: number,
  pageSize = PAGE_SIZE,
): T | undefined {
  return pages.get(Math.floor(index / pageSize))?.[index % pageSize];
}

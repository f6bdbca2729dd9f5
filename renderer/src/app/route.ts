// Pages are addressed by the URL hash (`#/connections`, `#/query?c=demo&q=42`): it works under file://
// in the desktop app and never sends a request to door 2. Parameters after `?` carry what a link
// points at (a query, a connection, a time range), so every view can be linked to and reloaded.

/** The page a hash names, or the first page for an empty or unknown hash. */
export function pageIdFromHash(hash: string, pageIds: readonly string[]): string | undefined {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return pageIds.includes(id) ? id : pageIds[0];
}

/** The parameters after `?` in the hash. */
export function paramsFromHash(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : hash.slice(at + 1));
}

export function hashForPage(id: string, params?: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) search.set(key, String(value));
  }
  const query = search.toString();
  return query === '' ? `#/${id}` : `#/${id}?${query}`;
}

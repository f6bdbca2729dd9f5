// Pages are addressed by the URL hash (`#/connections`): it works under file:// in the desktop app
// and never sends a request to door 2.

/** The page a hash names, or the first page for an empty or unknown hash. */
export function pageIdFromHash(hash: string, pageIds: readonly string[]): string | undefined {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return pageIds.includes(id) ? id : pageIds[0];
}

export function hashForPage(id: string): string {
  return `#/${id}`;
}

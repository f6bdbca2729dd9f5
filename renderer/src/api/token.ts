// Door 2 hands the browser a per-launch token in the URL it prints (`/?token=...`). The page takes it
// once, keeps it in sessionStorage (gone when the tab closes, survives a reload) and removes it from
// the address bar so it does not end up in history, bookmarks or a screenshot.

export const TOKEN_STORAGE_KEY = 'nightshift.token';

/** The part of Storage the token needs; sessionStorage in the page, a Map-backed object in tests. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface ExtractedToken {
  /** The token found in the URL, or null. */
  token: string | null;
  /** The same URL (path, other query parameters, hash) without the token. */
  cleanUrl: string;
}

// Generous bounds: the server decides what a valid token is; this only keeps junk out of storage.
const TOKEN_SHAPE = /^[\w.~+/=-]{1,512}$/;

export function extractToken(href: string): ExtractedToken {
  const url = new URL(href);
  const raw = url.searchParams.get('token');
  url.searchParams.delete('token');
  const cleanUrl = url.pathname + url.search + url.hash;
  return { token: raw !== null && TOKEN_SHAPE.test(raw) ? raw : null, cleanUrl };
}

export interface ResolvedToken {
  token: string | null;
  /** Where the address bar should go (history.replaceState), or null when it has no token to hide. */
  replaceUrlWith: string | null;
}

/** A token in the URL wins (a fresh link after a server restart); otherwise the one kept for this tab. */
export function resolveToken(href: string, storage: TokenStorage): ResolvedToken {
  const hadParam = new URL(href).searchParams.has('token');
  const { token, cleanUrl } = extractToken(href);
  if (token !== null) storage.setItem(TOKEN_STORAGE_KEY, token);
  const kept = token ?? storage.getItem(TOKEN_STORAGE_KEY);
  return { token: kept, replaceUrlWith: hadParam ? cleanUrl : null };
}

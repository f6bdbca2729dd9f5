import { useEffect, useState } from 'react';
import { pageIdFromHash, paramsFromHash } from './route.ts';

export function useHashPage(pageIds: readonly string[]): string | undefined {
  const [id, setId] = useState(() => pageIdFromHash(window.location.hash, pageIds));
  useEffect(() => {
    const follow = () => setId(pageIdFromHash(window.location.hash, pageIds));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [pageIds]);
  return id;
}

/** The hash's parameters, kept current (`#/query?q=42` → q=42). */
export function useHashParams(): URLSearchParams {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const follow = () => setHash(window.location.hash);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return paramsFromHash(hash);
}

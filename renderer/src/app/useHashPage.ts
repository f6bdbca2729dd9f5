import { useEffect, useState } from 'react';
import { pageIdFromHash } from './route.ts';

export function useHashPage(pageIds: readonly string[]): string | undefined {
  const [id, setId] = useState(() => pageIdFromHash(window.location.hash, pageIds));
  useEffect(() => {
    const follow = () => setId(pageIdFromHash(window.location.hash, pageIds));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [pageIds]);
  return id;
}

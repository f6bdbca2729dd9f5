import { useCallback, useEffect, useState } from 'react';
import {
  applyTheme,
  initialTheme,
  otherTheme,
  prefersDark,
  readStoredTheme,
  storeTheme,
  type Theme,
} from './theme.ts';

export function useTheme(): { theme: Theme; toggle: () => void } {
  const [theme, setTheme] = useState<Theme>(() => initialTheme(readStoredTheme(), prefersDark()));

  useEffect(() => applyTheme(theme), [theme]);

  // Follow the system while the user has not picked a theme themselves.
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => {
      if (readStoredTheme() === null) setTheme(query.matches ? 'dark' : 'light');
    };
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);

  const toggle = useCallback(() => {
    const next = otherTheme(theme);
    storeTheme(next);
    setTheme(next);
  }, [theme]);

  return { theme, toggle };
}

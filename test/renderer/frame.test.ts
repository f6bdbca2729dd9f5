import { describe, expect, it } from 'vitest';
import { hashForPage, pageIdFromHash } from '../../renderer/src/app/route.ts';
import { initialTheme, otherTheme } from '../../renderer/src/theme/theme.ts';
import { testIds } from '../../shared/testIds.ts';

describe('page routing by hash', () => {
  const ids = ['connections', 'batches'];

  it('finds the page a hash names, and falls back to the first page', () => {
    expect(pageIdFromHash(hashForPage('batches'), ids)).toBe('batches');
    expect(pageIdFromHash('#/batches/42', ids)).toBe('batches');
    expect(pageIdFromHash('', ids)).toBe('connections');
    expect(pageIdFromHash('#/nope', ids)).toBe('connections');
  });
});

describe('theme choice', () => {
  it('follows the system until the user picks one, then keeps the pick', () => {
    expect(initialTheme(null, true)).toBe('dark');
    expect(initialTheme(null, false)).toBe('light');
    expect(initialTheme('light', true)).toBe('light');
    expect(initialTheme('purple', true)).toBe('dark');
    expect(otherTheme('dark')).toBe('light');
  });
});

describe('test ids', () => {
  it('are unique, so a test id never finds two different things', () => {
    const all = Object.values(testIds).flatMap((group) => Object.values(group));
    expect(new Set(all).size).toBe(all.length);
  });
});

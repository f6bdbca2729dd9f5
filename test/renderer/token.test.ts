import { describe, expect, it } from 'vitest';
import {
  extractToken,
  resolveToken,
  TOKEN_STORAGE_KEY,
  type TokenStorage,
} from '../../renderer/src/api/token.ts';

function memoryStorage(initial: Record<string, string> = {}): TokenStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('extractToken', () => {
  it('takes the token and leaves the rest of the URL as it was', () => {
    expect(extractToken('http://127.0.0.1:4000/?token=abc_DEF-123&view=x#/connections')).toEqual({
      token: 'abc_DEF-123',
      cleanUrl: '/?view=x#/connections',
    });
  });

  it('finds nothing in a URL without a token', () => {
    expect(extractToken('http://127.0.0.1:4000/#/connections')).toEqual({
      token: null,
      cleanUrl: '/#/connections',
    });
  });

  it('ignores an empty or malformed token but still strips it from the URL', () => {
    expect(extractToken('http://127.0.0.1:4000/?token=')).toEqual({ token: null, cleanUrl: '/' });
    expect(extractToken('http://127.0.0.1:4000/?token=%3Cscript%3E')).toEqual({ token: null, cleanUrl: '/' });
  });
});

describe('resolveToken', () => {
  it('keeps a token from the URL for this tab and asks for the address bar to be cleaned', () => {
    const storage = memoryStorage();
    expect(resolveToken('http://127.0.0.1:4000/?token=t1', storage)).toEqual({
      token: 't1',
      replaceUrlWith: '/',
    });
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('t1');
  });

  it('uses the kept token after a reload, and leaves a clean address bar alone', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 't1' });
    expect(resolveToken('http://127.0.0.1:4000/#/connections', storage)).toEqual({
      token: 't1',
      replaceUrlWith: null,
    });
  });

  it('prefers a fresh token from the URL over the kept one (server restarted)', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'old' });
    expect(resolveToken('http://127.0.0.1:4000/?token=new', storage).token).toBe('new');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('has no token for a tab that never saw one', () => {
    expect(resolveToken('http://127.0.0.1:4000/', memoryStorage())).toEqual({
      token: null,
      replaceUrlWith: null,
    });
  });
});

// @vitest-environment jsdom
// The generic read hooks: useCall (on top of usePolled) keeps the previous answer while the next
// loads, drops an outdated answer that arrives late, and reports a failure for the current arguments.
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/model/app.ts';
import { ApiContext } from '../../../renderer/src/api/ApiContext.tsx';
import { useCall } from '../../../renderer/src/hooks/useCall.ts';
import { fakeCore } from './renderInView.tsx';

afterEach(cleanup);

/** Answers held until the test releases them, in any order. */
function held() {
  const pending = new Map<string, { resolve(v: unknown): void; reject(e: Error): void }>();
  return {
    answer(key: string) {
      return new Promise((resolve, reject) => pending.set(key, { resolve, reject }));
    },
    resolve(key: string, value: unknown) {
      act(() => pending.get(key)!.resolve(value));
    },
    reject(key: string, message: string) {
      act(() => pending.get(key)!.reject(new Error(message)));
    },
    has: (key: string) => pending.has(key),
  };
}

describe('useCall', () => {
  it('keeps the last answer while new arguments load, and drops a late outdated answer', async () => {
    const answers = held();
    const core = fakeCore({
      'queries.get': (args) => answers.answer(String(args.query)) as Promise<never>,
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ApiContext.Provider value={core.api}>{children}</ApiContext.Provider>
    );
    const { result, rerender } = renderHook(
      ({ query }: { query: number }) => useCall('queries.get', { connectionId: 'c1', query }),
      { wrapper, initialProps: { query: 1 } },
    );
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(answers.has('1')).toBe(true));
    answers.resolve('1', { text: 'one' });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.data).toEqual({ text: 'one' });

    rerender({ query: 2 });
    expect(result.current.loading).toBe(true);
    expect(result.current.data).toEqual({ text: 'one' });
    rerender({ query: 3 });
    await waitFor(() => expect(answers.has('3')).toBe(true));
    answers.resolve('2', { text: 'two, too late' });
    expect(result.current.data).toEqual({ text: 'one' });
    answers.resolve('3', { text: 'three' });
    await waitFor(() => expect(result.current.data).toEqual({ text: 'three' }));
    expect(result.current.loading).toBe(false);
    expect(result.current.answered).toBe(JSON.stringify({ connectionId: 'c1', query: 3 }));

    rerender({ query: 4 });
    await waitFor(() => expect(answers.has('4')).toBe(true));
    answers.reject('4', 'not in the stored history');
    await waitFor(() => expect(result.current.error).toBe('not in the stored history'));
    expect(result.current.loading).toBe(false);
    expect(result.current.data).toEqual({ text: 'three' });
  });

  it('asks nothing while the arguments are null', () => {
    const core = fakeCore({ 'app.info': () => ({}) as AppInfo });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ApiContext.Provider value={core.api}>{children}</ApiContext.Provider>
    );
    const { result } = renderHook(() => useCall('app.info', null), { wrapper });
    expect(result.current).toEqual({ data: null, error: null, loading: false, answered: null });
    expect(core.calls).toEqual([]);
  });
});

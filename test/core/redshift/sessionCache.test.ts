// On-demand sessions are opened once and reused (a cancel no longer pays for a pool and a capability
// probe), closed after an idle time but never while in use, closed on closeAll, and never cached when
// opening failed. Idle time runs on fake timers: nothing here waits on the clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RedshiftSession } from '../../../electron/core/redshift/RedshiftSession.ts';
import { SessionCache } from '../../../electron/core/redshift/SessionCache.ts';

function sessionFactory() {
  const opened: { closed: boolean }[] = [];
  const open = (): Promise<RedshiftSession> => {
    const state = { closed: false };
    opened.push(state);
    return Promise.resolve({
      capabilities: ['provisioned'],
      serverVersion: 'test',
      query: () => Promise.resolve([]),
      close: () => {
        state.closed = true;
        return Promise.resolve();
      },
    });
  };
  return { opened, open };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('on-demand session cache', () => {
  it('opens one session for many calls, also concurrent ones, per key', async () => {
    const cache = new SessionCache(60_000);
    const { opened, open } = sessionFactory();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => cache.use('a|30000', open, () => Promise.resolve(i))),
    );
    expect(answers).toHaveLength(20);
    await cache.use('a|30000', open, () => Promise.resolve(20));
    expect(opened).toHaveLength(1);
    await cache.use('b|30000', open, () => Promise.resolve(21));
    expect(opened).toHaveLength(2);
    await cache.closeAll('a|');
    expect(opened.map((o) => o.closed)).toEqual([true, false]);
    await cache.closeAll();
    expect(cache.size).toBe(0);
    expect(opened.every((o) => o.closed)).toBe(true);
  });

  it('closes an idle session, never one in use, and opens a new one after', async () => {
    vi.useFakeTimers();
    const cache = new SessionCache(1_000);
    const { opened, open } = sessionFactory();
    let finish!: () => void;
    const running = new Promise<void>((r) => (finish = r));
    const busy = cache.use('a', open, () => running);
    await vi.advanceTimersByTimeAsync(5_000); // far past the idle time, while in use
    expect(opened.map((o) => o.closed)).toEqual([false]);
    finish();
    await busy;
    await vi.advanceTimersByTimeAsync(999);
    expect(opened[0]!.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(opened[0]!.closed).toBe(true);
    await cache.use('a', open, () => Promise.resolve());
    expect(opened).toHaveLength(2);
    await cache.closeAll();
  });

  it('does not keep a session that failed to open', async () => {
    const cache = new SessionCache(60_000);
    const { opened, open } = sessionFactory();
    const failing = () => Promise.reject(new Error('password authentication failed'));
    await expect(cache.use('a', failing, () => Promise.resolve())).rejects.toThrow(/password/);
    await cache.use('a', open, () => Promise.resolve());
    expect(opened).toHaveLength(1);
    await cache.closeAll();
  });
});

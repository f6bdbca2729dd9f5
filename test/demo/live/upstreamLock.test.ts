// The proxy's engine lock on PGlite (UpstreamLock.ts): sessions take turns in order, and the double's
// own bulk writes (the demo's history on a first start) wait until no session does, so a poll never
// waits behind more than the one write that holds the lock.
import { describe, expect, it } from 'vitest';
import { UpstreamLock } from '../../../electron/demo/proxy/UpstreamLock.ts';

describe('UpstreamLock', () => {
  it('serves waiting sessions in order before any background writer', async () => {
    const lock = new UpstreamLock();
    const order: string[] = [];
    const releaseFirst = await lock.acquire('background');
    const waiting = [
      lock.acquire('background').then((release) => ['history night 2', release] as const),
      lock.acquire('session').then((release) => ['poll A', release] as const),
      lock.acquire('background').then((release) => ['history night 3', release] as const),
      lock.acquire().then((release) => ['poll B', release] as const),
    ];
    const settled = waiting.map((p) =>
      p.then(([name, release]) => {
        order.push(name);
        release();
      }),
    );
    releaseFirst();
    await Promise.all(settled);
    expect(order).toEqual(['poll A', 'poll B', 'history night 2', 'history night 3']);
    expect(lock.busy).toBe(false);
  });
});

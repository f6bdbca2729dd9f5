// Issue #14 (noise in the terminal): a real `serve --demo` with 12 more connections, all failing and
// retrying, prints no MaxListenersExceededWarning while the demo starts (generating its history) and
// the collector connects to it and polls. The core-level test (test/core/collector/manyConnections)
// covers long retry runs; this one covers the whole process a user starts, demo included.
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../../shared/model/collector.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';
import { waitFor } from '../support/waitFor.ts';

/** Nothing listens on port 1: each connection fails and retries. */
const url = (i: number) => `postgres://user${i}@127.0.0.1:1/dev?sslmode=disable`;
const OTHERS = 12;

let serve: ServeProcess | undefined;
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

describe('serve with many connections and the demo', () => {
  it('starts the demo and collects with 13 connections without a MaxListenersExceededWarning', async () => {
    serve = await startServe({
      admin: true,
      args: [
        '--demo',
        '--demo-nights',
        '2',
        ...Array.from({ length: OTHERS }, (_, i) => ['--connection', url(i)]).flat(),
      ],
    });
    const status = async () =>
      ((await serve!.call('collector.status')).body as { result: CollectorStatus }).result;
    // The demo connected and its live poll succeeded; every other connection has failed at least once.
    await waitFor(
      status,
      (s) => {
        const demo = s.connections.find((c) => c.name === 'Demo cluster');
        const live = demo?.jobs.find((j) => j.job === 'live_activity');
        const failed = s.connections.filter((c) => c.state === 'failed').length;
        return demo?.state === 'connected' && live?.lastSuccessAt != null && failed === OTHERS;
      },
      { timeoutMs: 300_000, intervalMs: 500, what: 'the demo polled and every other connection failed' },
    );
    expect((await status()).connections).toHaveLength(OTHERS + 1);
    expect(serve.stderr()).not.toMatch(/MaxListenersExceeded/);
    expect(serve.stderr()).not.toMatch(/\bWarning:/);
  }, 360_000);
});

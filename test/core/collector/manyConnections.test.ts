// Defect #13.8: with 11 or more connections that keep failing, serve printed
// MaxListenersExceededWarning: every retry wait added an abort listener that was never removed.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/createCore.ts';
import { silentLogger } from '../../../electron/core/base/Logger.ts';
import { waitFor } from '../../support/waitFor.ts';

const CONNECTIONS = 12;
const ROUNDS = 14; // more retries per connection than Node's default limit of 10 listeners
const dataDir = mkdtempSync(join(tmpdir(), 'nightshift-many-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a collector with many failing connections', () => {
  it('retries every one of them for long without piling up abort listeners', async () => {
    // A server that hangs up at once: every connection attempt fails fast and is counted.
    let attempts = 0;
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      attempts++;
      sockets.add(socket);
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);

    const core = createCore(
      {
        dataDir,
        version: 'test',
        collector: { connectionBackoffCapMs: 20 },
        runConnections: Array.from({ length: CONNECTIONS }, (_, i) => ({
          name: `flaky-${i}`,
          target: {
            kind: 'direct',
            host: '127.0.0.1',
            port,
            database: `db${i}`,
            user: 'u',
            sslMode: 'disable',
          },
          password: 'pw',
        })),
      },
      { log: silentLogger, secrets: null, env: {} },
    );
    try {
      await core.start();
      await waitFor(
        async () => attempts,
        (n) => n >= CONNECTIONS * ROUNDS,
        { what: `${CONNECTIONS * ROUNDS} connection attempts`, timeoutMs: 120_000 },
      );
    } finally {
      await core.stop();
      process.off('warning', onWarning);
      server.close();
    }
    expect(warnings.filter((w) => /MaxListeners/.test(w))).toEqual([]);
  });
});

// Defect #13.7 through a real serve: connections with passwords can be given without any secret in
// argv (NIGHTSHIFT_CONNECTIONS, here as a JSON list), and a password in a --connection URL is warned
// about in one line that names the safer ways and does not repeat the password.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../../shared/model/collector.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';

const SECRET = 'n0t-in-argv-7f3a';
/** Nothing listens on port 1: the collector keeps retrying, which is all this test needs. */
const url = (user: string, db: string) => `postgres://${user}@127.0.0.1:1/${db}?sslmode=disable`;

/** Every process of the serve tree (one today; any child it starts later is checked too). */
const treeOf = (pid: number): number[] => {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
  return [pid, ...children.filter((c) => c !== '').flatMap((c) => treeOf(Number(c)))];
};
const cmdlineOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');

let serve: ServeProcess | undefined;
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

describe('serve connections and their secrets', () => {
  it('takes connections with passwords from NIGHTSHIFT_CONNECTIONS: nothing secret in any argv', async () => {
    serve = await startServe({
      env: {
        NIGHTSHIFT_CONNECTIONS: JSON.stringify([
          { url: url('ann', 'dev'), password: SECRET },
          url('ben', 'dev'),
        ]),
      },
    });
    const status = (await serve.call('collector.status')).body as { result: CollectorStatus };
    expect(status.result.connections.map((c) => c.name).sort()).toEqual([
      'ann@127.0.0.1:1/dev',
      'ben@127.0.0.1:1/dev',
    ]);
    const pids = treeOf(serve.child.pid!);
    for (const pid of pids) expect(cmdlineOf(pid)).not.toContain(SECRET);
    expect(serve.stderr()).not.toMatch(/warning/);
  });

  it('warns in one line when a --connection URL holds a password, without repeating it', async () => {
    serve = await startServe({ args: ['--connection', url(`ann:${SECRET}`, 'dev')] });
    const warnings = serve
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('warning:'));
    expect(warnings).toEqual([
      'warning: the password of --connection ann@127.0.0.1:1/dev is visible to every local user (ps, /proc); pass it in --connections-file, NIGHTSHIFT_CONNECTIONS, PGPASSWORD or ~/.pgpass instead.',
    ]);
    expect(serve.stderr()).not.toContain(SECRET);
  });
});

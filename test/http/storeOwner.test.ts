// Defect #13.1, the second half: a data directory has one owner. A second serve on it is refused with
// a message naming the first (pid, door, start time); asked to, it opens the store read-only instead;
// and an owner killed with -9 does not lock the directory for good.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'nightshift-owner-'));
const started: ServeProcess[] = [];
let ownerPid = 0;
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});
const serve = async (args: { admin?: boolean; args?: string[] }) => {
  const s = await startServe({ dataDir, ...args });
  started.push(s);
  return s;
};

describe('one owner per data directory', () => {
  it('refuses a second writer, names the owner, and lets a reader look without writing', async () => {
    const owner = await serve({ admin: true });
    const added = await owner.call('connections.add', { name: 'demo', target: { kind: 'demo' } });
    expect(added.body).toMatchObject({ ok: true });

    const second = await serve({ admin: true }).catch((error: Error) => error);
    expect(second).toBeInstanceOf(Error);
    const message = (second as Error).message;
    const named = /is in use by another Nightshift \(pid (\d+), serve \(admin\), started 20\d\d-/.exec(
      message,
    );
    expect(named, message).not.toBeNull();
    // The pid named is the owner's own process.
    ownerPid = Number(named![1]);
    expect(ownerPid).toBe(owner.child.pid);
    expect(message).toMatch(/--read-only-store/);
    expect(message).not.toMatch(/\n\s+at /); // a sentence, not a stack trace

    const reader = await serve({ args: ['--read-only-store'] });
    const list = (await reader.call('connections.list')).body as { ok: boolean; result: { name: string }[] };
    expect(list.result.map((c) => c.name)).toEqual(['demo']);
    const info = (await reader.call('app.info')).body as { result: { admin: boolean } };
    expect(info.result.admin).toBe(false);
    const refused = (await reader.call('connections.remove', { id: 'x' })).body as {
      error: { code: string; message: string };
    };
    expect(refused.error.code).toBe('read_only');
    expect(refused.error.message).toMatch(/opened the data directory read-only \(it belongs to pid \d+/);
    await reader.stop();

    // The owner still works after the reader went away, and it keeps the directory.
    expect((await owner.call('connections.list')).body).toMatchObject({ ok: true });
  });

  it('takes over from an owner that was killed with -9', async () => {
    expect(started[0]!.child.pid).toBe(ownerPid);
    await started[0]!.kill9();
    const next = await serve({ admin: true });
    const list = (await next.call('connections.list')).body as { result: { name: string }[] };
    expect(list.result.map((c) => c.name)).toEqual(['demo']);
  });
});

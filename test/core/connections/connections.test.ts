// connections.* through the core's dispatch against the real PostgreSQL test bed.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Connection, ConnectionTestResult } from '../../../shared/model/connection.ts';
import { createCore } from '../../../electron/core/createCore.ts';
import type { Core } from '../../../electron/core/Core.ts';
import { silentLogger } from '../../../electron/core/base/Logger.ts';
import type { SecretBox } from '../../../electron/core/base/SecretBox.ts';
import { aesSecretBox } from '../../support/aesSecretBox.ts';
import { freePort } from '../../support/freePort.ts';
import { directTarget } from '../../support/directTarget.ts';

const pg = inject('pg');
const admin = { door: 'ipc', admin: true } as const;
const cores: Core[] = [];

async function startCore(
  opts: { secrets?: SecretBox | null; env?: Record<string, string>; dataDir?: string } = {},
) {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'ns-conn-'));
  const core = createCore(
    { dataDir, version: 'test' },
    { log: silentLogger, secrets: opts.secrets ?? null, env: opts.env ?? {} },
  );
  await core.start();
  cores.push(core);
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await core.dispatch(method, args, admin);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.result as T;
  };
  return { core, call, dataDir };
}

const direct = (over: Record<string, unknown> = {}) => directTarget(pg, over);

afterAll(async () => {
  await Promise.all(cores.map((c) => c.stop()));
});

describe('connections', () => {
  it('tests a direct connection: server version and latency', async () => {
    const { call } = await startCore();
    const c = await call<Connection>('connections.add', {
      name: 'bed',
      target: direct(),
      password: pg.password,
    });
    expect(c.passwordSource).toBe('session');
    const result = await call<ConnectionTestResult>('connections.test', { id: c.id });
    expect(result).toMatchObject({ ok: true, reached: `${pg.host}:${pg.port}` });
    if (!result.ok) return;
    expect(result.serverVersion).toMatch(/^PostgreSQL 15\./);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('says in words when the password is wrong', async () => {
    const { call } = await startCore();
    const c = await call<Connection>('connections.add', {
      name: 'wrong',
      target: direct(),
      password: 'not-it',
    });
    const result = await call<ConnectionTestResult>('connections.test', { id: c.id });
    expect(result).toMatchObject({ ok: false, reason: 'auth' });
    if (result.ok) return;
    expect(result.message).toContain(`rejected the login for user "${pg.user}"`);
    expect(result.message).toContain('password authentication failed');
  });

  it('says in words when nothing listens on the port', async () => {
    const { call } = await startCore();
    const c = await call<Connection>('connections.add', {
      name: 'nobody',
      target: direct({ port: await freePort() }),
      password: 'x',
    });
    const result = await call<ConnectionTestResult>('connections.test', { id: c.id });
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
    if (!result.ok) expect(result.message).toContain('connection refused');
  });

  it('gives up on a server that never answers, with a timeout in words', async () => {
    const silent: Server = createServer(() => {}); // accepts, never speaks
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    try {
      const { call } = await startCore();
      const c = await call<Connection>('connections.add', {
        name: 'silent',
        target: direct({ port }),
        password: 'x',
      });
      const result = await call<ConnectionTestResult>('connections.test', { id: c.id });
      expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    } finally {
      silent.close();
    }
  }, 20_000);

  it('finds the password in PGPASSWORD or a pgpass file when none was typed', async () => {
    const viaEnv = await startCore({ env: { PGPASSWORD: pg.password } });
    const a = await viaEnv.call<Connection>('connections.add', { name: 'env', target: direct() });
    expect(a.passwordSource).toBe('environment');
    expect(await viaEnv.call<ConnectionTestResult>('connections.test', { id: a.id })).toMatchObject({
      ok: true,
    });

    const dir = mkdtempSync(join(tmpdir(), 'ns-pgpass-'));
    const file = join(dir, 'pgpass');
    writeFileSync(
      file,
      `# comment\nother:1:*:*:nope\n${pg.host}:${pg.port}:*:${pg.user}:${pg.password.replace(/:/g, '\\:')}\n`,
    );
    chmodSync(file, 0o600);
    const viaFile = await startCore({ env: { PGPASSFILE: file } });
    const b = await viaFile.call<Connection>('connections.add', { name: 'file', target: direct() });
    expect(await viaFile.call<ConnectionTestResult>('connections.test', { id: b.id })).toMatchObject({
      ok: true,
    });
    // The list says which of the two it is.
    expect((await viaEnv.call<Connection[]>('connections.list', {}))[0]!.passwordStatus?.detail).toBe(
      'From the PGPASSWORD environment variable.',
    );
    expect((await viaFile.call<Connection[]>('connections.list', {}))[0]!.passwordStatus?.detail).toBe(
      `From the pgpass file ${file}.`,
    );
  });

  it('never writes a password to disk in plain text; headless keeps it for one run only', async () => {
    const secret = `${pg.password}`;
    const headless = await startCore();
    const c = await headless.call<Connection>('connections.add', {
      name: 'once',
      target: direct(),
      password: secret,
    });
    await headless.core.stop();
    for (const f of readdirSync(headless.dataDir))
      expect(readFileSync(join(headless.dataDir, f)).includes(secret)).toBe(false);
    expect(c.passwordSource).toBe('session');
    // Defect #13.7: after a restart, a this-run-only password is gone, and says so; PGPASSWORD (even the
    // right one) is never used silently in its place while the connection is labelled "this run only".
    const restarted = await startCore({ dataDir: headless.dataDir, env: { PGPASSWORD: secret } });
    const after = await restarted.call<ConnectionTestResult>('connections.test', { id: c.id });
    expect(after).toMatchObject({ ok: false, message: expect.stringMatching(/given for one run only/) });
    const [listed] = await restarted.call<Connection[]>('connections.list', {});
    expect(listed!.passwordStatus).toEqual({
      available: false,
      detail:
        'This password was given for one run only, and Nightshift has restarted since: remove the connection and add it again with its password.',
    });

    const desktop = await startCore({ secrets: aesSecretBox() });
    const d = await desktop.call<Connection>('connections.add', {
      name: 'sealed',
      target: direct(),
      password: secret,
    });
    expect(d.passwordSource).toBe('keychain');
    const [sealed] = await desktop.call<Connection[]>('connections.list', {});
    expect(sealed!.passwordStatus).toEqual({
      available: true,
      detail: 'Stored encrypted with the OS keychain.',
    });
    expect(await desktop.call<ConnectionTestResult>('connections.test', { id: d.id })).toMatchObject({
      ok: true,
    });
    await desktop.core.stop();
    for (const f of readdirSync(desktop.dataDir))
      expect(readFileSync(join(desktop.dataDir, f)).includes(secret)).toBe(false);
  });

  it('lists without secrets, refuses duplicate names, removes, and audits each change', async () => {
    const { call, core, dataDir } = await startCore();
    const c = await call<Connection>('connections.add', {
      name: 'x',
      target: direct(),
      password: 'hunter2-secret',
    });
    await expect(call('connections.add', { name: 'x', target: direct() })).rejects.toThrow(
      /conflict: .*already exists/,
    );
    const listed = await call<Connection[]>('connections.list', {});
    expect(JSON.stringify(listed)).not.toContain('hunter2-secret');
    expect(await call('connections.remove', { id: c.id })).toEqual({ removed: true });
    expect(await call('connections.remove', { id: c.id })).toEqual({ removed: false });
    expect(await call<Connection[]>('connections.list', {})).toEqual([]);
    await core.stop();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dataDir, 'nightshift.db'), { readonly: true });
    const audit = db.prepare('SELECT action, outcome FROM audit_log ORDER BY seq').all();
    db.close();
    expect(audit).toEqual([
      { action: 'connections.add', outcome: 'ok' },
      { action: 'connections.remove', outcome: 'ok' },
      { action: 'connections.remove', outcome: 'refused' },
    ]);
  });
});

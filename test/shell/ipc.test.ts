// Door 1 through its seam: a Map of handlers stands in for Electron's ipcMain (the binary cannot be
// downloaded here), behind it the real core on a scratch store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL } from '../../shared/bridge.ts';
import type { Core } from '../../electron/core/Core.ts';
import { createCore } from '../../electron/core/createCore.ts';
import { silentLogger } from '../../electron/core/base/Logger.ts';
import {
  registerIpc,
  UNTRUSTED_SENDER_MESSAGE,
  type IpcInvokeEventLike,
  type IpcMainLike,
} from '../../electron/shell/ipc.ts';
import { APP_INDEX_URL } from '../../electron/shell/appProtocol.ts';
import { createTrustedUrlCheck } from '../../electron/shell/trustedSender.ts';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

class MapIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`a second handler for ${channel}`); // as Electron does
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(IPC_CALL_CHANNEL, method, args) does from a frame showing `frameUrl`. */
  invoke(frameUrl: string | null, method: unknown, args: unknown): Promise<unknown> {
    const listener = this.handlers.get(IPC_CALL_CHANNEL);
    if (!listener) throw new Error('nothing handles the call channel');
    return Promise.resolve(
      listener({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, method, args),
    );
  }
}

const appDir = mkdtempSync(join(tmpdir(), 'nightshift-shell-app-'));
const dataDir = mkdtempSync(join(tmpdir(), 'nightshift-shell-data-'));
const rendererIndex = join(appDir, 'dist', 'renderer', 'index.html');
const OUR_PAGE = APP_INDEX_URL;

describe('door 1: the IPC call channel', () => {
  let core: Core;
  const ipcMain = new MapIpcMain();
  let unregister: () => void;

  beforeAll(async () => {
    core = createCore({ dataDir, version: '9.9.9' }, { log: silentLogger, secrets: null, env: {} });
    await core.start();
    unregister = registerIpc(ipcMain, core, createTrustedUrlCheck());
  });

  afterAll(async () => {
    await core.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(appDir, { recursive: true, force: true });
  });

  it("answers our own window with dispatch's result, as the desktop (admin) door", async () => {
    const reply = await ipcMain.invoke(`${OUR_PAGE}#/connections`, 'app.info', {});
    expect(reply).toEqual({
      ok: true,
      result: { name: 'Nightshift', version: '9.9.9', door: 'ipc', admin: true, canStoreSecrets: false },
    });
  });

  it('lets our window change state (the desktop user is the admin)', async () => {
    const added = await ipcMain.invoke(OUR_PAGE, 'connections.add', {
      name: 'Demo',
      target: { kind: 'demo' },
    });
    expect(added).toMatchObject({ ok: true, result: { name: 'Demo' } });
    const listed = await ipcMain.invoke(OUR_PAGE, 'connections.list', {});
    expect(listed).toMatchObject({ ok: true, result: [{ name: 'Demo' }] });
  });

  it.each([
    ['a remote page', 'https://evil.example/'],
    ['another local file', pathToFileURL(join(appDir, 'elsewhere', 'index.html')).href],
    ['a sibling of our page', pathToFileURL(join(appDir, 'dist', 'renderer', 'other.html')).href],
    ['a file on a network share', `file://fileserver${pathToFileURL(rendererIndex).pathname}`],
    ['our renderer as a file', pathToFileURL(rendererIndex).href],
    ['about:blank', 'about:blank'],
    ['an empty URL', ''],
    ['a frame that is gone (null senderFrame)', null],
  ])('refuses %s before dispatch sees the call', async (_what, frameUrl) => {
    const reply = await ipcMain.invoke(frameUrl, 'connections.add', {
      name: 'Intruder',
      target: { kind: 'demo' },
    });
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: UNTRUSTED_SENDER_MESSAGE } });
    const listed = (await ipcMain.invoke(OUR_PAGE, 'connections.list', {})) as { result: { name: string }[] };
    expect(listed.result.map((c) => c.name)).not.toContain('Intruder');
  });

  it('gives an unknown method the same answer as dispatch itself', async () => {
    const viaIpc = await ipcMain.invoke(OUR_PAGE, 'cluster.selfDestruct', {});
    const direct = await core.dispatch('cluster.selfDestruct', {}, { door: 'ipc', admin: true });
    expect(viaIpc).toEqual(direct);
    expect(viaIpc).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('passes invalid arguments through to dispatch and returns its invalid_args answer', async () => {
    const reply = await ipcMain.invoke(OUR_PAGE, 'connections.remove', { id: 42 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });

  it('answers a method name that is not a string with unknown_method instead of throwing', async () => {
    const reply = await ipcMain.invoke(OUR_PAGE, { toString: () => 'app.info' }, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('unregisters its handler', () => {
    unregister();
    expect(ipcMain.handlers.has(IPC_CALL_CHANNEL)).toBe(false);
    // and can be registered again (a new window after the last one closed on macOS)
    unregister = registerIpc(ipcMain, core, () => true);
    expect(ipcMain.handlers.has(IPC_CALL_CHANNEL)).toBe(true);
  });
});

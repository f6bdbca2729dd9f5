// The bundles Electron would load, built by scripts/build-electron.ts into a scratch app folder. No
// Electron binary here, so each runs against a stand-in for the Electron API it uses: the preload in
// a VM context whose require() knows only 'electron' (as in a sandboxed renderer), the main process
// under Node with test/shell/electronStandIn.ts. What they exercise is our real code and the real core.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/bridge.ts';
import { buildElectron } from '../../scripts/build-electron.ts';
import { ROOT, startServe } from '../support/serveProcess.ts';

const appDir = mkdtempSync(join(tmpdir(), 'nightshift-bundle-app-'));
const userData = mkdtempSync(join(tmpdir(), 'nightshift-bundle-data-'));
let built: { main: string; preload: string };

beforeAll(async () => {
  built = await buildElectron({ root: ROOT, outDir: join(appDir, 'dist-electron') });
  // The app folder as an unpackaged run has it: the Redshift SQL beside the bundles.
  cpSync(join(ROOT, 'queries'), join(appDir, 'queries'), { recursive: true });
  // ...and a renderer for the app scheme to serve (its content is the renderer build's business).
  mkdirSync(join(appDir, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appDir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Nightshift</title>\n');
  // serve.cjs reads the version from the app folder's package.json.
  cpSync(join(ROOT, 'package.json'), join(appDir, 'package.json'));
});

afterAll(() => {
  rmSync(appDir, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
});

describe('dist-electron/preload.cjs in a sandboxed renderer', () => {
  function loadPreload() {
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const ipcRenderer = Object.assign(new EventEmitter(), {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ ok: true, result: 'answer' });
      },
    });
    const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) };
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return { contextBridge, ipcRenderer };
      throw new Error(`module not found: ${name} (a sandboxed preload can only require electron)`);
    };
    const module = { exports: {} };
    const wrapped = runInNewContext(
      `(function (exports, require, module) {${readFileSync(built.preload, 'utf8')}\n})`,
      {
        console,
      },
    ) as (e: unknown, r: unknown, m: unknown) => void;
    wrapped(module.exports, sandboxRequire, module);
    return { exposed, invoked, ipcRenderer };
  }

  it('exposes window.nightshift with call() and onEvent() and nothing else', () => {
    const { exposed } = loadPreload();
    expect([...exposed.keys()]).toEqual(['nightshift']);
    const bridge = exposed.get('nightshift') as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends call(method, args) over the one call channel and returns the answer', async () => {
    const { exposed, invoked } = loadPreload();
    const bridge = exposed.get('nightshift') as { call(m: string, a: unknown): Promise<unknown> };
    await expect(bridge.call('app.info', {})).resolves.toEqual({ ok: true, result: 'answer' });
    expect(invoked).toEqual([[IPC_CALL_CHANNEL, 'app.info', {}]]);
  });

  it('hands onEvent listeners the pushed event only, and unsubscribes', () => {
    const { exposed, ipcRenderer } = loadPreload();
    const bridge = exposed.get('nightshift') as { onEvent(cb: (e: unknown) => void): () => void };
    const received: unknown[][] = [];
    const unsubscribe = bridge.onEvent((...args) => received.push(args));
    const pushed = { name: 'connections.changed', payload: { connections: [] } };
    ipcRenderer.emit(IPC_EVENT_CHANNEL, { sender: ipcRenderer }, pushed);
    expect(received).toEqual([[pushed]]);
    unsubscribe();
    ipcRenderer.emit(IPC_EVENT_CHANNEL, { sender: ipcRenderer }, pushed);
    expect(received).toHaveLength(1);
    expect(ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });
});

describe('dist-electron/main.cjs under a stand-in for the Electron API', () => {
  const seen = new Map<string, unknown[]>();
  let exitCode: number | null = null;
  let stderr = '';

  beforeAll(async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
        '--import',
        pathToFileURL(join(ROOT, 'test/shell/electronStandIn.ts')).href,
        built.main,
      ],
      {
        cwd: appDir,
        env: {
          ...process.env,
          // the bundle sits outside the checkout: find better-sqlite3 in the checkout's node_modules
          NODE_PATH: join(ROOT, 'node_modules'),
          STANDIN_APP_PATH: appDir,
          STANDIN_USER_DATA: userData,
          NIGHTSHIFT_DATA_DIR: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('STANDIN ')) return;
      const { what, data } = JSON.parse(line.slice('STANDIN '.length)) as { what: string; data: unknown };
      seen.set(what, [...(seen.get(what) ?? []), data]);
    });
    exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  });

  it('starts without an error dialog', () => {
    expect(seen.get('dialog'), stderr).toBeUndefined();
  });

  it('opens one sandboxed window on the built renderer, from its own privileged scheme', () => {
    expect(seen.get('enableSandbox')).toEqual([true]);
    const [options] = (seen.get('window') ?? []) as { webPreferences: Record<string, unknown> }[];
    expect(options?.webPreferences).toMatchObject({
      preload: built.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(seen.get('loadFile')).toBeUndefined();
    expect(seen.get('loadURL')).toEqual(['nightshift://app/index.html']);
    expect(seen.get('privilegedSchemes')).toEqual([
      [{ scheme: 'nightshift', privileges: { standard: true, secure: true } }],
    ]);
  });

  it('serves only the built renderer under that scheme, each file with the policy', () => {
    const [index, encoded, dotted, missing] = (seen.get('fetchOwn') ?? []) as {
      status: number;
      type: string | null;
      csp: string | null;
      body: string | null;
    }[];
    expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(index?.body?.toLowerCase()).toContain('<!doctype html');
    expect(index?.csp).toContain("script-src 'self'");
    // URL parsing folds "../" at the root, so both spellings stay inside (or are refused): never package.json.
    expect(encoded?.status).toBe(403);
    expect(dotted?.status).toBe(404);
    expect(missing?.status).toBe(404);
  });

  it('puts its own Content-Security-Policy on responses', () => {
    const [response] = (seen.get('headers') ?? []) as { responseHeaders: Record<string, string[]> }[];
    expect(Object.keys(response?.responseHeaders ?? {})).toEqual(['Content-Security-Policy']);
    expect(response?.responseHeaders['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
  });

  it('answers the window over IPC from the real core, with the store in userData', () => {
    expect(seen.get('app.info')).toEqual([
      {
        ok: true,
        result: { name: 'Nightshift', version: '7.7.7', door: 'ipc', admin: true, canStoreSecrets: false },
      },
    ]);
    expect(seen.get('untrusted')).toEqual([
      { ok: false, error: expect.objectContaining({ code: 'forbidden' }) },
    ]);
    expect(seen.get('add')).toEqual([{ ok: true, result: expect.objectContaining({ name: 'Demo' }) }]);
    expect(existsSync(join(userData, 'nightshift.db'))).toBe(true);
  });

  it('pushes core events to the window', () => {
    expect(seen.get('send')).toContainEqual({
      channel: IPC_EVENT_CHANNEL,
      event: {
        name: 'connections.changed',
        // A first run also gets the built-in demo cluster.
        payload: {
          connections: expect.arrayContaining([
            expect.objectContaining({ name: 'Demo cluster', target: { kind: 'demo' } }),
            expect.objectContaining({ name: 'Demo' }),
          ]) as unknown,
        },
      },
    });
  });

  it('guards the window: no navigation away, no new windows, no permissions', () => {
    expect(seen.get('guards')).toEqual([
      { navigationPrevented: true, windowOpen: { action: 'deny' }, media: false, check: false },
    ]);
  });

  it('on SIGTERM holds the quit until the core has closed the store, then exits 0', () => {
    expect(seen.get('will-quit')).toEqual([{ prevented: true }, { prevented: false }]);
    expect(exitCode, stderr).toBe(0);
    // better-sqlite3 removes the write-ahead log when the last connection closes cleanly
    expect(existsSync(join(userData, 'nightshift.db-wal'))).toBe(false);
  });
});

describe('dist-electron/serve.cjs (what `npm start` runs where Electron cannot)', () => {
  it('serves door 2 on plain Node from the app folder: the API, the renderer, and a clean stop', async () => {
    const server = await startServe({
      admin: true,
      bundle: join(appDir, 'dist-electron', 'serve.cjs'),
      // The externals (better-sqlite3, PGlite) from the checkout, as main.cjs above gets them.
      env: { NODE_PATH: join(ROOT, 'node_modules') },
    });
    try {
      const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
      expect((await server.call('app.info')).body).toMatchObject({ result: { version } });
      const page = await fetch(`http://127.0.0.1:${server.port}/`);
      expect(await page.text()).toContain('<title>Nightshift</title>');
      // The core started (the collector loads the Redshift SQL from the app folder's queries/ at start).
      expect((await server.call('connections.list')).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  });
});

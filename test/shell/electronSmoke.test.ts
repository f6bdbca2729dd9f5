// The real desktop app, launched through Playwright's Electron driver — only where an Electron binary
// is installed, a display exists and better-sqlite3 is built for Electron. Elsewhere (our build
// machines: the binary's download needs github.com) the suite is skipped and says why.
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NightshiftBridge } from '../../shared/bridge.ts';
import { buildElectron } from '../../scripts/build-electron.ts';
import { electronUnavailableReason, findElectronBinary } from '../../scripts/electronRuntime.ts';
import { ROOT } from '../support/serveProcess.ts';

const skipReason = electronUnavailableReason(ROOT);
if (skipReason) console.warn(`test/shell/electronSmoke.test.ts: Electron smoke test SKIPPED: ${skipReason}`);

declare global {
  interface Window {
    nightshift?: NightshiftBridge;
  }
}

describe.skipIf(skipReason !== null)('the desktop app in real Electron', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nightshift-electron-'));
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    const binary = findElectronBinary(ROOT);
    if (!binary) throw new Error('unreachable: the suite runs only with a binary');
    if (!existsSync(join(ROOT, 'dist/renderer/index.html'))) {
      throw new Error('dist/renderer is not built: run `npm run build:renderer` first (`npm test` does)');
    }
    await buildElectron({ root: ROOT });
    app = await _electron.launch({
      executablePath: binary,
      args: [ROOT],
      cwd: ROOT,
      env: { ...(process.env as Record<string, string>), NIGHTSHIFT_DATA_DIR: dataDir },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the built renderer from its own privileged scheme, never a file or a server', () => {
    expect(page.url()).toBe('nightshift://app/index.html');
  });

  it('gives the page window.nightshift (call, onEvent) and no Node', async () => {
    const seen = await page.evaluate(() => ({
      bridge: Object.keys(window.nightshift ?? {}).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(seen).toEqual({ bridge: ['call', 'onEvent'], require: 'undefined', process: 'undefined' });
  });

  it('answers app.info over IPC as the admin desktop door', async () => {
    const reply = await page.evaluate(() => window.nightshift?.call('app.info', {}));
    expect(reply).toMatchObject({ ok: true, result: { name: 'Nightshift', door: 'ipc', admin: true } });
  });

  it('runs the page under the Content-Security-Policy: no eval', async () => {
    const evalBlocked = await page.evaluate(() => {
      try {
        return (0, eval)('1') !== 1;
      } catch {
        return true;
      }
    });
    expect(evalBlocked).toBe(true);
  });

  it('stops the core and closes the store on quit', async () => {
    await app.close();
    expect(existsSync(join(dataDir, 'nightshift.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'nightshift.db-wal'))).toBe(false);
  });
});

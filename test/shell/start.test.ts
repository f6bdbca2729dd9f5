// The decisions `npm start` makes before it launches anything (scripts/start.ts,
// scripts/electronRuntime.ts). The whole fallback run was checked by hand: see the foundation report.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  electronUnavailableReason,
  findElectronBinary,
  noDisplayReason,
  sqliteAbiProblem,
} from '../../scripts/electronRuntime.ts';
import { browserUrl, parseReadyLine, serveArgs } from '../../scripts/start.ts';
import { ROOT } from '../support/serveProcess.ts';

const roots: string[] = [];
function checkout(withBinary: { pathTxt?: string; file?: string } | null): string {
  const root = mkdtempSync(join(tmpdir(), 'nightshift-start-'));
  roots.push(root);
  const electronDir = join(root, 'node_modules', 'electron');
  mkdirSync(join(electronDir, 'dist'), { recursive: true });
  if (withBinary?.pathTxt !== undefined) writeFileSync(join(electronDir, 'path.txt'), withBinary.pathTxt);
  if (withBinary?.file) {
    const file = join(electronDir, 'dist', withBinary.file);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
  }
  return root;
}

afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('npm start: finding the Electron runtime without require("electron")', () => {
  it('reports a missing binary, naming the path it looked for', () => {
    const root = checkout(null);
    expect(findElectronBinary(root, {}, 'linux')).toBeNull();
    expect(electronUnavailableReason(root, { DISPLAY: ':0' }, 'linux')).toMatch(
      /not installed .*node_modules\/electron\/dist\/electron is missing/,
    );
  });

  it("finds the binary where Electron's installer put it (path.txt)", () => {
    const root = checkout({ pathTxt: 'electron', file: 'electron' });
    expect(findElectronBinary(root, {}, 'linux')).toBe(
      join(root, 'node_modules', 'electron', 'dist', 'electron'),
    );
    expect(electronUnavailableReason(root, { DISPLAY: ':0' }, 'linux')).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, as Electron itself does', () => {
    const root = checkout(null);
    const elsewhere = mkdtempSync(join(tmpdir(), 'nightshift-electron-dist-'));
    roots.push(elsewhere);
    writeFileSync(join(elsewhere, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere }, 'linux')).toBe(
      join(elsewhere, 'electron'),
    );
  });

  it('knows a Linux machine without X11 or Wayland cannot show a window', () => {
    expect(noDisplayReason({}, 'linux')).toBe('no display: DISPLAY and WAYLAND_DISPLAY are unset');
    expect(noDisplayReason({ DISPLAY: ':99' }, 'linux')).toBeNull();
    expect(noDisplayReason({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeNull();
    expect(noDisplayReason({}, 'darwin')).toBeNull();
    expect(noDisplayReason({}, 'win32')).toBeNull();
  });
});

describe('npm start: falling back to door 2', () => {
  it("reads serve's ready line and ignores everything else", () => {
    const line = JSON.stringify({ url: 'http://127.0.0.1:4100/?token=abc', port: 4100, token: 'abc' });
    expect(parseReadyLine(line)).toEqual({
      url: 'http://127.0.0.1:4100/?token=abc',
      port: 4100,
      token: 'abc',
    });
    expect(parseReadyLine('2026-11-26T04:02:35.768Z info store open in /tmp')).toBeNull();
    expect(parseReadyLine('{"url":"http://127.0.0.1:1/"}')).toBeNull();
    expect(parseReadyLine('null')).toBeNull();
  });

  it('prints a URL that opens the UI with its token', () => {
    expect(browserUrl({ url: 'http://127.0.0.1:4100/?token=abc', port: 4100, token: 'abc' })).toBe(
      'http://127.0.0.1:4100/?token=abc',
    );
    expect(browserUrl({ url: 'http://127.0.0.1:4100/', port: 4100, token: 'a b' })).toBe(
      'http://127.0.0.1:4100/?token=a+b',
    );
  });

  it('starts serve with admin rights (the local user asked for the app) and passes the rest through', () => {
    const args = serveArgs(['--port', '4100']);
    expect(args).toContain('--admin');
    expect(args).toContain('--demo');
    expect(args.slice(-2)).toEqual(['--port', '4100']);
  });
});

describe('npm start: the SQLite driver must match the runtime', () => {
  it('finds nothing to complain about when the runtime is the one better-sqlite3 was built for', () => {
    // Node itself stands in for "an Electron whose ABI matches": the probe loads the real addon.
    expect(sqliteAbiProblem(process.execPath, ROOT)).toBeNull();
  });

  it('says what to run when the addon was built for another ABI', () => {
    const root = checkout(null);
    const fakeElectron = join(root, 'electron');
    writeFileSync(
      fakeElectron,
      '#!/bin/sh\necho "Error: The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 150." >&2\nexit 1\n',
    );
    chmodSync(fakeElectron, 0o755);
    const problem = sqliteAbiProblem(fakeElectron, ROOT);
    expect(problem).toContain(
      'NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 150',
    );
    expect(problem).toContain('npx electron-rebuild -f -o better-sqlite3');
  });
});

// Where the Electron binary is, and whether it can show a window here — answered without
// require('electron'), which tries to download the binary when it is missing (node_modules/electron/index.js).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

/** The executable's path inside node_modules/electron/dist, as Electron's own install.js names it. */
export function platformExecutable(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/** Where the binary should be: path.txt when the installer wrote one, else the platform default. */
export function electronBinaryPath(
  root: string,
  env: Env = process.env,
  platform = process.platform,
): string {
  const electronDir = join(root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  const executable = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : platformExecutable(platform);
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist');
  return join(distDir, executable);
}

/** The binary's path when it is installed, otherwise null. */
export function findElectronBinary(
  root: string,
  env: Env = process.env,
  platform = process.platform,
): string | null {
  const path = electronBinaryPath(root, env, platform);
  return existsSync(path) ? path : null;
}

/** Why no window can be shown here, or null when one can (only Linux needs an X11 or Wayland server). */
export function noDisplayReason(env: Env = process.env, platform = process.platform): string | null {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'no display: DISPLAY and WAYLAND_DISPLAY are unset';
}

/** Why the desktop app cannot run here, or null when it can. */
export function electronUnavailableReason(
  root: string,
  env: Env = process.env,
  platform = process.platform,
): string | null {
  const binary = findElectronBinary(root, env, platform);
  if (!binary) {
    return `the Electron binary is not installed (${electronBinaryPath(root, env, platform)} is missing; its download needs github.com)`;
  }
  return noDisplayReason(env, platform) ?? sqliteAbiProblem(binary, root);
}

/**
 * Whether this Electron can load the checkout's better-sqlite3. npm builds the addon for Node's ABI;
 * Electron has its own, and the desktop app cannot open its store until the addon is rebuilt for it.
 * Asked of the binary itself, run as plain Node (ELECTRON_RUN_AS_NODE): no window, a few seconds.
 */
export function sqliteAbiProblem(binary: string, root: string): string | null {
  const probe = `const D = require(${JSON.stringify(join(root, 'node_modules', 'better-sqlite3'))}); new D(':memory:').close();`;
  const result = spawnSync(binary, ['-e', probe], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status === 0) return null;
  const detail = /NODE_MODULE_VERSION \d+[^\n]*NODE_MODULE_VERSION \d+/.exec(result.stderr ?? '')?.[0];
  return (
    `better-sqlite3 is built for Node.js, not for this Electron${detail ? ` (${detail})` : ''}: ` +
    'run "npx electron-rebuild -f -o better-sqlite3" for the desktop app, and "npm rebuild better-sqlite3" ' +
    'again before running tests or the server under Node'
  );
}

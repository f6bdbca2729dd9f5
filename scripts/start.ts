// `npm start`: build, then run the desktop app — or, where Electron cannot run (its binary could not be
// downloaded, or there is no display), say so in one line and serve the same UI on door 2 instead
// (DESIGN.md §2). Every step is announced on stderr; the browser URL goes to stdout. Ctrl-C / SIGTERM
// are forwarded to the app or server, which stop the core cleanly before exiting.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildElectron, SERVE_BUNDLE } from './build-electron.ts';
import { findElectronBinary, noDisplayReason, sqliteAbiProblem } from './electronRuntime.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const INSTALL_TIMEOUT_MS = 120_000;
const READY_TIMEOUT_MS = 120_000;
const HEARTBEAT_MS = 15_000;
/** A process group of its own, so a forwarded signal arrives once and not also from the terminal. */
const OWN_GROUP = process.platform !== 'win32';

const say = (line: string) => process.stderr.write(`[nightshift] ${line}\n`);

export interface ReadyLine {
  url: string;
  port: number;
  token: string;
}

/** The one JSON line `serve` prints on stdout when it listens; null for any other line. */
export function parseReadyLine(line: string): ReadyLine | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { url, port, token } = value as Record<string, unknown>;
  if (typeof url !== 'string' || typeof port !== 'number' || typeof token !== 'string') return null;
  return { url, port, token };
}

/** The address to open: the server's URL, with the token in the query if it is not already there. */
export function browserUrl(ready: ReadyLine): string {
  const url = new URL(ready.url);
  if (!url.searchParams.has('token')) url.searchParams.set('token', ready.token);
  return url.href;
}

/**
 * Arguments for `serve` when `npm start` falls back: the local user started it, so admin rights, and
 * the built-in demo cluster so there is something to see on a first start.
 */
export function serveArgs(passed: string[]): string[] {
  return ['--demo', '--admin', ...passed];
}

async function main(): Promise<void> {
  const passed = process.argv.slice(2);
  say('building the renderer (vite build)…');
  await runStep('the renderer build', process.execPath, [
    join(ROOT, 'node_modules/vite/bin/vite.js'),
    'build',
  ]);
  say('bundling the main process and preload (esbuild)…');
  await buildElectron({ root: ROOT });
  say('looking for the Electron runtime…');

  const noDisplay = noDisplayReason();
  if (noDisplay) return fallBack(`Electron runtime unavailable (${noDisplay})`, passed);
  let binary = findElectronBinary(ROOT);
  if (!binary) {
    say(
      `the Electron binary is missing; running Electron's installer once (up to ${INSTALL_TIMEOUT_MS / 1000} s)…`,
    );
    await installElectron();
    binary = findElectronBinary(ROOT);
  }
  if (!binary) return fallBack('Electron runtime unavailable (download failed: offline?)', passed);
  say('checking that Electron can load the SQLite driver…');
  const abiProblem = sqliteAbiProblem(binary, ROOT);
  if (abiProblem) return fallBack(`The desktop app cannot open its store (${abiProblem})`, passed);

  say(`starting Electron (${binary})…`);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [ROOT, ...passed], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: OWN_GROUP,
  });
  const code = await supervise(child, 'Nightshift');
  if (code !== 0) say(`Electron exited with code ${code}`);
  process.exitCode = code;
}

async function fallBack(why: string, passed: string[]): Promise<void> {
  say(`${why} — serving Nightshift in the browser instead`);
  // The bundle built above: plain node loads it in a fraction of what tsx takes over the sources.
  const child = spawn(process.execPath, [join(ROOT, 'dist-electron', SERVE_BUNDLE), ...serveArgs(passed)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: OWN_GROUP,
  });
  const started = Date.now();
  let ready = false;
  const heartbeat = setInterval(
    () =>
      say(
        `still waiting for the server to report its address (${Math.round((Date.now() - started) / 1000)} s)…`,
      ),
    HEARTBEAT_MS,
  );
  const giveUp = setTimeout(() => {
    say(`the server did not report its address within ${READY_TIMEOUT_MS / 1000} s; stopping it`);
    child.kill('SIGTERM');
  }, READY_TIMEOUT_MS);
  const settle = () => {
    clearInterval(heartbeat);
    clearTimeout(giveUp);
  };

  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const parsed = ready ? null : parseReadyLine(line);
      if (!parsed) {
        process.stderr.write(`${line}\n`);
        return;
      }
      ready = true;
      settle();
      process.stdout.write(`Open ${browserUrl(parsed)} in your browser\n`);
      say('press Ctrl-C to stop');
    });
  }
  child.on('exit', (code, signal) => {
    settle();
    if (!ready) say(`the server stopped before it was ready (${signal ?? `exit code ${code}`})`);
  });
  process.exitCode = await supervise(child, 'the server');
}

/** Runs a build step with its output on stderr; rejects with a one-line reason when it fails. */
function runStep(what: string, command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 2, 2] });
    child.on('error', (error) => reject(new Error(`${what} could not start: ${error.message}`)));
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${what} failed (${signal ?? `exit code ${code}`}); see above`)),
    );
  });
}

/** Electron's own installer (node_modules/electron/install.js), bounded in time and never fatal. */
function installElectron(): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/electron/install.js')], {
      cwd: ROOT,
      stdio: ['ignore', 2, 2],
      timeout: INSTALL_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    const heartbeat = setInterval(
      () => say(`still trying to install Electron (${Math.round((Date.now() - started) / 1000)} s)…`),
      HEARTBEAT_MS,
    );
    const done = (outcome: string) => {
      clearInterval(heartbeat);
      say(`Electron's installer ${outcome}`);
      resolve();
    };
    child.on('error', (error) => done(`could not start: ${error.message}`));
    child.on('exit', (code, signal) =>
      done(
        signal === 'SIGKILL' ? `gave up after ${INSTALL_TIMEOUT_MS / 1000} s` : `exited with code ${code}`,
      ),
    );
  });
}

/**
 * Forwards SIGINT/SIGTERM to the child (a third Ctrl-C kills it outright, for a stop that hangs) and
 * resolves with the exit code to pass on. The child is also stopped if this process exits first.
 */
function supervise(child: ChildProcess, name: string): Promise<number> {
  let signals = 0;
  let lastSignalAt = 0;
  const forward = (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // One Ctrl-C can reach us more than once (the terminal, npm and tsx each pass it on): count a
    // signal only when it comes a second after the previous one.
    const now = Date.now();
    if (now - lastSignalAt < 1000) return;
    lastSignalAt = now;
    signals += 1;
    if (signals >= 3) {
      say(`killing ${name}`);
      child.kill('SIGKILL');
    } else {
      if (signals === 2) say(`${name} is still stopping; Ctrl-C once more kills it`);
      child.kill(signal);
    }
  };
  const stopOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  process.on('exit', stopOnExit);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      say(`${name} could not start: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('exit', stopOnExit);
      resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}

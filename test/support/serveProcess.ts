// Runs `serve` (door 2) as a real child process, the way a user or CI would, and reads its one-line
// ready message. ONE process: `node --import tsx serve.ts`, not the tsx CLI (which runs the program in a
// child of its own), so the pid a test holds is the process that owns the store, SIGTERM reaches serve's
// own shutdown, and a kill -9 kills exactly the process that writes (the kill -9 tests).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface ServeOptions {
  admin?: boolean;
  args?: string[];
  env?: Record<string, string>;
  /** Reuse a data directory (restart tests); a fresh temporary one otherwise. */
  dataDir?: string;
  /** Run this bundled serve (dist-electron/serve.cjs, as `npm start` does) instead of the source. */
  bundle?: string;
}

export interface ServeProcess {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  child: ChildProcess;
  stderr: () => string;
  /** Calls an API method over HTTP with the token. */
  call(method: string, args?: unknown): Promise<{ status: number; body: unknown }>;
  /** SIGTERM: serve shuts down cleanly; resolves with its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no shutdown code runs. */
  kill9(): Promise<void>;
}

export async function startServe(options: ServeOptions = {}): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'nightshift-serve-'));
  const argv = [
    ...(options.bundle !== undefined
      ? [options.bundle]
      : ['--import', 'tsx', join(ROOT, 'electron/http/serve.ts')]),
    '--data-dir',
    dataDir,
    ...(options.admin ? ['--admin'] : []),
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const ready = await new Promise<{ url: string; port: number; token: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line) as { url: string; port: number; token: string });
      } catch {
        reject(new Error(`serve printed a line that is not JSON: ${line}`));
      }
    });
    void exited.then((code) =>
      reject(new Error(`serve exited with ${code} before it was ready:\n${stderr}`)),
    );
  });
  const running = () => child.exitCode === null && child.signalCode === null;

  return {
    ...ready,
    dataDir,
    child,
    stderr: () => stderr,
    async call(method, args = {}) {
      const res = await fetch(`http://127.0.0.1:${ready.port}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ready.token}` },
        body: JSON.stringify(args),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    async stop() {
      if (running()) child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
  };
}

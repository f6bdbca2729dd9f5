// `serve` as ONE process (node --import tsx, not the tsx CLI, which runs the program in a child that
// a SIGKILL of the parent would leave running), so a test can kill -9 exactly the process that writes
// the store. Resolves once the one-line JSON ready message is printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

export interface ServeChild {
  child: ChildProcess;
  port: number;
  token: string;
  stderr(): string;
  call(method: string, args?: unknown): Promise<{ ok: boolean; result?: unknown; error?: unknown }>;
  /** SIGKILL: no shutdown code runs. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServeChild(args: string[], env: Record<string, string> = {}): Promise<ServeChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/http/serve.ts'), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      NIGHTSHIFT_QUIET: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      try {
        resolve(JSON.parse(line) as { port: number; token: string });
      } catch {
        reject(new Error(`serve printed a line that is not JSON: ${line}`));
      }
    });
    void exited.then(() => reject(new Error(`serve exited before it was ready:\n${stderr}`)));
  });
  return {
    child,
    ...ready,
    stderr: () => stderr,
    async call(method, callArgs = {}) {
      const res = await fetch(`http://127.0.0.1:${ready.port}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ready.token}` },
        body: JSON.stringify(callArgs),
      });
      return (await res.json()) as { ok: boolean; result?: unknown };
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

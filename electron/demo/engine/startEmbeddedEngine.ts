// The built-in demo cluster's engine: PGlite in a worker thread, reachable over the PostgreSQL wire
// protocol on a free loopback port. What it cannot do, compared with a real server: it has one backend,
// so statements from all sessions run one after another (a pg_sleep would stall everyone), there is no
// real cancel, and users/passwords are not checked. The double's live mode simulates running and
// queued statements in its registry instead of sleeping on this engine.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { freePort } from './freePort.ts';
import type { EngineWorkerMessage } from './embeddedEngineWorker.ts';

export interface EmbeddedEngine {
  host: string;
  port: number;
  /** PGlite's only user; any password is accepted. */
  user: string;
  password: string;
  stop(): Promise<void>;
}

export interface EmbeddedEngineOptions {
  /** Keep the database in this folder; in memory when absent. */
  dataDir?: string;
  /** Where the worker's code is (the bundled desktop build passes its own file). */
  workerUrl?: URL;
}

/** From source, the .ts file beside this one; in the desktop bundle, the worker bundled beside main.cjs. */
function defaultWorkerUrl(): URL {
  const source = new URL('./embeddedEngineWorker.ts', import.meta.url);
  return existsSync(fileURLToPath(source)) ? source : new URL('./embeddedEngineWorker.cjs', import.meta.url);
}

export async function startEmbeddedEngine(options: EmbeddedEngineOptions = {}): Promise<EmbeddedEngine> {
  const port = await freePort();
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const workerData = { dataDir: options.dataDir ?? null, port };
  const worker = workerUrl.pathname.endsWith('.ts')
    ? // From source (tsx, vitest) the worker loads its TypeScript through tsx's API; Node 20 does not
      // carry the parent's loader hooks into workers. Bundled builds pass a .js file instead.
      new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => tsx.tsImport(${JSON.stringify(workerUrl.href)}, ${JSON.stringify(import.meta.url)}))`,
        { eval: true, workerData },
      )
    : new Worker(workerUrl, { workerData });
  const next = () =>
    new Promise<EngineWorkerMessage>((resolve, reject) => {
      const onMessage = (m: EngineWorkerMessage) => {
        worker.off('error', onError);
        resolve(m);
      };
      const onError = (e: Error) => {
        worker.off('message', onMessage);
        reject(e);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
    });
  const first = await next();
  if (first.type !== 'ready') {
    await worker.terminate();
    throw new Error(
      `The embedded engine did not start: ${first.type === 'error' ? first.message : first.type}`,
    );
  }
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: 'postgres',
    async stop() {
      const stopped = next();
      worker.postMessage('stop');
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 5_000))]);
      await worker.terminate();
    },
  };
}

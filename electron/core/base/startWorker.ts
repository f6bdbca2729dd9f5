// Starts a worker thread from a module of ours, wherever the code runs: from source (tsx, vitest) the
// worker's TypeScript loads through tsx's API, because Node 20 does not carry the parent's loader hooks
// into workers; the bundled desktop build passes the worker's own .cjs file, built beside main.cjs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The .ts source when it is there (dev, tests), else the bundled `.cjs` of the same name beside it. */
export function workerModule(source: URL): URL {
  return existsSync(fileURLToPath(source)) ? source : new URL(source.href.replace(/\.ts$/, '.cjs'));
}

export function startWorker(module: URL, workerData: unknown): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, { workerData });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const load = `import(${tsx}).then((api) => api.tsImport(${JSON.stringify(module.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(load, { eval: true, workerData });
}

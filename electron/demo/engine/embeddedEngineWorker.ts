// Runs inside a worker thread: PGlite (PostgreSQL compiled to WebAssembly) behind pglite-socket's
// wire-protocol server, so the app's event loop never waits on the embedded engine.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { parentPort, workerData } from 'node:worker_threads';

interface EngineWorkerData {
  dataDir: string | null;
  port: number;
}

export type EngineWorkerMessage =
  { type: 'ready'; port: number } | { type: 'error'; message: string } | { type: 'stopped' };

async function main(): Promise<void> {
  const { dataDir, port } = workerData as EngineWorkerData;
  // UTC like Redshift (REFERENCE 6.3).
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), database: 'postgres' });
  await db.exec("SET TIME ZONE 'UTC'");
  // Several pg clients (the collector's pool, the proxy's sessions) share the one backend; pglite-socket
  // queues their messages statement by statement.
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 64 });
  await server.start();
  parentPort?.postMessage({ type: 'ready', port } satisfies EngineWorkerMessage);
  parentPort?.on('message', (message: unknown) => {
    if (message === 'stop') {
      void (async () => {
        await server.stop();
        await db.close();
        parentPort?.postMessage({ type: 'stopped' } satisfies EngineWorkerMessage);
      })();
    }
  });
}

main().catch((error: unknown) => {
  parentPort?.postMessage({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
  } satisfies EngineWorkerMessage);
});

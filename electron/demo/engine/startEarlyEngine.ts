// A restart of the demo (issue #14: polling again within 3 s): opening a kept PGlite database takes
// 2-4 s (WebAssembly PostgreSQL starting on 100+ MB of files), and loading the app's own modules takes
// as long again. Started first thing, from an entry point that has not loaded the rest yet, the two
// overlap instead of following each other. Only for a kept database: a first start must see an empty
// folder (startDouble tells a first start from a restart by it) and spends its time generating anyway.
import { existsSync, readdirSync } from 'node:fs';
import { startEmbeddedEngine, type EmbeddedEngine } from './startEmbeddedEngine.ts';

/** The folder, inside an app's data directory, that keeps the demo's database. */
export const DEMO_CLUSTER_DIR = 'demo-cluster';

/** The engine opening `dataDir` now, or undefined when there is no kept database there. */
export function startEarlyEngine(dataDir: string): Promise<EmbeddedEngine> | undefined {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) return undefined;
  const started = startEmbeddedEngine({ dataDir });
  // Whoever takes it over reports a failure; until then it must not be an unhandled rejection.
  started.catch(() => undefined);
  return started;
}

// Where an app's data directory keeps the demo cluster's database: its own module, so `serve` can find a
// kept demo (and start its engine early) before it loads the double and the core.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The folder, inside an app's data directory, that keeps the demo's database. */
export const DEMO_CLUSTER_DIR = 'demo-cluster';

/** The kept demo database's folder in `dataDir`; null when there is none yet (a first start). */
export function keptDemoClusterDir(dataDir: string): string | null {
  const dir = join(dataDir, DEMO_CLUSTER_DIR);
  return existsSync(dir) && readdirSync(dir).length > 0 ? dir : null;
}

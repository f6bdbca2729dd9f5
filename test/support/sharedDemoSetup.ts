// Global setup of the e2e project: starts the run's one shared demo server (`serve --admin --demo
// --demo-engine postgres`) for the browser areas that only read (sharedDemo.e2e.test.ts, through
// useSharedDemoBed in demoBed.ts), and stops it after the run. It does not wait for the demo cluster:
// the first area that uses it does, while the unit files run. serve's stderr is copied to a file so the
// test workers can read the double's endpoint from it.
// Its collector reads the query history every few seconds instead of every minute (a `collector` row
// in the store's settings, as a user would set it): a statement that ends on the double is in the
// store within seconds, so a file that waits for one (onCallViews: a cancelled statement's stored
// detail) waits on the collector's work, not on its interval.
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { CollectorSettingsOverride } from '../../electron/core/base/CollectorSettings.ts';
import { openStore } from '../../electron/core/store/openStore.ts';
import { DEMO_NIGHTS } from './demoBed.ts';
import { startServe, type ServeProcess } from './serveProcess.ts';

let server: ServeProcess | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Taken before serve starts its double: the double's `now` is a moment later, never a night earlier.
  const startedAt = new Date().toISOString();
  server = await startServe({
    admin: true,
    dataDir: storeWithSettings({ intervalsMs: { query_history: 3_000 } }),
    args: ['--demo', '--demo-engine', 'postgres', '--demo-nights', String(DEMO_NIGHTS)],
  });
  const stderrPath = join(server.dataDir, 'serve-stderr.log');
  // Nothing is lost between the two lines: stderr data arrives on a later turn of the event loop.
  writeFileSync(stderrPath, server.stderr());
  server.child.stderr?.pipe(createWriteStream(stderrPath, { flags: 'a' }));
  project.provide('sharedDemo', {
    url: server.url,
    port: server.port,
    token: server.token,
    stderrPath,
    startedAt,
  });
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

/** A new data directory whose store holds these collector settings. */
function storeWithSettings(settings: CollectorSettingsOverride): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'nightshift-serve-'));
  const db = openStore({ dataDir });
  try {
    db.prepare('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)').run(
      // COLLECTOR_SETTINGS_KEY of startCollector.ts, whose imports (the AWS SDK...) would slow this setup.
      'collector',
      JSON.stringify(settings),
      new Date().toISOString(),
    );
  } finally {
    db.close();
  }
  return dataDir;
}

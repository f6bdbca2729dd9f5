// Global setup of the e2e project: starts the run's one shared demo server (`serve --admin --demo
// --demo-engine postgres`) for the e2e files that only read (useSharedDemoBed in demoBed.ts), and
// stops it after the run. It does not wait for the demo cluster: the first file that uses it does,
// while the other e2e files run. serve's stderr is copied to a file so the test workers can read the
// double's endpoint from it.
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEMO_NIGHTS } from './demoBed.ts';
import { startServe, type ServeProcess } from './serveProcess.ts';

let server: ServeProcess | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startServe({
    admin: true,
    args: ['--demo', '--demo-engine', 'postgres', '--demo-nights', String(DEMO_NIGHTS)],
  });
  const stderrPath = join(server.dataDir, 'serve-stderr.log');
  // Nothing is lost between the two lines: stderr data arrives on a later turn of the event loop.
  writeFileSync(stderrPath, server.stderr());
  server.child.stderr?.pipe(createWriteStream(stderrPath, { flags: 'a' }));
  project.provide('sharedDemo', { url: server.url, port: server.port, token: server.token, stderrPath });
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

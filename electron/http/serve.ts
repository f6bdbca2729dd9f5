// Headless entry: `npm run serve -- [--data-dir DIR] [--port N] [--admin] [--connection URL]...
// [--connections-file PATH]` (see SERVE_USAGE).
// Starts the core (collecting from every saved connection and each --connection) and door 2 under plain Node and prints exactly one JSON line on stdout when ready (everything else goes to
// stderr), then runs until SIGTERM/SIGINT, when it closes the server and the store cleanly.
// Only what decides how to start is imported up front: on a restart of the demo, its engine starts
// first and the core, the double and the door load (import() below) while PGlite opens the kept
// database, instead of one after the other (issue #14: polling again within 3 s of a restart).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keptDemoClusterDir } from '../demo/demoClusterDir.ts';
import { startEmbeddedEngine } from '../demo/engine/startEmbeddedEngine.ts';
import { defaultDataDir } from './defaultDataDir.ts';
import { parseServeArgs, SERVE_USAGE } from './parseServeArgs.ts';

// The repository: two folders up from this source file, one up from the bundle (dist-electron/serve.cjs,
// scripts/build-electron.ts) that `npm start` runs.
const ROOT = fileURLToPath(new URL(import.meta.url.endsWith('.cjs') ? '../' : '../../', import.meta.url));

async function main(): Promise<void> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${SERVE_USAGE}\n`);
    process.exit(2);
  }
  for (const warning of args.warnings) process.stderr.write(`${warning}\n`);
  const dataDir = args.dataDir ?? defaultDataDir();
  const kept = args.demo && args.demoEngine === 'embedded' ? keptDemoClusterDir(dataDir) : null;
  const startedEngine = kept === null ? undefined : startEmbeddedEngine({ dataDir: kept });
  // Awaited by the double; a failure before that is its to report, not an unhandled rejection.
  startedEngine?.catch(() => {});

  const [
    { createStderrLogger },
    { createCore },
    { createDemoCluster, DEMO_CLUSTER_DIR },
    { ensureDemoConnection },
    { KEY_FILE_NAME, keyFileSecretBox },
    { startHttpDoor },
  ] = await Promise.all([
    import('../core/base/Logger.ts'),
    import('../core/createCore.ts'),
    import('../demo/createDemoCluster.ts'),
    import('../core/ensureDemoConnection.ts'),
    import('./keyFileSecretBox.ts'),
    import('./startHttpDoor.ts'),
  ]);
  const log = createStderrLogger(process.env.NIGHTSHIFT_QUIET === '1');
  const version = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version;
  const demo = args.demo
    ? createDemoCluster((line) => log.info(line), {
        engine: args.demoEngine,
        ...(args.demoNights !== undefined ? { nights: args.demoNights } : {}),
        // Kept beside the store: a restart resumes the demo as it was (WLM changes included).
        dataDir: join(dataDir, DEMO_CLUSTER_DIR),
        ...(startedEngine !== undefined ? { startedEngine } : {}),
      })
    : null;
  const core = createCore(
    {
      dataDir,
      version,
      door: `serve (${args.admin ? 'admin' : 'read-only'})`,
      storeAccess: args.readOnlyStore ? 'read-only' : 'owner',
      queriesDir: join(ROOT, 'queries'),
      ...(args.connections.length > 0 ? { runConnections: args.connections } : {}),
    },
    {
      log,
      secrets: null,
      // Webhook URL and SMTP password survive a restart, sealed with a key only this user can read.
      channelSecrets: args.readOnlyStore
        ? null
        : keyFileSecretBox(process.env.NIGHTSHIFT_SECRET_KEY_FILE ?? join(dataDir, KEY_FILE_NAME)),
      env: process.env,
      demo,
    },
  );
  await core.start();
  if (demo) {
    await ensureDemoConnection(core);
    // Generating the demo's history takes a while: start now, not at the collector's first poll.
    demo.warmUp().catch((error: Error) => log.error('the demo cluster did not start', error));
  }
  const door = await startHttpDoor({
    core,
    admin: args.admin,
    port: args.port,
    staticDir: `${ROOT}dist/renderer`,
    log,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    await door.close();
    await core.stop();
    await demo?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  process.stdout.write(`${JSON.stringify({ url: door.url, port: door.port, token: door.token })}\n`);
  log.info(
    `serving Nightshift for the browser on 127.0.0.1:${door.port} (${args.admin ? 'admin' : 'read-only'}), data in ${dataDir}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`nightshift serve: ${(error as Error).message ?? String(error)}\n`);
  process.exit(1);
});

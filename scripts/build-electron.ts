// Bundles door 1 for Electron: dist-electron/main.cjs (the main process: shell + core) and
// dist-electron/preload.cjs (one self-contained file, because a sandboxed preload can only
// require('electron')), and door 2's `serve` as dist-electron/serve.cjs: `npm start` runs it where
// Electron cannot, and one bundled file loads in a fraction of the time tsx takes to compile the
// core's hundreds of modules at every start (issue #14: polling again within 3 s of a restart). Native and wasm packages stay external: electron-builder ships them from
// node_modules (better-sqlite3 rebuilt for Electron's ABI, see electron-builder.yml).
//   npx tsx scripts/build-electron.ts
import { cpSync, readdirSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Syntax floors well below what Electron 45 embeds (its Node and Chromium are newer): nothing to lower. */
const NODE_TARGET = 'node20';
const CHROME_TARGET = 'chrome120';

/** Packages that load native addons or wasm/data files by path: bundling them would break that. */
export const MAIN_EXTERNALS = [
  'electron',
  'better-sqlite3',
  'bindings',
  'pg-native',
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  '@electric-sql/pglite-socket',
  '@electric-sql/pglite-socket/*',
];

// The core uses import.meta.url to find files beside its modules (e.g. the store's migrations). In a
// CommonJS bundle every module lives in main.cjs, so import.meta.url becomes main.cjs's own URL and
// those files are copied next to it (see copyResources).
const IMPORT_META_URL_SHIM = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/** door 2's bundled `serve`, in the output folder. */
export const SERVE_BUNDLE = 'serve.cjs';

export interface BuildElectronOptions {
  root?: string;
  /** Output folder; dist-electron/ under the root by default. */
  outDir?: string;
}

export async function buildElectron(
  options: BuildElectronOptions = {},
): Promise<{ main: string; preload: string }> {
  const root = options.root ?? ROOT;
  const outDir = options.outDir ?? join(root, 'dist-electron');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const common: BuildOptions = {
    bundle: true,
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
    legalComments: 'none',
    // startEmbeddedEngine's import.meta.resolve serves only the source (.ts) worker, which a bundle
    // never takes: the warning about it would be noise at every `npm start`.
    logOverride: { 'empty-import-meta': 'silent' },
  };
  const main = join(outDir, 'main.cjs');
  const preload = join(outDir, 'preload.cjs');
  const nodeBundle = (entry: string, outfile: string): Promise<unknown> =>
    build({
      ...common,
      entryPoints: [join(root, entry)],
      outfile,
      platform: 'node',
      target: NODE_TARGET,
      external: MAIN_EXTERNALS,
      banner: { js: IMPORT_META_URL_SHIM },
      define: { 'import.meta.url': '__importMetaUrl' },
      // import() of an external (ipc.ts loads 'electron' lazily) becomes require(), like every other
      // import in this CommonJS bundle, instead of a trip through Node's ESM loader.
      supported: { 'dynamic-import': false },
    });
  await Promise.all([
    nodeBundle('electron/shell/main.ts', main),
    nodeBundle('electron/http/serve.ts', join(outDir, SERVE_BUNDLE)),
    // The built-in demo's engine runs PGlite in a worker thread (electron/demo/engine/).
    build({
      ...common,
      entryPoints: [join(root, 'electron/demo/engine/embeddedEngineWorker.ts')],
      outfile: join(outDir, 'embeddedEngineWorker.cjs'),
      platform: 'node',
      target: NODE_TARGET,
      external: MAIN_EXTERNALS,
    }),
    // Alert replays run in a worker thread on the store file (electron/core/alerts/workerReplays.ts);
    // it finds the migrations beside it like main.cjs does.
    build({
      ...common,
      entryPoints: [join(root, 'electron/core/alertReplayWorker.ts')],
      outfile: join(outDir, 'alertReplayWorker.cjs'),
      platform: 'node',
      target: NODE_TARGET,
      external: MAIN_EXTERNALS,
      banner: { js: IMPORT_META_URL_SHIM },
      define: { 'import.meta.url': '__importMetaUrl' },
    }),
    build({
      ...common,
      entryPoints: [join(root, 'electron/preload/preload.ts')],
      outfile: preload,
      // Sandboxed preloads get a browser-like context with a tiny require(): no node built-ins.
      platform: 'browser',
      target: CHROME_TARGET,
      external: ['electron'],
    }),
  ]);
  checkPreloadRequires(preload);
  copyResources(root, outDir);
  return { main, preload };
}

/** A sandboxed preload that requires anything but 'electron' fails at runtime with a blank window. */
function checkPreloadRequires(file: string): void {
  const required = [...readFileSync(file, 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map(
    (m) => m[1],
  );
  const others = required.filter((name) => name !== 'electron');
  if (others.length > 0) {
    throw new Error(
      `preload.cjs requires ${others.join(', ')}; a sandboxed preload may only require 'electron'`,
    );
  }
}

function copyResources(root: string, outDir: string): void {
  cpSync(join(root, 'electron/core/store/migrations'), join(outDir, 'migrations'), { recursive: true });
  // The demo double's SQL (catalog and live relations), read beside the module that installs it.
  for (const dir of ['electron/demo/catalog', 'electron/demo/live']) {
    for (const file of readdirSync(join(root, dir)).filter(
      (f) => f.endsWith('.sql') || f.endsWith('.json'),
    )) {
      cpSync(join(root, dir, file), join(outDir, file));
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildElectron().then(
    ({ main, preload }) => process.stderr.write(`built ${main} and ${preload}\n`),
    (error: unknown) => {
      process.stderr.write(`build-electron: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

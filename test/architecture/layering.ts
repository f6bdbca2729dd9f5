// The one-way rules of DESIGN.md §1, as data, and a checker the architecture test runs over the tree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface ImportEdge {
  from: string; // file, relative to the root, with forward slashes
  specifier: string;
  /** Resolved target relative to the root for relative imports; undefined for packages. */
  target?: string;
}

const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(root: string, file: string, text: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const specifier = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (!specifier) continue;
    const edge: ImportEdge = { from: file, specifier };
    if (specifier.startsWith('.'))
      edge.target = relative(root, resolve(root, dirname(file), specifier))
        .split('\\')
        .join('/');
    edges.push(edge);
  }
  return edges;
}

export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      const rel = `${dir}/${name}`;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (/\.(ts|tsx)$/.test(name)) out.push(rel);
    }
  };
  for (const d of dirs) walk(d);
  return out;
}

type Area = 'shared' | 'core' | 'demo' | 'http' | 'shell' | 'preload' | 'renderer' | 'other';

export function areaOf(path: string): Area {
  if (path.startsWith('shared/')) return 'shared';
  if (path.startsWith('electron/core/')) return 'core';
  if (path.startsWith('electron/demo/')) return 'demo';
  if (path.startsWith('electron/http/')) return 'http';
  if (path.startsWith('electron/shell/')) return 'shell';
  if (path.startsWith('electron/preload/')) return 'preload';
  if (path.startsWith('renderer/')) return 'renderer';
  return 'other';
}

/** Which of our areas each area may import (DESIGN.md §1). */
const MAY_IMPORT: Record<Area, Area[]> = {
  shared: ['shared'],
  core: ['core', 'shared'],
  demo: ['demo', 'shared'],
  http: ['http', 'core', 'demo', 'shared'],
  shell: ['shell', 'core', 'demo', 'shared'],
  preload: ['preload', 'shared'],
  renderer: ['renderer', 'shared'],
  other: ['shared', 'core', 'demo', 'http', 'shell', 'preload', 'renderer', 'other'],
};

const NODE_BUILTIN =
  /^node:|^(fs|path|os|crypto|child_process|http|https|net|tls|url|util|stream|events|worker_threads|readline)(\/|$)/;

export function violations(edges: ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const e of edges) {
    const from = areaOf(e.from);
    const say = (why: string) => problems.push(`${e.from} imports "${e.specifier}": ${why}`);
    if (e.target !== undefined) {
      const to = areaOf(e.target);
      if (!MAY_IMPORT[from].includes(to)) say(`${from} must not import ${to}`);
      continue;
    }
    if (e.specifier === 'electron' && from !== 'shell' && from !== 'preload')
      say('only shell and preload may import electron');
    if ((from === 'shared' || from === 'renderer') && NODE_BUILTIN.test(e.specifier))
      say(`${from} must not use Node built-ins`);
    if (from === 'shared' && /^(react|react-dom|recharts)(\/|$)/.test(e.specifier))
      say('shared must not import UI libraries');
  }
  return problems;
}

/** Files allowed to touch raw IPC (DESIGN.md §1: one file in each of shell and preload). */
export function rawIpcUsers(root: string, files: string[]): { main: string[]; renderer: string[] } {
  const main: string[] = [];
  const renderer: string[] = [];
  for (const f of files) {
    const text = readFileSync(join(root, f), 'utf8');
    if (/\bipcMain\b/.test(text) && /from\s+['"]electron['"]/.test(text)) main.push(f);
    if (/\bipcRenderer\b/.test(text) && /from\s+['"]electron['"]/.test(text)) renderer.push(f);
  }
  return { main, renderer };
}

/**
 * The layers inside electron/core (DESIGN.md §1), lowest first: a folder may import any lower layer,
 * never its own layer's other folders (areas ask each other through what a lower layer holds). The root files (createCore.ts, Core.ts,
 * ensureDemoConnection.ts) compose everything.
 */
export const CORE_LAYERS: { folders: string[]; holds: string }[] = [
  {
    folders: ['base'],
    holds: 'time, errors, settings types, the logger and event bus: what every layer may use',
  },
  {
    folders: ['store', 'aws', 'audit', 'connections'],
    holds: 'the SQLite store, AWS clients, the audit log, saved connections',
  },
  { folders: ['redshift'], holds: 'pg sessions, the SQL registry, endpoints and capabilities' },
  { folders: ['collector'], holds: 'the scheduler and its jobs' },
  {
    folders: ['views', 'governance', 'loads', 'batches', 'alerts'],
    holds: "the product's areas, reading the store",
  },
  { folders: ['api'], holds: 'the handlers and dispatch' },
];

function coreFolderOf(path: string): string | null {
  const m = /^electron\/core\/([^/]+)\//.exec(path);
  return m ? m[1]! : path.startsWith('electron/core/') ? '(root)' : null;
}

function layerOf(folder: string): number {
  if (folder === '(root)') return CORE_LAYERS.length;
  return CORE_LAYERS.findIndex((l) => l.folders.includes(folder));
}

/** Wrong edges inside the core, each with where the imported thing belongs instead. */
export function coreViolations(edges: ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const e of edges) {
    if (e.target === undefined) continue;
    const from = coreFolderOf(e.from);
    const to = coreFolderOf(e.target);
    if (from === null || to === null || from === to) continue;
    const fromLayer = layerOf(from);
    const toLayer = layerOf(to);
    const say = (why: string) => problems.push(`${e.from} imports "${e.specifier}": ${why}`);
    if (fromLayer < 0) {
      say(`core/${from}/ is in no layer: add it to CORE_LAYERS in test/architecture/layering.ts`);
      continue;
    }
    if (toLayer < 0) continue; // reported from its own files
    if (toLayer > fromLayer) {
      const lower = CORE_LAYERS.slice(0, fromLayer + 1)
        .map((l) => l.folders.join('/'))
        .join(', ');
      say(
        `core/${from} must not import core/${to} (a higher layer). If both need it, it belongs in a layer ` +
          `${from} may import (${lower}); base holds ${CORE_LAYERS[0]!.holds}.`,
      );
    } else if (toLayer === fromLayer) {
      say(
        `core/${from} must not import core/${to} (the same layer): ask it through a function it exports ` +
          'from a lower layer, or move the shared piece down (store for shared readers, base for helpers).',
      );
    }
  }
  return problems;
}

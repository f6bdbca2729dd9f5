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
  shell: ['shell', 'core', 'demo', 'http', 'shared'],
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

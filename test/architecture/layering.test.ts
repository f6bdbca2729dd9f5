import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/serveProcess.ts';
import { importsOf, rawIpcUsers, sourceFiles, violations } from './layering.ts';

const AREAS = ['shared', 'electron', 'renderer'];

describe('architecture: the one-way rules of DESIGN.md §1', () => {
  const files = sourceFiles(ROOT, AREAS);
  const edges = files.flatMap((f) => importsOf(ROOT, f, readFileSync(join(ROOT, f), 'utf8')));

  it('reads the real tree', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(edges.some((e) => e.from.startsWith('electron/core/'))).toBe(true);
  });

  it('has no import against the rules', () => {
    expect(violations(edges)).toEqual([]);
  });

  it('lets only one file in the shell touch ipcMain and one in preload touch ipcRenderer', () => {
    const users = rawIpcUsers(ROOT, files);
    expect(users.main.length).toBeLessThanOrEqual(1);
    expect(users.renderer.length).toBeLessThanOrEqual(1);
    expect([...users.main, ...users.renderer].every((f) => /^electron\/(shell|preload)\//.test(f))).toBe(
      true,
    );
  });

  it('catches a wrong edge: core importing electron, the shell, or the renderer; shared importing node', () => {
    const bad = [
      ...importsOf(ROOT, 'electron/core/x.ts', "import { app } from 'electron';"),
      ...importsOf(ROOT, 'electron/core/y.ts', "import { w } from '../shell/window.ts';"),
      ...importsOf(ROOT, 'electron/core/z.ts', "import type { P } from '../../renderer/src/App.tsx';"),
      ...importsOf(ROOT, 'shared/a.ts', "import { readFileSync } from 'node:fs';"),
      ...importsOf(ROOT, 'renderer/src/b.ts', "export { x } from '../../electron/core/createCore.ts';"),
      ...importsOf(ROOT, 'electron/http/c.ts', "const e = require('electron');"),
    ];
    const found = violations(bad);
    expect(found).toHaveLength(6);
    expect(found[0]).toContain('only shell and preload may import electron');
    expect(found[1]).toContain('core must not import shell');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/serveProcess.ts';
import { coreViolations, importsOf, rawIpcUsers, sourceFiles, violations } from './layering.ts';

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

  it('keeps the layers inside the core one-way (DESIGN.md §1)', () => {
    expect(coreViolations(edges)).toEqual([]);
  });

  it('says where a thing belongs when a core layer imports upwards', () => {
    const found = coreViolations([
      ...importsOf(
        ROOT,
        'electron/core/store/history/x.ts',
        "import { f } from '../../views/suggestFix.ts';",
      ),
      ...importsOf(ROOT, 'electron/core/views/y.ts', "import { g } from '../governance/runAction.ts';"),
      ...importsOf(ROOT, 'electron/core/mystery/z.ts', "import { h } from '../base/pause.ts';"),
      ...importsOf(ROOT, 'electron/core/api/ok.ts', "import { i } from '../views/readLive.ts';"),
    ]);
    expect(found).toHaveLength(3);
    expect(found[0]).toContain('core/store must not import core/views (a higher layer)');
    expect(found[0]).toContain('base holds time, errors, settings types');
    expect(found[1]).toContain('core/views must not import core/governance (the same layer)');
    expect(found[2]).toContain('core/mystery/ is in no layer');
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

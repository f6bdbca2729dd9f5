import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from '../../electron/shell/appPaths.ts';

describe('where the shell finds what it ships', () => {
  it('reads everything from the checkout when started from it (npm start)', () => {
    const paths = appPaths({ appPath: '/src/nightshift', isPackaged: false, resourcesPath: '/ignored' });
    expect(paths).toEqual({
      rendererIndex: join('/src/nightshift', 'dist', 'renderer', 'index.html'),
      preload: join('/src/nightshift', 'dist-electron', 'preload.cjs'),
      migrationsDir: join('/src/nightshift', 'dist-electron', 'migrations'),
      queriesDir: join('/src/nightshift', 'queries'),
    });
  });

  it('loads the UI from app.asar and the queries from resources/ when packaged, never from a server', () => {
    const resources = join('/opt', 'Nightshift', 'resources');
    const paths = appPaths({
      appPath: join(resources, 'app.asar'),
      isPackaged: true,
      resourcesPath: resources,
    });
    expect(paths.rendererIndex).toBe(join(resources, 'app.asar', 'dist', 'renderer', 'index.html'));
    expect(paths.preload).toBe(join(resources, 'app.asar', 'dist-electron', 'preload.cjs'));
    expect(paths.queriesDir).toBe(join(resources, 'queries'));
  });
});

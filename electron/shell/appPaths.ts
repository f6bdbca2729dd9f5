// Where the shell finds what it ships. app.getAppPath() is the folder holding package.json: the
// checkout when started with `electron .` (npm start), resources/app.asar when packaged. queries/ is
// an extraResource in packaged builds (electron-builder.yml) so the core reads it with plain fs.
import { join } from 'node:path';

export interface AppPathsInput {
  appPath: string;
  isPackaged: boolean;
  /** process.resourcesPath (only meaningful when packaged). */
  resourcesPath: string;
}

export interface AppPaths {
  rendererIndex: string;
  preload: string;
  /** The store's migrations, copied beside main.cjs by scripts/build-electron.ts (inside app.asar). */
  migrationsDir: string;
  queriesDir: string;
}

export function appPaths({ appPath, isPackaged, resourcesPath }: AppPathsInput): AppPaths {
  return {
    rendererIndex: join(appPath, 'dist', 'renderer', 'index.html'),
    preload: join(appPath, 'dist-electron', 'preload.cjs'),
    migrationsDir: join(appPath, 'dist-electron', 'migrations'),
    queriesDir: isPackaged ? join(resourcesPath, 'queries') : join(appPath, 'queries'),
  };
}

import { homedir } from 'node:os';
import { join } from 'node:path';

/** The same per-user data directory the desktop app uses (Electron's userData for "Nightshift"). */
export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  if (env.NIGHTSHIFT_DATA_DIR) return env.NIGHTSHIFT_DATA_DIR;
  const home = env.HOME ?? homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Nightshift');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Nightshift');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Nightshift');
  }
}

export interface AppInfo {
  name: 'Nightshift';
  version: string;
  /** Which door this client came through. */
  door: 'ipc' | 'http';
  /** Whether this door accepts methods that change anything (desktop app, or `serve --admin`). */
  admin: boolean;
  /** Whether passwords can be stored encrypted (desktop keychain); otherwise they live for one run. */
  canStoreSecrets: boolean;
}

// electron-builder.yml, checked against the installed electron-builder's own schema (offline: the
// packaging itself downloads Electron and is never run by tests) and for the settings that keep the
// packaged app working and locked down.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/serveProcess.ts';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  productName?: string;
  files?: { filter?: string[] }[];
  asarUnpack?: string[];
  extraResources?: { from: string; to: string }[];
  npmRebuild?: boolean;
  electronFuses?: Record<string, boolean>;
  publish?: unknown;
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(dir: string, path: string, options: null): Promise<BuilderConfig>;
    validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(ROOT, 'electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it('is valid for the installed electron-builder', async () => {
    const config = await loadConfig();
    expect(config.productName).toBe('Nightshift');
    expect(config.publish).toBeNull();
  });

  it('ships the built renderer and bundles, rebuilds and unpacks the native SQLite driver, and the queries', async () => {
    const config = await loadConfig();
    expect(config.files?.[0]?.filter).toEqual(
      expect.arrayContaining(['dist/**', 'dist-electron/**', 'package.json']),
    );
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**']),
    );
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'queries', to: 'queries' }));
  });

  it('flips the Electron fuses that would let someone run other code with the app', async () => {
    const config = await loadConfig();
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
  });
});

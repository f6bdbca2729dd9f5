import type { AuditCsvDownload } from './governance/auditCsv.ts';
import type { ApiResponse } from '../../shared/errors.ts';
import type { Dispatch } from './api/dispatch.ts';
import type { CollectorSettingsOverride } from './base/CollectorSettings.ts';
import type { RunConnection } from './collector/runConnection.ts';
import type { EventBus } from './base/EventBus.ts';
import type { Logger } from './base/Logger.ts';
import type { DemoCluster } from './base/DemoCluster.ts';
import type { SecretBox } from './base/SecretBox.ts';
import type { AlertTimings } from './alerts/AlertService.ts';

/** What the composition root hands to a door: one dispatch, one event bus, a lifecycle. */
export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  /**
   * audit.csv for a door that can stream (door 2): the same checks as dispatch, then the file's name
   * and its text in chunks, read as they are sent, so an export of any size never is one string.
   */
  auditCsvStream(args: unknown): ApiResponse<AuditCsvDownload>;
  /** Opens the store and starts background work. */
  start(): Promise<void>;
  /** Stops background work, cancels in-flight statements and closes the store. Idempotent. */
  stop(): Promise<void>;
}

export interface CoreConfig {
  /** Where the SQLite store and everything else Nightshift writes lives. */
  dataDir: string;
  version: string;
  /** Where the store's migrations live (packaged builds ship them as a resource). */
  migrationsDir?: string;
  /** Where the Redshift SQL (queries/) lives; packaged builds ship it as a resource. */
  queriesDir?: string;
  /** Overrides of the collector's settings (intervals, page sizes, retention); tests use short ones. */
  collector?: CollectorSettingsOverride;
  /** Which door this process serves, in words, for the store's owner record ("the desktop app"). */
  door?: string;
  /**
   * owner (default): take the store for this process, refusing when another live process holds it.
   * read-only: open a store another process owns, to look without writing (no collection, no changes).
   */
  storeAccess?: 'owner' | 'read-only';
  /** Connections collected for this run only (serve --connection): never saved. */
  runConnections?: RunConnection[];
  /** Alerting's timings (tests use short ones): retry policy, send timeout, tick, evaluation spacing. */
  alerts?: AlertTimings;
}

export interface CoreDeps {
  log: Logger;
  /** OS keychain encryption (Electron safeStorage); null in headless mode. */
  secrets: SecretBox | null;
  /**
   * Seals alert channel secrets (webhook URL, SMTP password) when `secrets` is null: serve's key file,
   * so a restart keeps them. Defaults to `secrets`.
   */
  channelSecrets?: SecretBox | null;
  /** Environment for PGPASSWORD / PGPASSFILE / AWS lookups (process.env outside tests). */
  env: Record<string, string | undefined>;
  /** The built-in demo cluster, when this process runs one. */
  demo?: DemoCluster | null;
}

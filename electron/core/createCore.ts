// Composition root (DESIGN.md §1): builds the store, the services and the handlers, and hands the
// doors one dispatch and one event bus. Everything environment-specific arrives in `deps`.
import type Database from 'better-sqlite3';
import { AuditLog } from './audit/AuditLog.ts';
import { connectionHandlers } from './api/connectionHandlers.ts';
import { metricHandlers } from './api/metricHandlers.ts';
import { ApiError } from './api/ApiError.ts';
import { createDispatch, type ApiHandlers, type Dispatch } from './api/dispatch.ts';
import { ConnectionRepository } from './connections/ConnectionRepository.ts';
import { PasswordVault } from './connections/PasswordVault.ts';
import type { Core, CoreConfig, CoreDeps } from './Core.ts';
import { EventBus } from './events/EventBus.ts';
import { openStore } from './store/openStore.ts';

const notYet = () => Promise.reject(new ApiError('unavailable', 'The collector is not built yet.'));
const pendingCollectorHandlers: Pick<
  ApiHandlers,
  'collector.status' | 'queries.history' | 'queries.get' | 'wlm.samples' | 'loads.errors' | 'metrics.series'
> = {
  'collector.status': notYet,
  'queries.history': notYet,
  'queries.get': notYet,
  'wlm.samples': notYet,
  'loads.errors': notYet,
  'metrics.series': notYet,
};

export function createCore(config: CoreConfig, deps: CoreDeps): Core {
  const events = new EventBus();
  const vault = new PasswordVault(deps.secrets, deps.env);
  let db: Database.Database | undefined;
  // Handlers exist only while the store is open; calls before start() or after stop() get a clear error.
  let running: Dispatch | undefined;
  let stopped = false;

  return {
    dispatch: (method, args, caller) =>
      running
        ? running(method, args, caller)
        : Promise.resolve({
            ok: false,
            error: {
              code: 'unavailable',
              message: 'Nightshift is starting or stopping; try again in a moment.',
            },
          }),
    events,
    async start() {
      if (db) return;
      db = openStore({
        dataDir: config.dataDir,
        ...(config.migrationsDir ? { migrationsDir: config.migrationsDir } : {}),
      });
      const repo = new ConnectionRepository(db);
      const audit = new AuditLog(db);
      const handlers: ApiHandlers = {
        'app.info': async (_args, caller) => ({
          name: 'Nightshift',
          version: config.version,
          door: caller.door,
          admin: caller.admin,
          canStoreSecrets: vault.canStoreSecrets,
        }),
        ...connectionHandlers({ repo, vault, audit, events, demo: deps.demo ?? null }),
        // IN PROGRESS (collector issue): replaced by the collector's handlers before this lands.
        ...pendingCollectorHandlers,
        ...metricHandlers({ db }),
      };
      running = createDispatch(handlers, deps.log);
      deps.log.info(`store open in ${config.dataDir}`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      running = undefined;
      db?.close();
      db = undefined;
    },
  };
}

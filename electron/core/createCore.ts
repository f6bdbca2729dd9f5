// Composition root (DESIGN.md §1): builds the store, the services and the handlers, and hands the
// doors one dispatch and one event bus. Everything environment-specific arrives in `deps`.
import type Database from 'better-sqlite3';
import { AuditLog } from './audit/AuditLog.ts';
import { verifyAuditChain } from './audit/verifyAuditChain.ts';
import { connectionHandlers } from './api/connectionHandlers.ts';
import { collectorHandlers } from './api/collectorHandlers.ts';
import { loadHandlers } from './api/loadHandlers.ts';
import { metricHandlers } from './api/metricHandlers.ts';
import { auditCsvDownload, auditHandlers } from './api/auditHandlers.ts';
import { alertHandlers } from './api/alertHandlers.ts';
import { alertRuleHandlers } from './api/alertRuleHandlers.ts';
import { AlertRuleService } from './alerts/AlertRuleService.ts';
import { AlertRuleSet } from './alerts/AlertRuleSet.ts';
import { AlertService } from './alerts/AlertService.ts';
import { ALERT_RULE_KINDS } from './alertRuleKinds.ts';
import { workerReplays } from './alerts/workerReplays.ts';
import { workerModule } from './base/startWorker.ts';
import { batchHandlers } from './api/batchHandlers.ts';
import { BatchRebuilder } from './batches/BatchRebuilder.ts';
import { batchViewHandlers } from './api/batchViewHandlers.ts';
import { listHandlers } from './api/listHandlers.ts';
import { governanceHandlers } from './api/governanceHandlers.ts';
import { viewHandlers } from './api/viewHandlers.ts';
import { wlmEditorHandlers } from './api/wlmEditorHandlers.ts';
import { auditRefusal } from './governance/auditRefusal.ts';
import { ActionRunner } from './governance/runAction.ts';
import { createDispatch, type ApiHandlers, type Dispatch } from './api/dispatch.ts';
import { ConnectionRepository } from './connections/ConnectionRepository.ts';
import { PasswordVault } from './connections/PasswordVault.ts';
import type { Core, CoreConfig, CoreDeps } from './Core.ts';
import { startCollector } from './collector/startCollector.ts';
import { EventBus } from './base/EventBus.ts';
import { claimStore, describeOwner, liveOwnerOf } from './store/claimStore.ts';
import { openStore } from './store/openStore.ts';
import { API_METHODS, isApiMethod } from '../../shared/api.ts';
import { validateArgs } from '../../shared/validate.ts';

const NOT_RUNNING = 'Nightshift is starting or stopping; try again in a moment.';

export function createCore(config: CoreConfig, deps: CoreDeps): Core {
  const events = new EventBus();
  const vault = new PasswordVault(deps.secrets, deps.env);
  let db: Database.Database | undefined;
  let collector: ReturnType<typeof startCollector> | undefined;
  let alerts: AlertService | undefined;
  let replays: AlertRuleService | undefined;
  let rebuilder: BatchRebuilder | undefined;
  // Handlers exist only while the store is open; calls before start() or after stop() get a clear error.
  let running: Dispatch | undefined;
  let stopped = false;
  let releaseStore: (() => void) | undefined;
  /** Set when the store is open read-only: why nothing can be changed from this process. */
  let readOnlyReason: string | null = null;

  return {
    dispatch: (method, args, caller) =>
      running && readOnlyReason && isApiMethod(method) && API_METHODS[method].mutates
        ? Promise.resolve({
            ok: false,
            error: { code: 'read_only', message: `${method}: ${readOnlyReason}` },
          })
        : running
          ? running(method, args, caller)
          : Promise.resolve({
              ok: false,
              error: { code: 'unavailable', message: NOT_RUNNING },
            }),
    events,
    auditCsvStream(args) {
      if (!running || !db) return { ok: false, error: { code: 'unavailable', message: NOT_RUNNING } };
      const valid = validateArgs('audit.csv', args);
      if (!valid.ok)
        return { ok: false, error: { code: 'invalid_args', message: `audit.csv: ${valid.message}` } };
      return { ok: true, result: auditCsvDownload(db, valid.args) };
    },
    async start() {
      if (db) return;
      const readOnly = config.storeAccess === 'read-only';
      db = openStore({
        dataDir: config.dataDir,
        readOnly,
        ...(config.migrationsDir ? { migrationsDir: config.migrationsDir } : {}),
      });
      if (readOnly) {
        const owner = liveOwnerOf(db);
        readOnlyReason = `this Nightshift opened the data directory read-only${owner ? ` (it belongs to ${describeOwner(owner)})` : ''}, so it cannot change anything.`;
      } else {
        try {
          releaseStore = claimStore(db, config.dataDir, config.door ?? `process ${process.title}`).release;
        } catch (error) {
          db.close();
          db = undefined;
          throw error;
        }
      }
      const repo = new ConnectionRepository(db);
      const audit = new AuditLog(db);
      const chain = verifyAuditChain(db);
      if (!chain.intact)
        deps.log.warn(`audit log: ${chain.message} Export it and keep the copy before anything else.`);
      const actions = new ActionRunner(db, audit);
      // Alerts run wherever the collector does (desktop app and serve); rules of every area plug in here.
      // Every area's rules as kinds a team tunes in the app; the latest saved version of each is in force.
      const ruleSet = new AlertRuleSet(db, ALERT_RULE_KINDS);
      const alertTimeZone =
        config.alerts?.defaultTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
      const ruleService = new AlertRuleService({
        db,
        ruleSet,
        audit,
        defaultTimeZone: alertTimeZone,
        // A replay reads for tens of seconds: in a worker thread on the same store file, read-only.
        replays: workerReplays(workerModule(new URL('./alertReplayWorker.ts', import.meta.url)), db.name),
        onReplayProgress: (p) => events.emit('alerts.replay', p),
      });
      replays = ruleService;
      const service = new AlertService({
        db,
        log: deps.log,
        // serve has no OS keychain: it seals channel secrets with its key file (electron/http/keyFileSecretBox.ts).
        secrets: deps.channelSecrets ?? deps.secrets,
        rules: [],
        ruleSet,
        audit,
        onPage: (page) => events.emit('alerts.page', page),
        // Saved and run-only (serve --connection) connections alike, through the collector's access.
        connectionName: (id) => collector?.access.connection(id)?.name ?? null,
        ...(config.alerts ?? {}),
      });
      alerts = service;
      collector = startCollector({
        db,
        log: deps.log,
        events,
        repo,
        vault,
        demo: deps.demo ?? null,
        ...(config.queriesDir ? { queriesDir: config.queriesDir } : {}),
        ...(config.collector ? { settings: config.collector } : {}),
        ...(config.runConnections ? { runConnections: config.runConnections } : {}),
        collect: !readOnly,
        onPass: (connectionId) => service.onPass(connectionId),
      });
      if (!readOnly) service.start();
      // Batch nights recut a slice at a time (issue #10); one left by a restart or a migration resumes.
      const batchRebuilder = new BatchRebuilder({ db, events, log: deps.log });
      rebuilder = batchRebuilder;
      if (!readOnly) void batchRebuilder.kick();
      const handlers: ApiHandlers = {
        'app.info': async (_args, caller) => ({
          name: 'Nightshift',
          version: config.version,
          door: caller.door,
          admin: caller.admin && readOnlyReason === null,
          canStoreSecrets: vault.canStoreSecrets,
        }),
        ...connectionHandlers({ repo, vault, audit, events, demo: deps.demo ?? null }),
        ...collectorHandlers({ collector: collector.collector }),
        ...loadHandlers({ db, audit }),
        ...metricHandlers({ db }),
        ...viewHandlers({ db, access: collector.access }),
        ...governanceHandlers({ db, access: collector.access, actions, log: deps.log }),
        ...wlmEditorHandlers({ db, access: collector.access, actions, log: deps.log }),
        ...auditHandlers({ db }),
        ...alertHandlers({ alerts: service }),
        ...batchHandlers({ db, audit, rebuilder: batchRebuilder }),
        ...alertRuleHandlers({ rules: ruleService }),
        ...batchViewHandlers({ db, audit }),
        ...listHandlers({ db, audit }),
      };
      running = createDispatch(handlers, deps.log, (method, args, message) =>
        auditRefusal(audit, method, args, message),
      );
      deps.log.info(`store open in ${config.dataDir}${readOnly ? ' (read-only)' : ''}`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      running = undefined;
      // In-flight statements are cancelled and every job has settled before the store closes.
      await collector?.stop();
      collector = undefined;
      await alerts?.stop();
      alerts = undefined;
      // A replay still reading in its worker thread is stopped before the store file goes.
      replays?.cancelAll();
      replays = undefined;
      await rebuilder?.stop();
      rebuilder = undefined;
      releaseStore?.();
      db?.close();
      db = undefined;
    },
  };
}

// Door 1's entry (DESIGN.md §1, §2): one window on the built renderer, one core in this process, and
// nothing else. Bundled by scripts/build-electron.ts into dist-electron/main.cjs. Everything that can
// be decided without Electron lives in the small modules beside this one, where tests can reach it.
import { dirname, join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, Notification, protocol, safeStorage, session } from 'electron';
import { IPC_EVENT_CHANNEL } from '../../shared/bridge.ts';
import { createCore } from '../core/createCore.ts';
import { createDemoCluster, DEMO_CLUSTER_DIR } from '../demo/createDemoCluster.ts';
import { ensureDemoConnection } from '../core/ensureDemoConnection.ts';
import type { Core } from '../core/Core.ts';
import { createStderrLogger } from '../core/base/Logger.ts';
import { appPaths } from './appPaths.ts';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appResponse } from './appProtocol.ts';
import { withContentSecurityPolicy } from './contentSecurityPolicy.ts';
import { registerElectronIpc } from './ipc.ts';
import { denyPermissions, guardWebContents } from './navigationGuard.ts';
import { showPageNotifications } from './pageNotifications.ts';
import { safeStorageSecretBox } from './safeStorageSecretBox.ts';
import { startFailureMessage } from './startFailureMessage.ts';
import { createTrustedUrlCheck } from './trustedSender.ts';
import { windowOptions } from './windowOptions.ts';

/** How long quitting waits for the core to close the store before giving up (and saying so). */
const STOP_TIMEOUT_MS = 10_000;

const log = createStderrLogger(process.env.NIGHTSHIFT_QUIET === '1');

// Same override as `serve` (electron/http/defaultDataDir.ts), so both doors can share one store and
// tests can point the app at a scratch directory. Must happen before 'ready'.
if (process.env.NIGHTSHIFT_DATA_DIR) app.setPath('userData', resolve(process.env.NIGHTSHIFT_DATA_DIR));

const paths = appPaths({
  appPath: app.getAppPath(),
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
});
// A Vite dev server only on explicit request, and never in a packaged build.
const devServerUrl =
  !app.isPackaged && process.env.NIGHTSHIFT_DEV_SERVER_URL ? process.env.NIGHTSHIFT_DEV_SERVER_URL : null;
const isOurs = createTrustedUrlCheck({ devServerUrl });
// The renderer's own origin (appProtocol.ts); schemes must be registered before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (app.requestSingleInstanceLock()) {
  main().catch((error: unknown) => {
    log.error('Nightshift failed to start', error);
    app.exit(1);
  });
} else {
  // Another Nightshift owns the store; it gets 'second-instance' and focuses its window.
  app.quit();
}

async function main(): Promise<void> {
  // Every renderer sandboxed, whatever options a window is created with.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isOurs, log));
  await app.whenReady();
  const rendererDir = dirname(paths.rendererIndex);
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url));

  const secrets = safeStorageSecretBox(safeStorage);
  if (!secrets) log.warn('no OS key store available: passwords are kept for this session only');
  const core = createCore(
    {
      dataDir: app.getPath('userData'),
      version: app.getVersion(),
      door: 'the desktop app',
      migrationsDir: paths.migrationsDir,
      queriesDir: paths.queriesDir,
    },
    // The built-in demo cluster starts only when a demo connection is collected.
    {
      log,
      secrets,
      env: process.env,
      demo: createDemoCluster((line) => log.info(line), {
        dataDir: join(app.getPath('userData'), DEMO_CLUSTER_DIR),
      }),
    },
  );
  try {
    await core.start();
    await ensureDemoConnection(core, { onlyOnFirstRun: true });
  } catch (error) {
    log.error('the core could not start', error);
    dialog.showErrorBox('Nightshift could not start', startFailureMessage(error));
    app.exit(1);
    return;
  }
  stopCoreOnQuit(core);

  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    // Vite's dev server needs its inline preamble; its pages keep their own headers (dev mode only).
    if (devOrigin !== null && details.url.startsWith(`${devOrigin}/`)) return callback({});
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  denyPermissions(session.defaultSession, isOurs);

  await registerElectronIpc(core, isOurs, log);
  core.events.subscribe((event) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      // Events go only to a window still showing our renderer.
      if (!contents.isDestroyed() && isOurs(contents.getURL())) contents.send(IPC_EVENT_CHANNEL, event);
    }
  });

  let mainWindow = openWindow();
  // Critical pages as OS notifications (the window's renderer leaves them to the shell).
  showPageNotifications({
    subscribe: (listener) => core.events.subscribe(listener),
    notifications: {
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification(options),
    },
    open: (hash) => {
      if (mainWindow.isDestroyed()) mainWindow = openWindow();
      if (mainWindow.isMinimized()) mainWindow.restore();
      // Our own page with another hash: the same origin and the same checks as the first load.
      void mainWindow.loadURL(`${devServerUrl ?? APP_INDEX_URL}${hash}`);
      mainWindow.show();
      mainWindow.focus();
    },
  });
  app.on('second-instance', () => {
    if (mainWindow.isDestroyed()) mainWindow = openWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // macOS keeps the app (and its collectors) running with no window; the dock icon reopens one.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

function openWindow(): BrowserWindow {
  const window = new BrowserWindow(windowOptions({ preloadPath: paths.preload }));
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) =>
    log.error(`renderer gone: ${details.reason}`),
  );
  const loaded = window.loadURL(devServerUrl ?? APP_INDEX_URL);
  loaded.catch((error: unknown) => {
    log.error(`could not load the UI from ${devServerUrl ?? paths.rendererIndex}`, error);
    dialog.showErrorBox(
      'Nightshift could not load its window',
      devServerUrl
        ? `Nothing answered at ${devServerUrl}. Is the dev server running?`
        : `The UI files are missing (${paths.rendererIndex}). Run "npm run build" and start again.`,
    );
    window.show();
  });
  return window;
}

/** Quit waits until the core has stopped its work and closed the store (no half-written history). */
function stopCoreOnQuit(core: Core): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    void stopWithin(core, STOP_TIMEOUT_MS).finally(() => {
      state = 'stopped';
      app.quit();
    });
  });
  // `npm start` forwards Ctrl-C / SIGTERM here: quit the normal way so the core stops first.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

async function stopWithin(core: Core, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), ms);
  });
  const stopped = core.stop().then(
    () => 'stopped' as const,
    (error: unknown) => {
      log.error('the core did not stop cleanly', error);
      return 'failed' as const;
    },
  );
  const outcome = await Promise.race([stopped, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') log.warn(`the core did not stop within ${ms / 1000} s; quitting anyway`);
}

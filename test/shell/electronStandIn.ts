// A stand-in for the parts of Electron's main-process API that dist-electron/main.cjs uses, for
// machines without the Electron binary. Preloaded with `node --import tsx --import <this file>`, it
// answers require('electron'), drives the app through its lifecycle (ready -> window -> IPC calls ->
// SIGTERM -> quit) and reports each observation as one `STANDIN {json}` line on stdout for
// test/shell/bundles.test.ts.
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import { pathToFileURL } from 'node:url';

type Listener = (...args: unknown[]) => unknown;

const report = (what: string, data: unknown) =>
  process.stdout.write(`STANDIN ${JSON.stringify({ what, data })}\n`);
const handlers = new Map<string, Listener>();
const permissionHandlers: Record<string, Listener> = {};
const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
const windows: BrowserWindow[] = [];

class App extends EventEmitter {
  isPackaged = false;
  getAppPath = () => process.env.STANDIN_APP_PATH;
  getPath = () => process.env.STANDIN_USER_DATA;
  setPath() {}
  getVersion = () => '7.7.7';
  requestSingleInstanceLock = () => true;
  enableSandbox = () => report('enableSandbox', true);
  whenReady = () => Promise.resolve();
  quit() {
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    report('will-quit', { prevented });
    if (!prevented) process.exit(0);
  }
  exit(code: number) {
    report('exit', code);
    process.exit(code);
  }
}
const app = new App();

class WebContents extends EventEmitter {
  url = '';
  windowOpenHandler: Listener = () => undefined;
  isDestroyed = () => false;
  getURL = () => this.url;
  send = (channel: string, event: unknown) => report('send', { channel, event });
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
}

class BrowserWindow extends EventEmitter {
  static getAllWindows = () => windows;
  readonly webContents = new WebContents();
  constructor(options: unknown) {
    super();
    app.emit('web-contents-created', {}, this.webContents);
    windows.push(this);
    report('window', options);
  }
  loadFile(path: string) {
    this.webContents.url = pathToFileURL(path).href;
    report('loadFile', path);
    setImmediate(() => void exercise(this));
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.webContents.url = url;
    report('loadURL', url);
    setImmediate(() => void exercise(this));
    return Promise.resolve();
  }
  isDestroyed = () => false;
}

/** Electron's Notification: each one shown is reported (critical pages, electron/shell/pageNotifications.ts). */
class Notification extends EventEmitter {
  static isSupported = () => true;
  constructor(readonly options: unknown) {
    super();
  }
  show() {
    report('notification', this.options);
  }
}

const electron = {
  app,
  BrowserWindow,
  Notification,
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown) => report('privilegedSchemes', schemes),
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) =>
      protocolHandlers.set(scheme, handler),
  },
  dialog: { showErrorBox: (title: string, message: string) => report('dialog', { title, message }) },
  safeStorage: { isEncryptionAvailable: () => false },
  ipcMain: {
    handle: (channel: string, listener: Listener) => handlers.set(channel, listener),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
  session: {
    defaultSession: {
      webRequest: {
        onHeadersReceived: (listener: Listener) =>
          listener(
            { url: 'file:///x', responseHeaders: { 'content-security-policy': ['default-src *'] } },
            (response: unknown) => report('headers', response),
          ),
      },
      setPermissionRequestHandler: (h: Listener) => (permissionHandlers.request = h),
      setPermissionCheckHandler: (h: Listener) => (permissionHandlers.check = h),
      setDevicePermissionHandler: (h: Listener) => (permissionHandlers.device = h),
      setDisplayMediaRequestHandler: (h: Listener) => (permissionHandlers.displayMedia = h),
    },
  },
};

// require('electron') inside main.cjs goes through Module._load: answer it with the stand-in.
const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const load = loader._load;
loader._load = function (request, parent, isMain) {
  return request === 'electron' ? electron : load.call(this, request, parent, isMain);
};

/** What the window's own scheme answers: the page, and nothing outside the renderer folder. */
async function fetchOwn(url: string) {
  const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1));
  if (!handler) return { url, status: 'no handler' };
  const response = await handler({ url });
  return {
    url,
    status: response.status,
    type: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
    body: response.status === 200 ? (await response.text()).slice(0, 15) : null,
  };
}

async function exercise(window: BrowserWindow): Promise<void> {
  for (const url of [
    window.webContents.url,
    window.webContents.url.replace('index.html', '..%2F..%2Fpackage.json'),
    window.webContents.url.replace('index.html', '../../package.json'),
    window.webContents.url.replace('index.html', 'missing.js'),
  ])
    report('fetchOwn', await fetchOwn(url));
  const call = handlers.get('nightshift:call');
  if (!call) throw new Error('main.cjs registered no IPC call handler');
  const ours = { senderFrame: { url: `${window.webContents.url}#/connections` } };
  report('app.info', await call(ours, 'app.info', {}));
  report('untrusted', await call({ senderFrame: { url: 'https://evil.example/' } }, 'connections.list', {}));
  report('add', await call(ours, 'connections.add', { name: 'Demo', target: { kind: 'demo' } }));

  let navigationPrevented = false;
  window.webContents.emit('will-frame-navigate', {
    url: 'https://evil.example/',
    preventDefault: () => (navigationPrevented = true),
  });
  const media = await new Promise((resolve) =>
    permissionHandlers.request?.(window.webContents, 'media', resolve, {}),
  );
  report('guards', {
    navigationPrevented,
    windowOpen: window.webContents.windowOpenHandler({ url: 'https://evil.example/' }),
    media,
    check: permissionHandlers.check?.(window.webContents, 'geolocation', 'file://', {}),
  });
  process.emit('SIGTERM', 'SIGTERM');
}

// A stand-in for the parts of Electron's main-process API that dist-electron/main.cjs uses, for
// machines without the Electron binary. Loaded with `node -r`; it answers require('electron'), drives
// the app through its lifecycle (ready -> window -> IPC calls -> SIGTERM -> quit) and reports each
// observation as one `STANDIN {json}` line on stdout for test/shell/bundles.test.ts.
'use strict';
const Module = require('node:module');
const { EventEmitter } = require('node:events');

const report = (what, data) => process.stdout.write(`STANDIN ${JSON.stringify({ what, data })}\n`);
const handlers = new Map();
const permissionHandlers = {};
const windows = [];

const app = new EventEmitter();
Object.assign(app, {
  isPackaged: false,
  getAppPath: () => process.env.STANDIN_APP_PATH,
  getPath: () => process.env.STANDIN_USER_DATA,
  setPath() {},
  getVersion: () => '7.7.7',
  requestSingleInstanceLock: () => true,
  enableSandbox: () => report('enableSandbox', true),
  whenReady: () => Promise.resolve(),
  quit() {
    let prevented = false;
    app.emit('will-quit', { preventDefault: () => (prevented = true) });
    report('will-quit', { prevented });
    if (!prevented) process.exit(0);
  },
  exit(code) {
    report('exit', code);
    process.exit(code);
  },
});

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.url = '';
  }
  isDestroyed() {
    return false;
  }
  getURL() {
    return this.url;
  }
  send(channel, event) {
    report('send', { channel, event });
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
}

class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return windows;
  }
  constructor(options) {
    super();
    this.webContents = new WebContents();
    app.emit('web-contents-created', {}, this.webContents);
    windows.push(this);
    report('window', options);
  }
  loadFile(path) {
    this.webContents.url = require('node:url').pathToFileURL(path).href;
    report('loadFile', path);
    setImmediate(() => void exercise(this));
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
}

const electron = {
  app,
  BrowserWindow,
  dialog: { showErrorBox: (title, message) => report('dialog', { title, message }) },
  safeStorage: { isEncryptionAvailable: () => false },
  ipcMain: {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  },
  session: {
    defaultSession: {
      webRequest: {
        onHeadersReceived: (listener) =>
          listener({ url: 'file:///x', responseHeaders: { 'content-security-policy': ['default-src *'] } }, (response) =>
            report('headers', response),
          ),
      },
      setPermissionRequestHandler: (h) => (permissionHandlers.request = h),
      setPermissionCheckHandler: (h) => (permissionHandlers.check = h),
      setDevicePermissionHandler: (h) => (permissionHandlers.device = h),
      setDisplayMediaRequestHandler: (h) => (permissionHandlers.displayMedia = h),
    },
  },
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  return request === 'electron' ? electron : load.call(this, request, parent, isMain);
};

async function exercise(window) {
  const call = handlers.get('nightshift:call');
  const ours = { senderFrame: { url: `${window.webContents.url}#/connections` } };
  report('app.info', await call(ours, 'app.info', {}));
  report('untrusted', await call({ senderFrame: { url: 'https://evil.example/' } }, 'connections.list', {}));
  report('add', await call(ours, 'connections.add', { name: 'Demo', target: { kind: 'demo' } }));

  let navigationPrevented = false;
  window.webContents.emit('will-frame-navigate', {
    url: 'https://evil.example/',
    preventDefault: () => (navigationPrevented = true),
  });
  const media = await new Promise((resolve) => permissionHandlers.request(window.webContents, 'media', resolve, {}));
  report('guards', {
    navigationPrevented,
    windowOpen: window.webContents.windowOpenHandler({ url: 'https://evil.example/' }),
    media,
    check: permissionHandlers.check(window.webContents, 'geolocation', 'file://', {}),
  });
  process.emit('SIGTERM', 'SIGTERM');
}

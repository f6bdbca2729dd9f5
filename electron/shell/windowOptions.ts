// The BrowserWindow options, kept pure so a test can read them without an Electron binary. The page
// gets no Node, runs in Chromium's sandbox, and sees the preload's two functions through an isolated
// world only (Electron security checklist: https://www.electronjs.org/docs/latest/tutorial/security).
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of dist-electron/preload.cjs. */
  preloadPath: string;
}

export function windowOptions({ preloadPath }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Nightshift',
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#0f1115',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Dropping a file on the window must not navigate away from the app.
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../electron/shell/windowOptions.ts';

describe('the BrowserWindow options', () => {
  const options = windowOptions({ preloadPath: '/app/dist-electron/preload.cjs' });
  const web = options.webPreferences ?? {};

  it('isolates the page: no Node, sandboxed, the preload in its own world', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the dangerous extras off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads our preload and nothing else', () => {
    expect(web.preload).toBe('/app/dist-electron/preload.cjs');
    expect(web.additionalArguments).toBeUndefined();
    expect(web.enableBlinkFeatures).toBeUndefined();
  });

  it('opens hidden until the first paint, titled Nightshift', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('Nightshift');
  });
});

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTrustedUrlCheck } from '../../electron/shell/trustedSender.ts';

const index = join('/opt', 'Nightshift app', 'resources', 'app.asar', 'dist', 'renderer', 'index.html');
const ours = pathToFileURL(index).href;
const isOurs = createTrustedUrlCheck({ rendererIndexPath: index, platform: 'linux' });

describe('trusted sender: only the renderer we ship', () => {
  it('trusts our index.html, whatever its query or fragment (the page routes with them)', () => {
    expect(ours).toContain('Nightshift%20app');
    expect(isOurs(ours)).toBe(true);
    expect(isOurs(`${ours}#/slow-queries?cluster=prod`)).toBe(true);
    expect(isOurs(`${ours}?view=wlm`)).toBe(true);
    // the same file however the URL spells it
    expect(isOurs('file:///opt/Nightshift app/resources/app.asar/dist/renderer/../renderer/index.html')).toBe(
      true,
    );
  });

  it.each([
    ['a remote page', 'https://evil.example/index.html'],
    ['a local web server', 'http://127.0.0.1:5173/'],
    ['another file', 'file:///etc/passwd'],
    ['a sibling file', ours.replace('index.html', 'evil.html')],
    ['the renderer folder itself', ours.replace('index.html', '')],
    ['a network share with the same path', ours.replace('file:///', 'file://attacker/')],
    ['an encoded separator', ours.replace('renderer/index.html', 'renderer%2Findex.html')],
    ['about:blank', 'about:blank'],
    ['a data: page', 'data:text/html,<h1>hi</h1>'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['an empty URL', ''],
    ['no URL at all', undefined],
    ['garbage', 'not a url'],
  ])('does not trust %s', (_what, url) => {
    expect(isOurs(url)).toBe(false);
  });

  it('trusts a dev server only when one is given, and only its origin', () => {
    expect(isOurs('http://localhost:5173/')).toBe(false);
    const dev = createTrustedUrlCheck({
      rendererIndexPath: index,
      devServerUrl: 'http://localhost:5173',
      platform: 'linux',
    });
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev('http://127.0.0.1:5173/')).toBe(false);
    expect(dev(ours)).toBe(true);
  });

  it('compares Windows paths without regard to case, as the file system does', () => {
    const win = createTrustedUrlCheck({
      rendererIndexPath: 'C:\\Program Files\\Nightshift\\resources\\app.asar\\dist\\renderer\\index.html',
      platform: 'win32',
    });
    expect(win('file:///C:/Program%20Files/Nightshift/resources/app.asar/dist/renderer/index.html')).toBe(
      true,
    );
    expect(win('file:///c:/program%20files/nightshift/resources/app.asar/dist/renderer/INDEX.html')).toBe(
      true,
    );
    expect(win('file:///D:/Program%20Files/Nightshift/resources/app.asar/dist/renderer/index.html')).toBe(
      false,
    );
  });
});

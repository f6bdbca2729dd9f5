import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { appFileFor } from '../../electron/shell/appProtocol.ts';
import { createTrustedUrlCheck } from '../../electron/shell/trustedSender.ts';

const ours = 'nightshift://app/index.html';
const isOurs = createTrustedUrlCheck();

describe('trusted sender: only the renderer we ship', () => {
  it('trusts our index.html on our own scheme, whatever its query or fragment (the page routes with them)', () => {
    expect(isOurs(ours)).toBe(true);
    expect(isOurs(`${ours}#/slow-queries?cluster=prod`)).toBe(true);
    expect(isOurs(`${ours}?view=wlm`)).toBe(true);
    expect(isOurs('nightshift://app/')).toBe(true);
    // the same document however the URL spells it
    expect(isOurs('nightshift://app/assets/../index.html')).toBe(true);
    expect(isOurs('NIGHTSHIFT://APP/index.html')).toBe(true);
  });

  it.each([
    ['a remote page', 'https://evil.example/index.html'],
    ['a local web server', 'http://127.0.0.1:5173/'],
    ['a local file', 'file:///etc/passwd'],
    [
      'the built renderer as a file (no longer how it is served)',
      'file:///opt/Nightshift/resources/app.asar/dist/renderer/index.html',
    ],
    ['a sibling document', ours.replace('index.html', 'evil.html')],
    ['another host on our scheme', 'nightshift://evil/index.html'],
    ['an encoded separator', 'nightshift://app/assets%2F..%2Findex.html'],
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
    const dev = createTrustedUrlCheck({ devServerUrl: 'http://localhost:5173' });
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev('http://127.0.0.1:5173/')).toBe(false);
    expect(dev(ours)).toBe(true);
  });
});

describe('the app scheme serves the renderer folder and nothing else', () => {
  const root = join('/opt', 'Nightshift', 'dist', 'renderer');
  it.each([
    ['nightshift://app/index.html', join(root, 'index.html')],
    ['nightshift://app/', join(root, 'index.html')],
    ['nightshift://app/assets/index-abc.js', join(root, 'assets', 'index-abc.js')],
    ['nightshift://app/assets/a%20b.css', join(root, 'assets', 'a b.css')],
    ['nightshift://app/../../etc/passwd', join(root, 'etc', 'passwd')],
  ])('%s -> %s', (url, path) => {
    expect(appFileFor(root, url)).toEqual({ path });
  });

  it.each([
    ['an encoded separator', 'nightshift://app/..%2F..%2Fetc%2Fpasswd', 403],
    ['an encoded backslash', 'nightshift://app/..%5C..%5Cwin.ini', 403],
    ['a NUL', 'nightshift://app/index.html%00.js', 403],
    ['another host', 'nightshift://evil/index.html', 404],
    ['another scheme', 'file:///etc/passwd', 404],
    ['a malformed escape', 'nightshift://app/%E0%A4%A', 404],
  ])('refuses %s', (_what, url, status) => {
    expect(appFileFor(root, url)).toEqual({ status });
  });
});

// What protocol.handle answers for nightshift://app/ URLs, against real files: the renderer's own files
// with our CSP, and nothing from beside or above its folder, however the URL is spelled or whatever
// a symbolic link inside it points at.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appResponse } from '../../electron/shell/appProtocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy.ts';

let base: string;
let renderer: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'nightshift-scheme-'));
  renderer = join(base, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Nightshift</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  // A sibling folder whose name starts like the renderer's: a prefix check alone would let it through.
  mkdirSync(join(base, 'renderer-secrets'));
  writeFileSync(join(base, 'renderer-secrets', 'key.txt'), 'SECRET');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  symlinkSync(base, join(renderer, 'assets', 'up'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('nightshift://app/ responses', () => {
  it('serves the index and assets with their type, the CSP and nosniff', async () => {
    const index = await appResponse(renderer, 'nightshift://app/');
    expect(index.status).toBe(200);
    expect(index.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>Nightshift</title>');
    const script = await appResponse(renderer, 'nightshift://app/assets/index-abc.js');
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'nightshift://app/../secret.txt',
    'nightshift://app/..%2Fsecret.txt',
    'nightshift://app/%2e%2e/secret.txt',
    'nightshift://app/../renderer-secrets/key.txt',
    'nightshift://app/assets/up/secret.txt',
    'nightshift://app/missing.js',
    'nightshift://app/assets',
    'nightshift://other/index.html',
  ])('gives nothing from outside the folder, or that does not exist: %s', async (url) => {
    const res = await appResponse(renderer, url);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('SECRET');
  });
});

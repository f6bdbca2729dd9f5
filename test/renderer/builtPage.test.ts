// The production page must run under the doors' strict CSP (no inline script or style): check what
// `vite build` wrote. Needs the built renderer (`npx vite build`; `npm test` builds it first).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy.ts';

const BUILT_PAGE = join(import.meta.dirname, '..', '..', 'dist', 'renderer', 'index.html');

describe('built page', () => {
  it('has no inline script or style, so the strict CSP holds', () => {
    if (!existsSync(BUILT_PAGE)) throw new Error(`${BUILT_PAGE} is missing: run \`npx vite build\` first.`);
    const html = readFileSync(BUILT_PAGE, 'utf8');
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).toMatch(/<script /);
    for (const [, attrs = '', body = ''] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(attrs).toMatch(/\ssrc="\.\/assets\//);
      expect(body.trim()).toBe('');
    }
    // The same policy rides along in a meta tag (minus frame-ancestors, which a meta cannot set).
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    const expected = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors'));
    expect(meta?.replaceAll('&#39;', "'").split('; ')).toEqual(expected);
  });
});

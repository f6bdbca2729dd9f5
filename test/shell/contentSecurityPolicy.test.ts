import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy.ts';
import { withContentSecurityPolicy } from '../../electron/shell/contentSecurityPolicy.ts';

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name = '', ...sources] = d.trim().split(/\s+/);
    return [name, sources] as const;
  }),
);

describe('the Content-Security-Policy door 1 sends', () => {
  it('allows no inline code, no eval and no remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(
      /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*|https?:/,
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('shuts the doors a page could leave by: plugins, <base>, form posts, framing', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('replaces whatever policy a response carried, in any letter case, and keeps the other headers', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ["default-src *; script-src 'unsafe-inline'"],
      'Content-Security-Policy-Report-Only': "script-src 'unsafe-eval'",
      'Content-Type': ['text/html'],
      'X-Single': 'yes',
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'X-Single': ['yes'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('adds the policy to a response that had no headers (file:// loads)', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });
});

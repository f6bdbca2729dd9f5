// Door 1 sends the same Content-Security-Policy as door 2 (shared/contentSecurityPolicy.ts) as a
// response header on everything the window loads. The built index.html also carries it as a <meta>
// (vite.config.ts), but a <meta> policy ignores frame-ancestors, and older Electron versions did not
// run webRequest for file:// at all (electron/electron#23485), so both are kept.
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy.ts';

export type ResponseHeaders = Record<string, string | string[]>;

/**
 * Response headers with our policy in place of any the response carried. Header names are
 * case-insensitive, so a server's own `content-security-policy` must not survive beside ours.
 */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

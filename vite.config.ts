// The renderer build. Electron loads the result from its own scheme, nightshift://app/ (relative URLs,
// hence base './'); door 2 serves the same files over HTTP. Both send it under a strict
// Content-Security-Policy with no inline script or style,
// so the build must emit none (test/renderer/builtPage.test.ts checks dist/renderer/index.html).
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './shared/contentSecurityPolicy.ts';

/**
 * Adds the doors' policy as a <meta> to the production page only: the dev server injects an inline
 * React-refresh preamble that the policy would (rightly) block. frame-ancestors is ignored in a meta
 * tag, so it is left to the HTTP header.
 */
function contentSecurityPolicyMeta(): Plugin {
  const metaPolicy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'nightshift-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicy },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Nothing inlined as data: URLs (fonts would break font-src 'self'); no preload polyfill script.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Pages load lazily (app/pages.ts); the libraries every page shares get chunks of their own, so
    // a page's chunk is its own code and the vendor chunks stay cached across releases of the app.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
            {
              // recharts and what it draws with (d3 scales and shapes, its redux store).
              name: 'recharts',
              test: /[\\/]node_modules[\\/](recharts|victory-vendor|d3-[^\\/]+|internmap|@reduxjs|redux|react-redux|reselect|immer|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant|use-sync-external-store|clsx)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1' },
});

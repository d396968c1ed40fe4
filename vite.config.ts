import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { watPlugin } from './scripts/vite-plugin-wat.mjs';

/**
 * The built app carries a Content-Security-Policy that lets it talk to its own origin only: a
 * second, browser-enforced line behind "nothing leaves the machine" (DuckDB's own lockdown and the
 * e2e guard are the others; docs/privacy.md). 'wasm-unsafe-eval' is what DuckDB-WASM and
 * parquet-wasm need to compile their modules. It is sent twice: as a <meta> tag in index.html, which
 * works on any static host, and as HTTP headers from `vite preview` (what `npm start` serves), which
 * can also forbid framing (`frame-ancestors` is ignored, with a console error, in a <meta> tag).
 * Only in builds and preview: the dev server injects inline scripts (React refresh) it would block.
 */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' blob: data:",
  "font-src 'self'",
];
const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

/** The headers a host should send with every response (docs/privacy.md, dist/_headers). */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': [...CSP_DIRECTIVES, "frame-ancestors 'none'"].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

function contentSecurityPolicy(): Plugin {
  return {
    name: 'memscope-csp',
    apply: 'build',
    transformIndexHtml: (_html, ctx) =>
      // The Similar bench harness gets the policy plus 'unsafe-eval', only so that the bench can
      // measure regl-scatterplot, whose regl compiles draw calls with new Function(): the app's
      // policy blocks it (docs/similar.md, "The map").
      [
        {
          tag: 'meta',
          attrs: {
            'http-equiv': 'Content-Security-Policy',
            content: ctx.path.includes('/bench/harness/')
              ? CONTENT_SECURITY_POLICY.replace("'wasm-unsafe-eval'", "'wasm-unsafe-eval' 'unsafe-eval'")
              : CONTENT_SECURITY_POLICY,
          },
          injectTo: 'head-prepend',
        },
      ],
    // A `_headers` file (Netlify, Cloudflare Pages) so that such hosts send the headers as is.
    generateBundle() {
      const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
  };
}

// parquet-wasm and duckdb-wasm ship their own .wasm files; both are loaded through `?url`
// imports so Vite copies them into dist/ and the app never reaches a CDN.
export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), watPlugin()],
  // Worker bundles get their own plugins: the vector worker imports the wasm kernel.
  worker: { format: 'es', plugins: () => [watPlugin()] },
  optimizeDeps: { exclude: ['parquet-wasm', '@duckdb/duckdb-wasm'] },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
    // The Similar benchmark's harness page (bench/scenarios/similar.mjs): the vector index and its
    // alternatives without the app. Built only for the bench (scripts/bench.mjs sets
    // MEMSCOPE_BENCH_HARNESS): its policy allows eval, so it never ships in the app's dist/.
    ...(process.env.MEMSCOPE_BENCH_HARNESS === '1'
      ? {
          rolldownOptions: {
            input: {
              main: fileURLToPath(new URL('./index.html', import.meta.url)),
              'similar-bench': fileURLToPath(new URL('./bench/harness/similar.html', import.meta.url)),
            },
          },
        }
      : {}),
  },
  preview: { port: 4173, strictPort: true, headers: SECURITY_HEADERS },
  server: { port: 5173 },
});

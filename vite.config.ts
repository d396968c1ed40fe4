import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { watPlugin } from './scripts/vite-plugin-wat.mjs';
import { policyWithConnect, workerConnectOrigin } from './src/core/url/remote-url';

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

/**
 * Open by URL (docs/privacy.md, "A URL file's worker"): the page's policy never changes; a URL
 * file's parquet worker is loaded from `/assets/parquet.worker-<hash>.js?connect=<origin>`, and
 * that one response gets the same headers with the origin added to `connect-src`, so that exactly
 * the typed origin is allowed, and only in that worker (a dedicated worker loaded from a URL takes
 * its CSP from its own script's response). The origin is checked strictly (workerConnectOrigin);
 * any other request, or a parameter that is not exactly an origin, gets the headers unchanged.
 * Static hosts that send `dist/_headers` cannot do this: there the app says what to do instead.
 */
function urlWorkerPolicy(): Plugin {
  return {
    name: 'memscope-url-worker-csp',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const origin = workerConnectOrigin(req.url);
        if (origin !== null) {
          // The static file server sets the headers later (preview.headers): rewrite that one.
          const setHeader = res.setHeader.bind(res);
          res.setHeader = (name, value) =>
            setHeader(
              name,
              name.toLowerCase() === 'content-security-policy'
                ? policyWithConnect(String(value), origin)
                : value,
            );
        }
        next();
      });
    },
  };
}

// parquet-wasm and duckdb-wasm ship their own .wasm files; both are loaded through `?url`
// imports so Vite copies them into dist/ and the app never reaches a CDN.
export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), urlWorkerPolicy(), watPlugin()],
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

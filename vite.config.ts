import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { watPlugin } from './scripts/vite-plugin-wat.mjs';

/**
 * The built app carries a Content-Security-Policy that lets it talk to its own origin only: a
 * second, browser-enforced line behind "nothing leaves the machine" (the e2e guard is the first).
 * 'wasm-unsafe-eval' is what DuckDB-WASM and parquet-wasm need to compile their modules. Only in
 * builds: the dev server injects inline scripts (React refresh) that this policy would block.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' blob: data:",
  "font-src 'self'",
].join('; ');

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
    // alternatives without the app. A few KB; nothing links to it.
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        'similar-bench': fileURLToPath(new URL('./bench/harness/similar.html', import.meta.url)),
      },
    },
  },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});

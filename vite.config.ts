import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// parquet-wasm and duckdb-wasm ship their own .wasm files; both are loaded through `?url`
// imports so Vite copies them into dist/ and the app never reaches a CDN.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['parquet-wasm', '@duckdb/duckdb-wasm'] },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 4096 },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});

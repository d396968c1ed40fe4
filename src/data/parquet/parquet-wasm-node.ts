import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync } from 'parquet-wasm/esm';

/**
 * parquet-wasm initialisation for Node (Vitest, the corpus worker thread). The `esm` build is used
 * everywhere so that the decoder imports one module in both environments; in Node its default
 * init would fetch() a file: URL, so the wasm bytes are read from node_modules and instantiated
 * synchronously instead.
 */
let done = false;

export function initParquetWasmNode(wasmPath?: string): void {
  if (done) return;
  const path = wasmPath ?? createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');
  initSync({ module: readFileSync(path) });
  done = true;
}

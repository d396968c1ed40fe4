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

/**
 * @param wasm the wasm file's path (default: parquet-wasm's), or a module compiled once by a
 *   parent thread and passed to its worker threads (no compile per worker)
 */
export function initParquetWasmNode(wasm?: string | WebAssembly.Module): void {
  if (done) return;
  if (wasm instanceof WebAssembly.Module) initSync({ module: wasm });
  else initSync({ module: readFileSync(wasm ?? parquetWasmPath()) });
  done = true;
}

export function parquetWasmPath(): string {
  return createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');
}

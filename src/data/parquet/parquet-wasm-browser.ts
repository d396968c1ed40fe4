import init from 'parquet-wasm/esm';
// Vite copies the wasm into dist/ and gives its same-origin URL: no CDN, works offline.
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

/** parquet-wasm initialisation in a browser worker: streaming compile of the bundled wasm. */
let ready: Promise<void> | null = null;

export function initParquetWasmBrowser(): Promise<void> {
  ready ??= init({ module_or_path: wasmUrl }).then(() => undefined);
  return ready;
}

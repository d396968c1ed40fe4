import init from 'parquet-wasm/esm';
// Vite copies the wasm into dist/ and gives its same-origin URL: no CDN, works offline.
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

/**
 * parquet-wasm initialisation in a browser worker. With `compiled` (a module compiled once on the
 * main thread and posted to the worker: parquet-wasm-module.ts), only an instance is made;
 * without it (or when it is null), the bundled wasm is compiled here, streaming.
 */
let ready: Promise<void> | null = null;

export function initParquetWasmBrowser(compiled?: Promise<WebAssembly.Module | null>): Promise<void> {
  ready ??= (compiled ?? Promise.resolve(null)).then((module) =>
    init({ module_or_path: module ?? wasmUrl }).then(() => undefined),
  );
  return ready;
}

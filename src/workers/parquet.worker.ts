/// <reference lib="webworker" />
import { initParquetWasmBrowser } from '../data/parquet/parquet-wasm-browser';
import { createParquetWorkerApi } from '../data/parquet/worker-api';
import { serveRpc } from './rpc';
import { warmUpDecoder } from '../data/parquet/warm-up';
import { parquetWasmModuleFromParent } from '../data/parquet/parquet-wasm-module';

/**
 * The parquet worker: one (plus one for grid pages while loading) per open Parquet file (see
 * docs/data-path.md for why). Its API is src/data/parquet/worker-api.ts (shared with the Node
 * worker of the tests). After a trap the wasm instance is unusable, so the main thread terminates
 * this worker and starts another (worker-source.ts).
 */

// Initialise parquet-wasm as soon as the worker starts, not at the first `open`: the app keeps a
// spare worker warm (src/data/parquet/worker-pool.ts), so opening a file costs only its footer. A
// failure here is reported by the first `open`, which awaits the same promise.
// Then a decode of a small file compiles the decode path (V8 compiles wasm lazily) before a file
// needs it: a deep one in an idle spare, a light one in a worker a load starts (warm-up.ts).
// parquet-wasm arrives compiled from the main thread (parquet-wasm-module.ts): only instantiated here.
const fromParent = parquetWasmModuleFromParent(self as unknown as DedicatedWorkerGlobalScope);
initParquetWasmBrowser(fromParent.then(({ module }) => module))
  .then(async () => warmUpDecoder((await fromParent).warmUp))
  .catch(() => undefined);

serveRpc(self as unknown as DedicatedWorkerGlobalScope, createParquetWorkerApi(initParquetWasmBrowser));

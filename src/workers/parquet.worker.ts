/// <reference lib="webworker" />
import { ParquetDecoder } from '../data/parquet/parquet-decoder';
import { initParquetWasmBrowser } from '../data/parquet/parquet-wasm-browser';
import type { ParquetFooter, ReadRequest } from '../data/parquet/parquet-reader';
import { serveRpc, withTransfer } from './rpc';
import { warmUpDecoder } from '../data/parquet/warm-up';

/**
 * The parquet worker: one (plus one for grid pages while loading) per open Parquet file (see
 * docs/data-path.md for why). It holds the
 * File handle and parquet-wasm's lazy ParquetFile; the main thread only sees footers and Arrow IPC
 * bytes, which are transferred. After a trap the wasm instance is unusable, so the main thread
 * terminates this worker and starts another (worker-source.ts).
 */

let decoder: ParquetDecoder | null = null;

// Initialise parquet-wasm as soon as the worker starts, not at the first `open`: the app keeps a
// spare worker warm (src/data/parquet/worker-pool.ts), so opening a file costs only its footer. A
// failure here is reported by the first `open`, which awaits the same promise.
// Then one tiny decode compiles the decode path (V8 compiles wasm lazily) before a file needs it.
initParquetWasmBrowser()
  .then(() => warmUpDecoder())
  .catch(() => undefined);

const api = {
  async open(arg: { file: Blob; fileName: string; maxReadBytes: number }): Promise<ParquetFooter> {
    await initParquetWasmBrowser();
    decoder?.close();
    decoder = await ParquetDecoder.open(arg.file, arg.fileName, { maxReadBytes: arg.maxReadBytes });
    return decoder.footer;
  },
  async read(request: ReadRequest): Promise<Uint8Array> {
    if (!decoder) throw new Error('no file is open in this worker');
    const ipc = await decoder.read(request);
    return withTransfer(ipc, [ipc.buffer as ArrayBuffer]);
  },
  async close(): Promise<void> {
    decoder?.close();
    decoder = null;
  },
};

export type ParquetWorkerApi = typeof api;

serveRpc(self as unknown as DedicatedWorkerGlobalScope, api);

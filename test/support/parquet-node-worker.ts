import { parentPort, workerData } from 'node:worker_threads';
import { initParquetWasmNode } from '../../src/data/parquet/parquet-wasm-node';
import { createParquetWorkerApi } from '../../src/data/parquet/worker-api';
import { serveRpc } from '../../src/workers/rpc';

/**
 * The browser's parquet worker, as a Node worker_thread (bundled by test/support/node-worker.ts):
 * the same API (src/data/parquet/worker-api.ts) and the same RPC (src/workers/rpc.ts); only the
 * global scope is adapted. An error that escapes every request (a wasm trap thrown from a
 * callback) is reported the way the browser's `error` event reports it.
 */
const port = parentPort;
if (!port) throw new Error('parquet-node-worker must run in a worker thread');
const wasm = (workerData as { wasm: WebAssembly.Module }).wasm;

type Listener = (event: never) => void;

serveRpc(
  {
    postMessage: (message, transfer) => port.postMessage(message, transfer as ArrayBuffer[] | undefined),
    addEventListener(type: string, listener: Listener) {
      const call = listener as (event: unknown) => void;
      if (type === 'message') port.on('message', (data: unknown) => call({ data }));
      else if (type === 'error')
        process.on('uncaughtException', (error) => call({ error, message: String(error) }));
      else if (type === 'unhandledrejection')
        process.on('unhandledRejection', (reason) => call({ reason, preventDefault: () => undefined }));
    },
  },
  createParquetWorkerApi(() => initParquetWasmNode(wasm)),
);

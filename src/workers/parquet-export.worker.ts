/// <reference lib="webworker" />
import { initParquetWasmBrowser } from '../data/parquet/parquet-wasm-browser';
import { ParquetSink } from '../data/export/parquet-sink';
import { toErrorPayload } from '../core/errors';

/**
 * One Parquet export (src/data/export/export-table.ts): the main thread posts pages of Arrow IPC
 * ('page'), then 'end'; encoded Parquet bytes come back as they are written ('chunk', transferred),
 * then 'done'. The main thread terminates the worker to cancel.
 */
export type ExportWorkerRequest =
  { type: 'start'; rowGroupRows: number } | { type: 'page'; ipc: Uint8Array } | { type: 'end' };
export type ExportWorkerReply =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'done' }
  | { type: 'error'; error: ReturnType<typeof toErrorPayload> };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let sink: ParquetSink | null = null;
let queue: Promise<void> = Promise.resolve();

const post = (reply: ExportWorkerReply, transfer: Transferable[] = []) => scope.postMessage(reply, transfer);

scope.addEventListener('message', (event: MessageEvent<ExportWorkerRequest>) => {
  const msg = event.data;
  // Messages are handled in order, after parquet-wasm is ready.
  queue = queue
    .then(async () => {
      await initParquetWasmBrowser();
      if (msg.type === 'start') {
        sink = new ParquetSink(msg.rowGroupRows, (bytes) =>
          post({ type: 'chunk', bytes }, [bytes.buffer as ArrayBuffer]),
        );
      } else if (msg.type === 'page') {
        sink?.write(msg.ipc);
      } else {
        await sink?.finish();
        post({ type: 'done' });
      }
    })
    .catch((err: unknown) => post({ type: 'error', error: toErrorPayload(err) }));
});

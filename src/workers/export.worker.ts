/// <reference lib="webworker" />
import { tableFromIPC } from 'apache-arrow';
import { initParquetWasmBrowser } from '../data/parquet/parquet-wasm-browser';
import { ParquetSink } from '../data/export/parquet-sink';
import { csvHeader, encodeCsv, encodeJsonl, type ExportFormat } from '../core/export/encode-rows';
import { toErrorPayload } from '../core/errors';

/**
 * One export (src/data/export/export-table.ts), encoded off the main thread: the main thread posts
 * 'start' with the format, the column names ('header'), pages of Arrow IPC ('page'), then 'end';
 * encoded bytes come back as they are written ('chunk', transferred), then 'done'. Parquet is
 * parquet-wasm's writer; CSV and JSON Lines are core's encoders (at ~30 µs a row on the main thread
 * they would freeze the page for a quarter of a second per 10,000-row page). The main thread
 * terminates the worker to cancel.
 */
export type ExportWorkerRequest =
  | { type: 'start'; format: ExportFormat; rowGroupRows: number }
  | { type: 'header'; columns: string[] }
  | { type: 'page'; ipc: Uint8Array }
  | { type: 'end' };
export type ExportWorkerReply =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'done' }
  | { type: 'error'; error: ReturnType<typeof toErrorPayload> };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let format: ExportFormat = 'parquet';
let sink: ParquetSink | null = null;
let queue: Promise<void> = Promise.resolve();
const encoder = new TextEncoder();

const post = (reply: ExportWorkerReply, transfer: Transferable[] = []) => scope.postMessage(reply, transfer);
const postBytes = (bytes: Uint8Array) => post({ type: 'chunk', bytes }, [bytes.buffer as ArrayBuffer]);

scope.addEventListener('message', (event: MessageEvent<ExportWorkerRequest>) => {
  const msg = event.data;
  // Messages are handled in order (after parquet-wasm is ready, for Parquet).
  queue = queue
    .then(async () => {
      if (msg.type === 'start') {
        format = msg.format;
        if (format === 'parquet') {
          await initParquetWasmBrowser();
          sink = new ParquetSink(msg.rowGroupRows, postBytes);
        }
      } else if (msg.type === 'header') {
        if (format === 'csv') postBytes(encoder.encode(csvHeader(msg.columns)));
      } else if (msg.type === 'page') {
        if (format === 'parquet') sink?.write(msg.ipc);
        else {
          const table = tableFromIPC(msg.ipc);
          const names = table.schema.fields.map((f) => f.name);
          postBytes(encoder.encode(format === 'csv' ? encodeCsv(table, names) : encodeJsonl(table, names)));
        }
      } else {
        await sink?.finish();
        post({ type: 'done' });
      }
    })
    .catch((err: unknown) => post({ type: 'error', error: toErrorPayload(err) }));
});

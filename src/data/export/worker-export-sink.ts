import { MemscopeError, type ErrorPayload } from '../../core/errors';
import type { ExportFormat } from '../../core/export/encode-rows';
import type { ExportWorkerReply, ExportWorkerRequest } from '../../workers/export.worker';
import { pageToIpc, type ExportSink } from './export-table';

/**
 * The app's ExportSink: the encoding runs in its own worker (src/workers/export.worker.ts) —
 * parquet-wasm's writer for Parquet, core's encoders for CSV and JSON Lines — so that a 1M-row
 * export neither freezes the page nor waits for it; pages go in as transferred Arrow IPC, bytes
 * come back as they are written. Aborting terminates the worker.
 */
export function workerExportSink(format: ExportFormat, rowGroupRows: number): ExportSink {
  const worker = new Worker(new URL('../../workers/export.worker.ts', import.meta.url), {
    type: 'module',
    name: `${format}-export`,
  });
  // As Blobs at once, so the browser may keep them outside the page's heap (export-table.ts, textSink).
  const chunks: Blob[] = [];
  let settle: { resolve(): void; reject(e: unknown): void } | null = null;
  let failure: MemscopeError | null = null;
  worker.addEventListener('message', (event: MessageEvent<ExportWorkerReply>) => {
    const msg = event.data;
    if (msg.type === 'chunk') chunks.push(new Blob([msg.bytes as Uint8Array<ArrayBuffer>]));
    else if (msg.type === 'done') settle?.resolve();
    else {
      failure = new MemscopeError(msg.error as ErrorPayload);
      settle?.reject(failure);
    }
  });
  worker.addEventListener('error', (event) => {
    failure = new MemscopeError({
      code: 'internal',
      message: `The ${format} writer failed: ${event.message}`,
    });
    settle?.reject(failure);
  });
  const send = (msg: ExportWorkerRequest, transfer: Transferable[] = []) => worker.postMessage(msg, transfer);
  send({ type: 'start', format, rowGroupRows });
  return {
    header(columns) {
      send({ type: 'header', columns: [...columns] });
    },
    page(table) {
      if (failure) throw failure;
      const ipc = pageToIpc(table);
      send({ type: 'page', ipc }, [ipc.buffer as ArrayBuffer]);
    },
    async finish() {
      if (failure) throw failure;
      const done = new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
      });
      send({ type: 'end' });
      try {
        await done;
      } finally {
        worker.terminate();
      }
      return chunks;
    },
    abort() {
      worker.terminate();
    },
  };
}

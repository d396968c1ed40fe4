import { MemscopeError, type ErrorPayload } from '../../core/errors';
import type { ExportWorkerReply, ExportWorkerRequest } from '../../workers/parquet-export.worker';
import { pageToIpc, type ExportSink } from './export-table';

/**
 * The app's Parquet ExportSink: parquet-wasm's writer runs in its own worker (encoding 1M rows with
 * ZSTD would freeze the page), pages go in as transferred Arrow IPC, Parquet bytes come back as
 * they are written. Aborting terminates the worker.
 */
export function workerParquetSink(rowGroupRows: number): ExportSink {
  const worker = new Worker(new URL('../../workers/parquet-export.worker.ts', import.meta.url), {
    type: 'module',
    name: 'parquet-export',
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
    failure = new MemscopeError({ code: 'internal', message: `The Parquet writer failed: ${event.message}` });
    settle?.reject(failure);
  });
  const send = (msg: ExportWorkerRequest, transfer: Transferable[] = []) => worker.postMessage(msg, transfer);
  send({ type: 'start', rowGroupRows });
  return {
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

import { MemscopeError, type ErrorPayload } from '../../core/errors';
import type { ExportFormat } from '../../core/export/encode-rows';
import type { ExportWorkerReply, ExportWorkerRequest } from '../../workers/export.worker';
import { blobOutput, type ExportOutput } from './export-output';
import { pageToIpc, type ExportSink } from './export-table';

/**
 * The app's ExportSink: the encoding runs in its own worker (src/workers/export.worker.ts) —
 * parquet-wasm's writer for Parquet, core's encoders for CSV and JSON Lines — so that a 1M-row
 * export neither freezes the page nor waits for it; pages go in as transferred Arrow IPC, bytes
 * come back as they are written, into `output` (a download's Blob parts unless told: the file the
 * save picker gave is written as they come). Aborting terminates the worker and aborts the output.
 */
export function workerExportSink(
  format: ExportFormat,
  rowGroupRows: number,
  output: ExportOutput = blobOutput(),
): ExportSink {
  const worker = new Worker(new URL('../../workers/export.worker.ts', import.meta.url), {
    type: 'module',
    name: `${format}-export`,
  });
  let settle: { resolve(): void; reject(e: unknown): void } | null = null;
  let failure: MemscopeError | null = null;
  worker.addEventListener('message', (event: MessageEvent<ExportWorkerReply>) => {
    const msg = event.data;
    if (msg.type === 'chunk') output.write(msg.bytes);
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
    async page(table) {
      if (failure) throw failure;
      // A file written more slowly than pages are encoded holds at most a page's bytes in waiting.
      await output.drained();
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
      return output.close();
    },
    abort() {
      worker.terminate();
      output.abort();
    },
  };
}

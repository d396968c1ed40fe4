import { withTransfer } from '../../workers/rpc';
import { ParquetDecoder } from './parquet-decoder';
import type { ParquetFooter, ReadRequest } from './parquet-reader';

/**
 * The parquet worker's RPC API, apart from its entry point so that the browser's worker
 * (src/workers/parquet.worker.ts) and the Node worker thread of the integration and fuzz tests
 * (test/support/parquet-node-worker.ts) run the same code; only parquet-wasm's initialisation
 * differs. The worker holds the File and parquet-wasm's lazy ParquetFile; the main thread only
 * sees footers and Arrow IPC bytes, which are transferred.
 */
export function createParquetWorkerApi(init: () => Promise<void> | void) {
  let decoder: ParquetDecoder | null = null;
  return {
    async open(arg: { file: Blob; fileName: string; maxReadBytes: number }): Promise<ParquetFooter> {
      await init();
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
}

export type ParquetWorkerApi = ReturnType<typeof createParquetWorkerApi>;

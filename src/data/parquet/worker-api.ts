import { withTransfer } from '../../workers/rpc';
import { ParquetDecoder } from './parquet-decoder';
import type { ParquetFooter, ReadRequest } from './parquet-reader';
import { ReadsAhead } from './reads-ahead';
import type { RemoteUrl } from '../../core/url/remote-url';
import {
  HttpRangeSource,
  downloadWhole,
  isRemoteRef,
  probeRemote,
  type ProbeResult,
  type RemoteFileRef,
} from '../remote/http-range-source';

/**
 * The parquet worker's RPC API, apart from its entry point so that the browser's worker
 * (src/workers/parquet.worker.ts) and the Node worker thread of the integration and fuzz tests
 * (test/support/parquet-node-worker.ts) run the same code; only parquet-wasm's initialisation
 * differs. The worker holds the File and parquet-wasm's lazy ParquetFile; the main thread only
 * sees footers and Arrow IPC bytes, which are transferred. A file opened by URL is read by range
 * requests from here (src/data/remote/): only this worker's CSP lets it connect to that origin.
 */
export function createParquetWorkerApi(init: () => Promise<void> | void) {
  let decoder: ParquetDecoder | null = null;
  const ahead = new ReadsAhead();
  return {
    async open(arg: {
      file: Blob | RemoteFileRef;
      fileName: string;
      maxReadBytes: number;
      /** Decode the load's probe and first page once the footer is sent (the load worker: reads-ahead.ts). */
      firstPageAhead?: boolean;
    }): Promise<ParquetFooter> {
      await init();
      ahead.drop();
      decoder?.close();
      const remote = isRemoteRef(arg.file);
      const source = isRemoteRef(arg.file) ? new HttpRangeSource(arg.file) : arg.file;
      decoder = await ParquetDecoder.open(source, arg.fileName, { maxReadBytes: arg.maxReadBytes, remote });
      if (arg.firstPageAhead) ahead.start(decoder);
      return decoder.footer;
    },
    /** A URL file's size, end and first bytes, or that its server ignores ranges. */
    probe(arg: { remote: RemoteUrl }): Promise<ProbeResult> {
      return probeRemote(arg.remote, (url, init) => fetch(url, init));
    },
    /** A URL file whole (its server ignores ranges and the user said yes), within the budget. */
    download(arg: { remote: RemoteUrl; maxBytes: number }): Promise<Blob> {
      return downloadWhole(arg.remote, (url, init) => fetch(url, init), arg.maxBytes);
    },
    async read(request: ReadRequest): Promise<Uint8Array> {
      const open = decoder;
      if (!open) throw new Error('no file is open in this worker');
      const ipc = (await ahead.take(request)) ?? (await open.read(request));
      return withTransfer(ipc, [ipc.buffer as ArrayBuffer]);
    },
    async close(): Promise<void> {
      ahead.drop();
      decoder?.close();
      decoder = null;
    },
  };
}

export type ParquetWorkerApi = ReturnType<typeof createParquetWorkerApi>;

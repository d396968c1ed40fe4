import { openAsBlob } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../../src/core/errors';
import { ParquetDecoder } from '../../src/data/parquet/parquet-decoder';
import { initParquetWasmNode } from '../../src/data/parquet/parquet-wasm-node';
import type { ParquetFooter, ReadRequest } from '../../src/data/parquet/parquet-reader';

/**
 * Node worker_thread entry for the corpus test (bundled by test/support/corpus.ts): the same
 * ParquetDecoder the browser's parquet worker runs, isolated so that a wasm trap, an escaped
 * asynchronous error or a hang cannot take the test process down. A trap poisons the wasm
 * instance, so after one the parent replaces this worker.
 */

export type CorpusRequest =
  | { id: number; op: 'open'; path: string; fileName: string }
  | { id: number; op: 'read'; request: ReadRequest }
  | { id: number; op: 'close' };

export type CorpusResponse =
  | { id: number; ok: true; footer?: ParquetFooter; ipc?: Uint8Array; ms: number }
  | { id: number; ok: false; error: ReturnType<typeof toErrorPayload> };

const port = parentPort;
if (!port) throw new Error('corpus-worker must run in a worker thread');

initParquetWasmNode((workerData as { wasmPath: string }).wasmPath);

let decoder: ParquetDecoder | null = null;

port.on('message', (msg: CorpusRequest) => {
  void handle(msg).then(
    (res) => port.postMessage(res, res.ok && res.ipc ? [res.ipc.buffer as ArrayBuffer] : []),
    (err: unknown) =>
      port.postMessage({ id: msg.id, ok: false, error: toErrorPayload(err) } satisfies CorpusResponse),
  );
});

async function handle(msg: CorpusRequest): Promise<CorpusResponse> {
  const t0 = performance.now();
  switch (msg.op) {
    case 'open': {
      decoder?.close();
      decoder = null;
      decoder = await ParquetDecoder.open(await openAsBlob(msg.path), msg.fileName);
      return { id: msg.id, ok: true, footer: decoder.footer, ms: performance.now() - t0 };
    }
    case 'read': {
      if (!decoder) throw new Error('no file open');
      const ipc = await decoder.read(msg.request);
      return { id: msg.id, ok: true, ipc, ms: performance.now() - t0 };
    }
    case 'close':
      decoder?.close();
      decoder = null;
      return { id: msg.id, ok: true, ms: 0 };
  }
}

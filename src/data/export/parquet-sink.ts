import * as pq from 'parquet-wasm/esm';
import { pageToIpc, type ExportSink } from './export-table';

/**
 * Streams Arrow IPC pages into one Parquet file with parquet-wasm's writer
 * (`transformParquetStream`): pages are pushed in as they arrive, the writer cuts row groups of
 * `rowGroupRows` and hands back encoded bytes as it goes, so the input is never held whole.
 * parquet-wasm must be initialised first (in a worker: initParquetWasmBrowser; in Node:
 * initParquetWasmNode). The writer stores the Arrow schema in the file, so types round-trip.
 */
export class ParquetSink {
  private controller: ReadableStreamDefaultController<pq.RecordBatch> | null = null;
  private readonly output: Promise<void>;

  constructor(rowGroupRows: number, onChunk: (bytes: Uint8Array) => void) {
    const input = new ReadableStream<pq.RecordBatch>({
      start: (controller) => {
        this.controller = controller;
      },
    });
    const props = new pq.WriterPropertiesBuilder()
      .setCompression(pq.Compression.ZSTD)
      .setMaxRowGroupSize(rowGroupRows)
      .setCreatedBy('memscope export')
      .build();
    this.output = pq.transformParquetStream(input, props).then(async (stream: ReadableStream<Uint8Array>) => {
      const reader = stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        onChunk(value);
      }
    });
  }

  /** One page of rows as a complete Arrow IPC stream. */
  write(ipc: Uint8Array): void {
    const table = pq.Table.fromIPCStream(ipc);
    try {
      for (let i = 0; i < table.numBatches; i++) {
        const batch = table.recordBatch(i);
        if (batch) this.controller?.enqueue(batch);
      }
    } finally {
      table.free();
    }
  }

  /** Ends the file (footer) and resolves once every byte was handed to onChunk. */
  async finish(): Promise<void> {
    this.controller?.close();
    await this.output;
  }

  abort(): void {
    try {
      this.controller?.error(new Error('Export cancelled.'));
    } catch {
      // Already closed or errored.
    }
  }
}

/** A Parquet ExportSink that writes on this thread (Node tests; the app uses the worker's). */
export function inProcessParquetSink(rowGroupRows: number): ExportSink {
  const chunks: Uint8Array[] = [];
  const sink = new ParquetSink(rowGroupRows, (bytes) => chunks.push(bytes));
  return {
    page: (table) => sink.write(pageToIpc(table)),
    finish: async () => {
      await sink.finish();
      return chunks as BlobPart[];
    },
    abort: () => sink.abort(),
  };
}

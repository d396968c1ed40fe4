import {
  Field,
  FixedSizeList,
  Float32,
  Int32,
  List,
  Schema,
  Struct,
  RecordBatch,
  Table,
  TimestampMillisecond,
  Utf8,
  makeData,
  tableToIPC,
  type Data,
} from 'apache-arrow';
import { Compression, Table as WasmTable, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/esm';
import { binaryData, utf8Data } from '../../core/arrow/from-buffers';
import { ParquetDecoder } from './parquet-decoder';

/**
 * Runs the decode path once on a tiny in-memory Parquet file, in a spare worker before any file is
 * dropped. V8 compiles wasm functions lazily, on first call, and JS functions too: the first decode
 * in a fresh parquet-wasm instance took several times longer than the next (a 256-row page: ~60 ms
 * vs ~10 ms in Node). Covers the codecs (zstd, snappy) and column types of memory stores: strings,
 * lists, timestamps, numbers, binary, fixed-size float lists. Resolves with the rows decoded (0
 * when it failed: a real file reports its own errors).
 *
 * The table is built from buffers, never with apache-arrow's builders (vectorFromArray): those
 * compile code with `new Function`, which the worker's CSP refuses (workers loaded from a URL take
 * the policy of their own script's response). With builders, the warm-up failed silently in every
 * served build and the first file's first page decoded cold: drop → first rows 520 ms instead of
 * ~280 ms at 100K (docs/benchmarks.md, 2026-12-01).
 */
export async function warmUpDecoder(): Promise<number> {
  const n = 4;
  const itemUtf8 = new Field('item', new Utf8(), true);
  const itemF32 = new Field('item', new Float32(), true);
  const columns: [string, Data][] = [
    ['s', utf8Data(['a', 'b', 'c', 'd'])],
    [
      'l',
      makeData({
        type: new List(itemUtf8),
        length: n,
        nullCount: 0,
        valueOffsets: Int32Array.from([0, 1, 3, 3, 4]),
        child: utf8Data(['x', 'y', 'z', 'w']),
      }),
    ],
    [
      't',
      makeData({
        type: new TimestampMillisecond('UTC'),
        length: n,
        nullCount: 0,
        data: BigInt64Array.from([1n, 2n, 3n, 4n]),
      }),
    ],
    ['f', makeData({ type: new Float32(), length: n, nullCount: 0, data: Float32Array.from([1, 2, 3, 4]) })],
    ['i', makeData({ type: new Int32(), length: n, nullCount: 0, data: Int32Array.from([1, 2, 3, 4]) })],
    ['b', binaryData(Array.from({ length: n }, (_, k) => Uint8Array.of(k, k + 1)))],
    [
      'v',
      makeData({
        type: new FixedSizeList(2, itemF32),
        length: n,
        nullCount: 0,
        child: makeData({
          type: new Float32(),
          length: 2 * n,
          nullCount: 0,
          data: Float32Array.from([0, 1, 1, 2, 2, 3, 3, 4]),
        }),
      }),
    ],
  ];
  const schema = new Schema(columns.map(([name, data]) => new Field(name, data.type, true)));
  const batch = new RecordBatch(
    schema,
    makeData({
      type: new Struct(schema.fields),
      length: n,
      nullCount: 0,
      children: columns.map(([, d]) => d),
    }),
  );
  const ipc = tableToIPC(new Table(schema, [batch]), 'stream');
  let decoded = 0;
  for (const codec of [Compression.ZSTD, Compression.SNAPPY]) {
    try {
      const bytes = writeParquet(
        WasmTable.fromIPCStream(ipc),
        new WriterPropertiesBuilder().setCompression(codec).build(),
      );
      const decoder = await ParquetDecoder.open(new Blob([bytes as BlobPart]), 'warm-up.parquet');
      await decoder.read({ rowGroups: [0], offset: 1, limit: 2 });
      decoded += decoder.footer.rowGroups[0]?.rows ?? 0;
      await decoder.read({ rowGroups: [0] });
      decoder.close();
    } catch {
      /* a warm-up only */
    }
  }
  return decoded;
}

import {
  Binary,
  Field,
  FixedSizeList,
  Float32,
  Int32,
  List,
  TimestampMillisecond,
  Utf8,
  Table,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { Compression, Table as WasmTable, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/esm';
import { ParquetDecoder } from './parquet-decoder';

/**
 * Runs the decode path once on a tiny in-memory Parquet file, in a spare worker before any file is
 * dropped. V8 compiles wasm functions lazily, on first call, and JS functions too: the first decode
 * in a fresh parquet-wasm instance took several times longer than the next (a 256-row page: ~60 ms
 * vs ~10 ms in Node). Covers the codecs (zstd, snappy) and column types of memory stores: strings,
 * lists, timestamps, numbers, binary, fixed-size float lists. Failures are ignored (a real file
 * reports its own).
 */
export async function warmUpDecoder(): Promise<void> {
  const n = 4;
  const columns = {
    s: vectorFromArray(['a', 'b', 'c', 'd'], new Utf8()),
    l: vectorFromArray([['x'], ['y', 'z'], [], ['w']], new List(new Field('item', new Utf8(), true))),
    t: vectorFromArray([1, 2, 3, 4], new TimestampMillisecond('UTC')),
    f: vectorFromArray([1, 2, 3, 4], new Float32()),
    i: vectorFromArray([1, 2, 3, 4], new Int32()),
    b: vectorFromArray(
      Array.from({ length: n }, (_, k) => Uint8Array.of(k, k + 1)),
      new Binary(),
    ),
    v: vectorFromArray(
      Array.from({ length: n }, (_, k) => [k, k + 1]),
      new FixedSizeList(2, new Field('item', new Float32(), true)),
    ),
  };
  const ipc = tableToIPC(new Table(columns), 'stream');
  for (const codec of [Compression.ZSTD, Compression.SNAPPY]) {
    try {
      const bytes = writeParquet(
        WasmTable.fromIPCStream(ipc),
        new WriterPropertiesBuilder().setCompression(codec).build(),
      );
      const decoder = await ParquetDecoder.open(new Blob([bytes as BlobPart]), 'warm-up.parquet');
      await decoder.read({ rowGroups: [0], offset: 1, limit: 2 });
      await decoder.read({ rowGroups: [0] });
      decoder.close();
    } catch {
      /* a warm-up only */
    }
  }
}

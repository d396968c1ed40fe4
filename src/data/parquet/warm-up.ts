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
 * Runs the decode path on an in-memory Parquet file, in a worker before any file is dropped. V8
 * compiles wasm functions lazily, on first call, and JS functions too: the first decode in a fresh
 * parquet-wasm instance took several times longer than the next (a 256-row page: ~60 ms vs ~10 ms
 * in Node). Covers the codecs (zstd, snappy), both string encodings (plain, dictionary) and the
 * column types of memory stores: strings, lists, timestamps, numbers, binary, fixed-size float
 * lists. Resolves with the rows decoded (0 when it failed: a real file reports its own errors).
 *
 * A few rows are not enough for a real file's first page (the 'deep' depth): zstd stores a few
 * bytes raw, which decodes through none of its entropy stages, and one page per column skips no
 * page. After a 4-row warm-up, the first 256 rows of the 100K bench file still took 77–112 ms in
 * Node against ~10 ms for the next read (docs/benchmarks.md, 2026-12-02).
 *
 * The table is built from buffers, never with apache-arrow's builders (vectorFromArray): those
 * compile code with `new Function`, which the worker's CSP refuses (workers loaded from a URL take
 * the policy of their own script's response). With builders, the warm-up failed silently in every
 * served build and the first file's first page decoded cold: drop → first rows 520 ms instead of
 * ~280 ms at 100K (docs/benchmarks.md, 2026-12-01).
 */
export async function warmUpDecoder(depth: WarmUpDepth = 'light'): Promise<number> {
  const n = WARM_UP_ROWS[depth];
  const rows = Array.from({ length: n }, (_, k) => k);
  // Text from a small vocabulary, in a pseudo-random order: compressible, so that the codecs run
  // their entropy stages (a few bytes are stored raw and decode through none of them).
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const phrase = (words: number) =>
    Array.from({ length: words }, () => WORDS[next() % WORDS.length]).join(' ');
  const itemUtf8 = new Field('item', new Utf8(), true);
  const itemF32 = new Field('item', new Float32(), true);
  const entities = rows.map((k) => (k % 3 === 0 ? [] : [WORDS[k % WORDS.length]!, phrase(1)]));
  const listOffsets = new Int32Array(n + 1);
  entities.forEach((e, k) => (listOffsets[k + 1] = listOffsets[k]! + e.length));
  const columns: [string, Data][] = [
    ['s', utf8Data(rows.map((k) => CATEGORIES[k % CATEGORIES.length]!))],
    ['text', utf8Data(rows.map((k) => (k % 17 === 0 ? null : phrase(8 + (k % 24)))))],
    [
      'l',
      makeData({
        type: new List(itemUtf8),
        length: n,
        nullCount: 0,
        valueOffsets: listOffsets,
        child: utf8Data(entities.flat()),
      }),
    ],
    [
      't',
      makeData({
        type: new TimestampMillisecond('UTC'),
        length: n,
        nullCount: 0,
        data: BigInt64Array.from(rows, (k) => 1_700_000_000_000n + BigInt(k * 60_000 + (next() % 1000))),
      }),
    ],
    [
      'f',
      makeData({
        type: new Float32(),
        length: n,
        nullCount: 0,
        data: Float32Array.from(rows, () => (next() % 1000) / 1000),
      }),
    ],
    [
      'i',
      makeData({
        type: new Int32(),
        length: n,
        nullCount: 0,
        data: Int32Array.from(rows, (k) => next() % (k + 1)),
      }),
    ],
    ['b', binaryData(rows.map((k) => Uint8Array.from({ length: 8 + (k % 8) }, () => next() % 256)))],
    [
      'v',
      makeData({
        type: new FixedSizeList(VECTOR_DIMS, itemF32),
        length: n,
        nullCount: 0,
        child: makeData({
          type: new Float32(),
          length: VECTOR_DIMS * n,
          nullCount: 0,
          data: Float32Array.from({ length: VECTOR_DIMS * n }, () => (next() % 2000) / 1000 - 1),
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
  // Writers differ: DuckDB and pyarrow write Snappy with dictionaries, our generator Zstd without.
  // Small pages make several per column, so the reads below skip pages as a page read does.
  for (const [codec, dictionary] of [
    [Compression.ZSTD, false],
    [Compression.SNAPPY, true],
  ] as const) {
    try {
      const bytes = writeParquet(
        WasmTable.fromIPCStream(ipc),
        new WriterPropertiesBuilder()
          .setCompression(codec)
          .setDictionaryEnabled(dictionary)
          .setDataPageSizeLimit(4096)
          .build(),
      );
      const decoder = await ParquetDecoder.open(new Blob([bytes as BlobPart]), 'warm-up.parquet');
      await decoder.read({ rowGroups: [0], offset: n >> 1, limit: 64 });
      decoded += decoder.footer.rowGroups[0]?.rows ?? 0;
      await decoder.read({ rowGroups: [0] });
      decoder.close();
    } catch {
      /* a warm-up only */
    }
  }
  return decoded;
}

/**
 * 'light': every worker, as it starts: a few rows, so every reader and codec function is compiled.
 * 'deep': every idle spare (worker-pool.ts): rows enough for several pages per column and
 * compressed blocks, the paths a real file's first page takes. Each worker needs its own: a deep
 * warm-up in one spare per page left the others' first page as slow as with none (238–288 ms vs
 * 222–229 ms drop → first rows at 100K), so V8's tiered-up code is not shared between them.
 */
export type WarmUpDepth = 'light' | 'deep';

const WARM_UP_ROWS: Record<WarmUpDepth, number> = { light: 16, deep: 2048 };
const VECTOR_DIMS = 8;
const CATEGORIES = ['experiences', 'knowledge', 'preferences', 'skills'];
const WORDS = (
  'the agent user asked about memory store query plan vector search result error file table row ' +
  'column filter sort index cache page worker engine schedule executor arena heap budget time'
).split(' ');

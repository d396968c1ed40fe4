import { readRange, withRangesRead, type ByteSource } from './byte-source';
import { T, ThriftError, readStruct, type TField, type TStruct, type TValue } from './thrift-compact';

/**
 * The Parquet footer (Thrift FileMetaData) read by memscope itself, before parquet-wasm sees it:
 *
 * - facts parquet-wasm 0.8 does not expose: physical types, codecs and encodings by number,
 *   encryption fields of a plaintext footer, the footer's own row count next to the row groups';
 * - what a *repaired* footer (footer-repair.ts) needs when arrow-rs would refuse or misread a
 *   file that pyarrow and DuckDB read: a field whose wire type is not the one parquet.thrift
 *   declares is dropped (Apache Thrift's generated readers skip such a field; arrow-rs 59's parser
 *   fails on it: dict-page-offset-zero), and the row groups' own row counts (arrow-rs caps its
 *   batch size at the footer's `num_rows`, so a footer saying 0 made every read return 0 rows:
 *   repeated_no_annotation). See docs/parquet-compatibility.md.
 */

/** What parquet.thrift declares for a field: a wire type, a list of it, or a struct (null: not walked). */
type Expect = number | { list: number | string } | { struct: string | null };
type Spec = Record<number, Expect>;

const BOOL = T.TRUE;
const { I16, I32, I64, BINARY } = T;
const KV: Spec = { 1: BINARY, 2: BINARY };
const SPECS: Record<string, Spec> = {
  FileMetaData: {
    1: I32,
    2: { list: 'SchemaElement' },
    3: I64,
    4: { list: 'RowGroup' },
    5: { list: 'KeyValue' },
    6: BINARY,
    7: { list: T.STRUCT },
    8: { struct: null },
    9: BINARY,
  },
  SchemaElement: {
    1: I32,
    2: I32,
    3: I32,
    4: BINARY,
    5: I32,
    6: I32,
    7: I32,
    8: I32,
    9: I32,
    10: { struct: null },
  },
  RowGroup: {
    1: { list: 'ColumnChunk' },
    2: I64,
    3: I64,
    4: { list: 'SortingColumn' },
    5: I64,
    6: I64,
    7: I16,
  },
  ColumnChunk: {
    1: BINARY,
    2: I64,
    3: { struct: 'ColumnMetaData' },
    4: I64,
    5: I32,
    6: I64,
    7: I32,
    8: { struct: null },
    9: BINARY,
  },
  ColumnMetaData: {
    1: I32,
    2: { list: I32 },
    3: { list: BINARY },
    4: I32,
    5: I64,
    6: I64,
    7: I64,
    8: { list: 'KeyValue' },
    9: I64,
    10: I64,
    11: I64,
    12: { struct: 'Statistics' },
    13: { list: 'PageEncodingStats' },
    14: I64,
    15: I32,
    16: { struct: 'SizeStatistics' },
    17: { struct: null },
  },
  Statistics: { 1: BINARY, 2: BINARY, 3: I64, 4: I64, 5: BINARY, 6: BINARY, 7: BOOL, 8: BOOL },
  PageEncodingStats: { 1: I32, 2: I32, 3: I32 },
  SortingColumn: { 1: I32, 2: BOOL, 3: BOOL },
  KeyValue: KV,
  SizeStatistics: { 1: I64, 2: { list: I64 }, 3: { list: I64 } },
};

const FIELD_NAMES: Record<string, Record<number, string>> = {
  RowGroup: { 4: 'sorting_columns', 5: 'file_offset', 6: 'total_compressed_size', 7: 'ordinal' },
  ColumnMetaData: { 13: 'encoding_stats', 14: 'bloom_filter_offset', 15: 'bloom_filter_length' },
};

const wire = (t: number) => (t === T.FALSE ? T.TRUE : t);

function matches(v: TValue, expect: Expect): boolean {
  if (typeof expect === 'number') return wire(v.type) === expect;
  if ('list' in expect) {
    if (v.type !== T.LIST) return false;
    const elem = typeof expect.list === 'number' ? expect.list : T.STRUCT;
    return v.items.every((item) => wire(item.type) === elem);
  }
  return v.type === T.STRUCT;
}

/** Drops the fields whose wire type is not the declared one, recursively; says which. */
function sanitize(s: TStruct, specName: string, dropped: Set<string>): TStruct {
  const spec = SPECS[specName] as Spec;
  const fields: TField[] = [];
  for (const f of s.fields) {
    const expect = spec[f.id];
    if (expect === undefined) {
      fields.push(f); // unknown ids are skipped by every reader
      continue;
    }
    if (!matches(f, expect)) {
      dropped.add(`${specName}.${FIELD_NAMES[specName]?.[f.id] ?? `field ${f.id}`}`);
      continue;
    }
    if (
      typeof expect === 'object' &&
      'list' in expect &&
      typeof expect.list === 'string' &&
      f.type === T.LIST
    ) {
      const name = expect.list;
      fields.push({ ...f, items: f.items.map((item) => sanitize(item as TStruct, name, dropped)) });
    } else if (typeof expect === 'object' && 'struct' in expect && expect.struct && f.type === T.STRUCT) {
      fields.push({ id: f.id, ...sanitize(f, expect.struct, dropped) });
    } else fields.push(f);
  }
  if (specName === 'ColumnMetaData') return checkDictionaryOffset(fields, dropped);
  return { type: T.STRUCT, fields };
}

/**
 * A dictionary_page_offset of 0 (or not before the data pages) is dropped, as parquet-cpp ignores
 * it: the chunk then starts at data_page_offset, where such writers put the dictionary page
 * (dict-page-offset-zero.parquet, written by parquet-mr 1.12 in Dremio). arrow-rs would start
 * reading the chunk at byte 0 of the file.
 */
function checkDictionaryOffset(fields: TField[], dropped: Set<string>): TStruct {
  const dict = fields.find((f) => f.id === 11);
  const data = fields.find((f) => f.id === 9);
  if (dict?.type === T.I64 && data?.type === T.I64 && (dict.value <= 0n || dict.value >= data.value)) {
    dropped.add(`ColumnMetaData.dictionary_page_offset (${dict.value})`);
    return { type: T.STRUCT, fields: fields.filter((f) => f !== dict) };
  }
  return { type: T.STRUCT, fields };
}

export const PHYSICAL_TYPES = [
  'BOOLEAN',
  'INT32',
  'INT64',
  'INT96',
  'FLOAT',
  'DOUBLE',
  'BYTE_ARRAY',
  'FIXED_LEN_BYTE_ARRAY',
];
/** parquet.thrift CompressionCodec. */
export const CODECS = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'LZO', 'BROTLI', 'LZ4', 'ZSTD', 'LZ4_RAW'];
/** parquet-wasm 0.8 is built with every codec arrow-rs implements; arrow-rs has no LZO. */
export const SUPPORTED_CODECS = new Set([0, 1, 2, 4, 5, 6, 7]);
/** parquet.thrift Encoding (1, GROUP_VAR_INT, was never written). */
export const ENCODINGS: Record<number, string> = {
  0: 'PLAIN',
  2: 'PLAIN_DICTIONARY',
  3: 'RLE',
  4: 'BIT_PACKED',
  5: 'DELTA_BINARY_PACKED',
  6: 'DELTA_LENGTH_BYTE_ARRAY',
  7: 'DELTA_BYTE_ARRAY',
  8: 'RLE_DICTIONARY',
  9: 'BYTE_STREAM_SPLIT',
};

export const codecName = (c: number) => CODECS[c] ?? `codec ${c}`;
export const encodingName = (e: number) => ENCODINGS[e] ?? `encoding ${e}`;

export interface LeafColumn {
  /** Dotted path, as parquet-wasm's `columnPath().join('.')` gives it. */
  path: string;
  physicalType: string;
}

export interface ChunkMeta {
  path: string;
  codec: number;
  encodings: number[];
  /** crypto_metadata or encrypted_column_metadata present: the column is encrypted. */
  encrypted: boolean;
  /** Byte range of the chunk's pages: the dictionary page's offset (when valid) or the first data page's. */
  start: number;
  compressedBytes: number;
  /** ColumnMetaData.num_values: values (nulls included) in the chunk's data pages. */
  values: number;
}

export interface FooterMeta {
  /** FileMetaData.num_rows, as written. */
  numRows: number;
  leaves: LeafColumn[] | null;
  /** Top-level columns whose only leaf is INT96 (Spark / Impala timestamps). */
  int96Columns: string[];
  rowGroups: { numRows: number; columns: ChunkMeta[] }[];
  /** FileMetaData.encryption_algorithm present (plaintext-footer mode) or an encrypted column. */
  encrypted: boolean;
  keys: string[];
  createdBy: string | null;
  /** Fields dropped because their wire type is not parquet.thrift's (empty for sane files). */
  dropped: string[];
  /** The sanitized FileMetaData, for rewriteFooter. */
  struct: TStruct;
}

export const field = (s: TStruct, id: number): TField | undefined => s.fields.find((f) => f.id === id);
const int = (f: TField | undefined): number | null =>
  f && (f.type === T.I32 || f.type === T.I16 || f.type === T.BYTE)
    ? f.value
    : f?.type === T.I64
      ? Number(f.value)
      : null;
const text = (v: TValue | undefined): string =>
  v?.type === T.BINARY ? new TextDecoder().decode(v.value) : '';
const structs = (f: TField | undefined): TStruct[] =>
  f?.type === T.LIST ? f.items.filter((i): i is TStruct => i.type === T.STRUCT) : [];

/**
 * Parses the Thrift FileMetaData bytes (between the data and the trailing length + PAR1).
 * @throws ThriftError when the bytes are not a Thrift struct
 */
export function readFooterMeta(footer: Uint8Array): FooterMeta {
  const dropped = new Set<string>();
  const struct = sanitize(readStruct(footer).struct, 'FileMetaData', dropped);
  const elements = structs(field(struct, 2)).map((e) => ({
    type: int(field(e, 1)),
    name: text(field(e, 4)),
    numChildren: int(field(e, 5)) ?? 0,
  }));
  const leaves: LeafColumn[] = [];
  const int96Columns: string[] = [];
  let i = 1;
  const walk = (prefix: string[], count: number): boolean => {
    for (let c = 0; c < count; c++) {
      const el = elements[i++];
      if (!el) return false;
      const path = [...prefix, el.name];
      if (el.numChildren > 0) {
        if (!walk(path, el.numChildren)) return false;
      } else {
        leaves.push({ path: path.join('.'), physicalType: PHYSICAL_TYPES[el.type ?? -1] ?? 'unknown' });
        if (el.type === 3 && prefix.length === 0) int96Columns.push(el.name);
      }
    }
    return true;
  };
  const schemaOk = elements.length > 0 && walk([], elements[0]?.numChildren ?? 0);
  let encrypted = field(struct, 8) !== undefined;
  const rowGroups = structs(field(struct, 4)).map((rg) => ({
    numRows: int(field(rg, 3)) ?? 0,
    columns: structs(field(rg, 1)).map((chunk): ChunkMeta => {
      const meta = field(chunk, 3);
      const m = meta?.type === T.STRUCT ? meta : null;
      const enc = field(chunk, 8) !== undefined || field(chunk, 9) !== undefined;
      encrypted ||= enc;
      const encodings = m ? field(m, 2) : undefined;
      const path = m ? field(m, 3) : undefined;
      const dataStart = (m && int(field(m, 9))) ?? 0;
      return {
        start: (m && int(field(m, 11))) ?? dataStart,
        compressedBytes: (m && int(field(m, 7))) ?? 0,
        values: (m && int(field(m, 5))) ?? 0,
        path: path?.type === T.LIST ? path.items.map(text).join('.') : '',
        codec: (m && int(field(m, 4))) ?? 0,
        encodings:
          encodings?.type === T.LIST ? encodings.items.map((e) => (e.type === T.I32 ? e.value : -1)) : [],
        encrypted: enc,
      };
    }),
  }));
  return {
    numRows: int(field(struct, 3)) ?? 0,
    leaves: schemaOk ? leaves : null,
    int96Columns: schemaOk ? int96Columns : [],
    rowGroups,
    encrypted,
    keys: structs(field(struct, 5)).map((kv) => text(field(kv, 1))),
    createdBy: field(struct, 6) ? text(field(struct, 6)) : null,
    dropped: [...dropped],
    struct,
  };
}

/** Reads a Parquet Blob's footer bytes: length from the last 8 bytes, then the footer itself. */
export async function readFooterBytes(blob: ByteSource): Promise<Uint8Array | null> {
  if (blob.size < 12) return null;
  const tail = new DataView((await readRange(blob, blob.size - 8, blob.size)).buffer);
  const len = tail.getUint32(0, true);
  // A footer over 64 MiB is not something to parse in JS; parquet-wasm gets the file as it is.
  if (len === 0 || len > blob.size - 12 || len > 64 * 1024 * 1024) return null;
  return readRange(blob, blob.size - 8 - len, blob.size - 8);
}

/** The end of a local file read at open (see readParquetEnds). */
const TAIL_READ_BYTES = 64 * 1024;

/** A footer longer than this is left to be read as asked (readFooterBytes refuses over 64 MiB). */
const MAX_FOOTER_READ_BYTES = 16 * 1024 * 1024;

/**
 * A local file with its first bytes and its tail in memory, for opening it (ParquetDecoder.open):
 * the last 64 KB (a 10-row-group footer and its page index fit), or, for a longer footer, twice
 * the footer's length (the page index before it is about as long). One read of 512 KB took
 * ~19 ms against ~7 ms for 64 KB, so the first read stays small.
 */
export async function readParquetEnds(file: Blob): Promise<ByteSource> {
  const ends = await withRangesRead(file, [
    [0, 8],
    [file.size - TAIL_READ_BYTES, file.size],
  ]);
  if (file.size < 12) return ends;
  const length = await readRange(ends, file.size - 8, file.size - 4);
  const footerLength = new DataView(length.buffer).getUint32(0, true);
  const wanted = 8 + 2 * footerLength;
  if (wanted <= TAIL_READ_BYTES || footerLength > MAX_FOOTER_READ_BYTES) return ends;
  return withRangesRead(file, [
    [0, 8],
    [file.size - wanted, file.size],
  ]);
}

/** The footer's facts, or null when it is not parseable (parquet-wasm then names the damage). */
export function tryReadFooterMeta(footer: Uint8Array | null): FooterMeta | null {
  if (!footer) return null;
  try {
    return readFooterMeta(footer);
  } catch (err) {
    if (err instanceof ThriftError || err instanceof RangeError) return null;
    throw err;
  }
}

import { describe, expect, it } from 'vitest';
import { readFooterMeta, tryReadFooterMeta } from './footer-meta';
import { hasShortChunks, rewriteFooter } from './footer-repair';
import {
  T,
  ThriftError,
  readStruct,
  writeStruct,
  type TField,
  type TStruct,
  type TValue,
} from './thrift-compact';

const bin = (s: string): TValue => ({ type: T.BINARY, value: new TextEncoder().encode(s) });
const f = (id: number, v: TValue): TField => ({ ...v, id });
const i32 = (id: number, value: number) => f(id, { type: T.I32, value });
const i64 = (id: number, value: bigint) => f(id, { type: T.I64, value });
const struct = (...fields: TField[]): TStruct => ({ type: T.STRUCT, fields });
const list = (id: number, elem: number, items: TValue[]) => f(id, { type: T.LIST, elem, items });

/** A FileMetaData: schema root + one INT32 leaf `x`, one row group of `rows` rows. */
function fileMeta(opts: { numRows: bigint; rows: bigint; chunkMeta?: TField[] }): TStruct {
  const columnMeta = struct(
    i32(1, 1),
    list(2, T.I32, [{ type: T.I32, value: 0 }]),
    list(3, T.BINARY, [bin('x')]),
    i32(4, 0),
    i64(5, opts.rows),
    i64(6, 40n),
    i64(7, 40n),
    i64(9, 4n),
    ...(opts.chunkMeta ?? []),
  );
  return struct(
    i32(1, 1),
    list(2, T.STRUCT, [struct(f(4, bin('schema')), i32(5, 1)), struct(i32(1, 1), f(4, bin('x')))]),
    i64(3, opts.numRows),
    list(4, T.STRUCT, [struct(list(1, T.STRUCT, [struct(i64(2, 4n), f(3, columnMeta))]), i64(3, opts.rows))]),
  );
}

describe('thrift compact codec', () => {
  it.each([
    ['a sane footer', () => fileMeta({ numRows: 6n, rows: 6n })],
    ['negative and large numbers', () => struct(i32(1, -7), i64(2, -(2n ** 63n)), i64(3, 2n ** 63n - 1n))],
    [
      'bools as fields and in a list',
      () => struct(f(1, { type: T.TRUE, value: true }), f(2, { type: T.FALSE, value: false })),
    ],
    ['a field id jump over 15', () => struct(i32(1, 1), i32(40, 2), i32(41, 3))],
    // Varints up to 7 bytes are read with numbers, longer ones with BigInt: both sides of the edge.
    ['i32 at its ends', () => struct(i32(1, 2 ** 31 - 1), i32(2, -(2 ** 31)), i32(3, 0), i32(4, -1))],
    [
      'i64 around 2^48 (a 7-byte zigzag varint) and 2^53',
      () =>
        struct(
          i64(1, 2n ** 48n - 1n),
          i64(2, -(2n ** 48n)),
          i64(3, 2n ** 48n),
          i64(4, -(2n ** 48n) - 1n),
          i64(5, 2n ** 53n + 1n),
          i64(6, -(2n ** 53n) - 1n),
        ),
    ],
    ['a field id over 2^14 (a 3-byte varint)', () => struct(i32(1, 1), i32(20_000, 2), i32(-3, 3))],
    [
      'a list of 20',
      () =>
        struct(
          list(
            1,
            T.I32,
            Array.from({ length: 20 }, (_, i) => ({ type: T.I32, value: i })),
          ),
        ),
    ],
  ])('%s: write then read gives the same tree', (_name, make) => {
    const tree = make();
    expect(readStruct(writeStruct(tree)).struct).toEqual(tree);
  });

  it.each([
    ['truncated', (b: Uint8Array) => b.subarray(0, b.length - 3)],
    ['a list claiming more items than bytes', () => Uint8Array.from([0x19, 0xf5, 0xff, 0xff, 0xff, 0x0f])],
    ['an unknown type', () => Uint8Array.from([0x1d])],
    ['nesting deeper than 64', () => new Uint8Array(200).fill(0x1c)],
    [
      'a varint over 10 bytes',
      () => Uint8Array.from([0x16, ...new Array<number>(11).fill(0xff), 0x01, 0x00]),
    ],
  ])('%s: a ThriftError, no huge allocation', (_name, damage) => {
    const bytes = damage(writeStruct(fileMeta({ numRows: 1n, rows: 1n })));
    expect(() => readStruct(bytes)).toThrow(ThriftError);
    expect(tryReadFooterMeta(bytes)).toBeNull();
  });
});

describe('thrift compact numbers', () => {
  it.each([
    // field 1, type I32, then the zigzag varint: a varint past 32 bits wraps as Apache Thrift's does.
    ['a 5-byte varint', [0x15, 0xfe, 0xff, 0xff, 0xff, 0x0f, 0x00], 2 ** 31 - 1],
    ['a 6-byte varint, wrapped to 32 bits', [0x15, 0x80, 0x80, 0x80, 0x80, 0x20, 0x00], 0],
    [
      'a 9-byte varint, wrapped to 32 bits',
      [0x15, 0x83, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00],
      -2,
    ],
  ])('an i32 from %s', (_name, bytes, expected) => {
    expect(readStruct(Uint8Array.from(bytes)).struct.fields[0]).toEqual({
      id: 1,
      type: T.I32,
      value: expected,
    });
  });
});

describe('readFooterMeta', () => {
  it('reads rows, leaves and chunks', () => {
    const meta = readFooterMeta(writeStruct(fileMeta({ numRows: 6n, rows: 6n })));
    expect(meta).toMatchObject({
      numRows: 6,
      leaves: [{ path: 'x', physicalType: 'INT32' }],
      rowGroups: [{ numRows: 6, columns: [{ path: 'x', codec: 0, encodings: [0], start: 4, values: 6 }] }],
      encrypted: false,
      dropped: [],
    });
  });

  // Each case: a ColumnMetaData field as found in real files, and what a Thrift reader keeps.
  it.each([
    [
      'bloom_filter_length as a list (Dremio)',
      () => [list(15, T.STRUCT, [struct(i32(1, 0))])],
      ['ColumnMetaData.bloom_filter_length'],
    ],
    ['dictionary_page_offset 0', () => [i64(11, 0n)], ['ColumnMetaData.dictionary_page_offset (0)']],
    [
      'dictionary_page_offset after the data page',
      () => [i64(11, 9n)],
      ['ColumnMetaData.dictionary_page_offset (9)'],
    ],
    ['a valid dictionary_page_offset', () => [i64(11, 3n)], []],
    ['an unknown field id', () => [i32(99, 1)], []],
  ])('%s: dropped %j', (_name, extra, dropped) => {
    const meta = readFooterMeta(writeStruct(fileMeta({ numRows: 6n, rows: 6n, chunkMeta: extra() })));
    expect(meta.dropped).toEqual(dropped);
    // What is dropped is gone from the rewritten footer too.
    expect(readFooterMeta(rewriteFooter(meta, {})).dropped).toEqual([]);
  });

  it('rewrites num_rows, adds key-value entries and sets chunk lengths', () => {
    const meta = readFooterMeta(writeStruct(fileMeta({ numRows: 0n, rows: 6n })));
    const again = readFooterMeta(
      rewriteFooter(meta, { numRows: 6, keyValue: [['ARROW:schema', 'abc']], chunkLengths: [[55]] }),
    );
    expect(again.numRows).toBe(6);
    expect(again.keys).toEqual(['ARROW:schema']);
    expect(again.rowGroups[0]?.columns[0]?.compressedBytes).toBe(55);
  });

  it('finds encryption in a plaintext footer', () => {
    const tree = fileMeta({ numRows: 1n, rows: 1n });
    tree.fields.push(f(8, struct()));
    expect(readFooterMeta(writeStruct(tree)).encrypted).toBe(true);
  });
});

describe('hasShortChunks (PARQUET-816, as parquet-cpp decides)', () => {
  it.each([
    ['parquet-mr', true],
    ['parquet-mr version 1.2.8 (build 1)', true],
    ['parquet-mr version 1.2.9 (build 1)', false],
    ['parquet-mr version 1.12.0-SNAPSHOT (build 1)', false],
    ['parquet-cpp-arrow version 14.0.2', false],
    ['impala version 1.3.0-INTERNAL', false],
    [null, false],
  ])('%s -> %s', (createdBy, expected) => {
    expect(hasShortChunks(createdBy)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import {
  Binary,
  Bool,
  DateDay,
  DateMillisecond,
  Decimal,
  DurationMillisecond,
  Field,
  FixedSizeBinary,
  FixedSizeList,
  Float16,
  Float32,
  Float64,
  Int32,
  Int64,
  List,
  Map_,
  Struct,
  TimeMicrosecond,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint64,
  Utf8,
  makeData,
  makeVector,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { cellCopyText, formatCell, fullText, isTruncated } from './format-cell';
import { CELL_FORMAT, type CellValue } from './cell-value';

const texts = (vector: Vector): string[] =>
  Array.from({ length: vector.length }, (_, i) => formatCell(vector, i).text);

function fixed<T extends DataType>(
  type: T,
  data: ArrayLike<number> | ArrayLike<bigint> | Uint32Array,
): Vector<T> {
  const length = 'listSize' in type ? 1 : data.length;
  return makeVector(makeData({ type, length, data } as never)) as unknown as Vector<T>;
}

describe('formatCell: numbers', () => {
  it.each<[string, Vector, string[]]>([
    ['int32', vectorFromArray([1, -2, 2147483647, null], new Int32()), ['1', '-2', '2147483647', 'NULL']],
    [
      'int64 exact beyond 2^53',
      fixed(new Int64(), BigInt64Array.of(9007199254740993n, -9223372036854775808n)),
      ['9007199254740993', '-9223372036854775808'],
    ],
    ['uint64 max', fixed(new Uint64(), BigUint64Array.of(18446744073709551615n)), ['18446744073709551615']],
    ['float64', vectorFromArray([0.1, 1e21, -1.5e-7], new Float64()), ['0.1', '1e+21', '-1.5e-7']],
    [
      'float32 shortest',
      fixed(new Float32(), Float32Array.of(0.1, 3.4028234663852886e38, 1 / 3)),
      ['0.1', '3.4028235e+38', '0.33333334'],
    ],
    [
      'float specials',
      fixed(new Float64(), Float64Array.of(Number.NaN, Infinity, -Infinity, -0, 0)),
      ['NaN', 'Infinity', '-Infinity', '-0', '0'],
    ],
    [
      'float16',
      fixed(new Float16(), Uint16Array.of(0x3c00, 0xc000, 0x7c00, 0x7e00, 0x3555)),
      ['1', '-2', 'Infinity', 'NaN', '0.3333'],
    ],
  ])('%s', (_name, vector, expected) => {
    expect(texts(vector)).toEqual(expected);
  });

  it('marks specials so the cell can style them', () => {
    const v = fixed(new Float64(), Float64Array.of(Number.NaN, -0));
    expect(formatCell(v, 0)).toEqual({ kind: 'number', text: 'NaN', special: 'nan' });
    expect(formatCell(v, 1)).toEqual({ kind: 'number', text: '-0', special: '-0' });
  });

  // 128-bit little-endian two's complement, four 32-bit words per value.
  const dec = (values: bigint[], scale: number, precision = 38): Vector => {
    const words = new Uint32Array(values.length * 4);
    values.forEach((v, i) => {
      let u = BigInt.asUintN(128, v);
      for (let w = 0; w < 4; w++) {
        words[i * 4 + w] = Number(u & 0xffffffffn);
        u >>= 32n;
      }
    });
    return makeVector(
      makeData({ type: new Decimal(scale, precision, 128), length: values.length, data: words }),
    );
  };

  it.each<[string, bigint[], number, string[]]>([
    ['scale 2', [12345n, -5n, 0n], 2, ['123.45', '-0.05', '0.00']],
    ['scale 0', [42n], 0, ['42']],
    [
      '38 digits, no float rounding',
      [12345678901234567890123456789012345678n, -99999999999999999999999999999999999999n],
      10,
      ['1234567890123456789012345678.9012345678', '-9999999999999999999999999999.9999999999'],
    ],
  ])('decimal %s', (_name, values, scale, expected) => {
    expect(texts(dec(values, scale))).toEqual(expected);
  });
});

describe('formatCell: time', () => {
  const t = Date.UTC(2024, 2, 1, 12, 34, 56); // 2024-03-01 12:34:56 UTC, in ms
  it.each<[string, Vector, string]>([
    [
      'timestamp[s] no zone',
      fixed(new TimestampSecond(), BigInt64Array.of(BigInt(t / 1000))),
      '2024-03-01 12:34:56',
    ],
    [
      'timestamp[ms] UTC',
      fixed(new TimestampMillisecond('UTC'), BigInt64Array.of(BigInt(t) + 7n)),
      '2024-03-01 12:34:56.007Z',
    ],
    [
      'timestamp[us] keeps microseconds',
      fixed(new TimestampMicrosecond(), BigInt64Array.of(BigInt(t) * 1000n + 123456n)),
      '2024-03-01 12:34:56.123456',
    ],
    [
      'timestamp[ns] keeps nanoseconds',
      fixed(new TimestampNanosecond(), BigInt64Array.of(BigInt(t) * 1_000_000n + 1n)),
      '2024-03-01 12:34:56.000000001',
    ],
    [
      'timestamp before 1970',
      fixed(new TimestampMillisecond(), BigInt64Array.of(-1n)),
      '1969-12-31 23:59:59.999',
    ],
    [
      'timestamp fixed offset',
      fixed(new TimestampSecond('+05:30'), BigInt64Array.of(BigInt(t / 1000))),
      '2024-03-01 18:04:56+05:30',
    ],
    [
      'timestamp named zone',
      fixed(new TimestampSecond('Europe/Paris'), BigInt64Array.of(BigInt(t / 1000))),
      '2024-03-01 13:34:56+01:00',
    ],
    ['date32', fixed(new DateDay(), Int32Array.of(19783)), '2024-03-01'],
    ['date64', fixed(new DateMillisecond(), BigInt64Array.of(BigInt(Date.UTC(1999, 11, 31)))), '1999-12-31'],
    ['time64[us]', fixed(new TimeMicrosecond(), BigInt64Array.of(45296789000n)), '12:34:56.789'],
    ['duration[ms]', fixed(new DurationMillisecond(), BigInt64Array.of(90061001n)), '1d 01:01:01.001'],
    ['negative duration', fixed(new DurationMillisecond(), BigInt64Array.of(-1500n)), '-00:00:01.500'],
  ])('%s', (_name, vector, expected) => {
    expect(formatCell(vector, 0).text).toBe(expected);
  });

  it('says when a timestamp has no zone', () => {
    const cell = formatCell(fixed(new TimestampSecond(), BigInt64Array.of(0n)), 0);
    expect(cell).toEqual({
      kind: 'temporal',
      text: '1970-01-01 00:00:00',
      title: 'timestamp[s], no time zone stored: shown as UTC',
    });
  });

  it('does not throw on timestamps a Date cannot hold', () => {
    const cell = formatCell(fixed(new TimestampSecond(), BigInt64Array.of(9223372036854775807n)), 0);
    expect(cell.text).toBe('9223372036854775807 s');
  });
});

describe('formatCell: strings, booleans, binary', () => {
  it('keeps NULL apart from the empty string', () => {
    const v = vectorFromArray(['', null, 'a'], new Utf8());
    expect(formatCell(v, 0)).toEqual({
      kind: 'string',
      text: '',
      empty: true,
      truncated: false,
      byteLength: 0,
    });
    expect(formatCell(v, 1)).toEqual({ kind: 'null', text: 'NULL' });
    expect(formatCell(v, 2)).toMatchObject({ kind: 'string', text: 'a', empty: false });
  });

  it('truncates long strings without splitting characters, copy gets all', () => {
    const long = 'é🙂'.repeat(500); // 2- and 4-byte UTF-8, surrogate pairs in UTF-16
    const v = vectorFromArray([long], new Utf8());
    const cell = formatCell(v, 0, { ...CELL_FORMAT, maxStringChars: 10 });
    expect(cell).toMatchObject({ kind: 'string', text: 'é🙂é🙂é🙂é…', truncated: true, byteLength: 3000 });
    expect(isTruncated(cell)).toBe(true);
    expect(cellCopyText(v, 0)).toBe(long);
  });

  it('reads booleans with a bit offset (sliced vector)', () => {
    const v = vectorFromArray([true, false, null, true], new Bool()).slice(1);
    expect(texts(v)).toEqual(['false', 'NULL', 'true']);
  });

  it.each<[string, Vector, CellValue]>([
    [
      'short binary',
      vectorFromArray([Uint8Array.of(0, 15, 255)], new Binary()),
      { kind: 'binary', text: '00 0f ff', byteLength: 3, truncated: false },
    ],
    [
      'empty binary',
      vectorFromArray([new Uint8Array(0)], new Binary()),
      { kind: 'binary', text: '', byteLength: 0, truncated: false },
    ],
    [
      'long binary',
      vectorFromArray([new Uint8Array(100).fill(171)], new Binary()),
      {
        kind: 'binary',
        text: `${Array(12).fill('ab').join(' ')} … (100 B)`,
        byteLength: 100,
        truncated: true,
      },
    ],
    [
      'fixed size binary',
      makeVector(makeData({ type: new FixedSizeBinary(2), length: 2, data: Uint8Array.of(1, 2, 3, 4) })),
      { kind: 'binary', text: '01 02', byteLength: 2, truncated: false },
    ],
  ])('%s', (_name, vector, expected) => {
    expect(formatCell(vector, 0)).toEqual(expected);
  });
});

describe('formatCell: nested', () => {
  const strList = new List(new Field('item', new Utf8(), true));

  it('lists become chips with "+k more"; empty list and NULL list differ', () => {
    const v = vectorFromArray([['a', 'b', 'c', 'd', 'e', 'f'], [], null, ['x', null]], strList);
    const first = formatCell(v, 0);
    expect(first).toMatchObject({
      kind: 'list',
      length: 6,
      more: 2,
      text: '["a", "b", "c", "d", … +2 more]',
    });
    if (first.kind === 'list') expect(first.items.map((i) => i.text)).toEqual(['a', 'b', 'c', 'd']);
    expect(formatCell(v, 1)).toMatchObject({ kind: 'list', length: 0, more: 0, text: '[]' });
    expect(formatCell(v, 2)).toEqual({ kind: 'null', text: 'NULL' });
    expect(formatCell(v, 3).text).toBe('["x", null]');
    expect(cellCopyText(v, 0)).toBe('["a", "b", "c", "d", "e", "f"]');
  });

  it('structs and maps read compactly', () => {
    const struct = new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)]);
    const sv = vectorFromArray(
      [
        { a: 1, b: 'x' },
        { a: null, b: '' },
      ],
      struct,
    );
    expect(texts(sv)).toEqual(['{a: 1, b: "x"}', '{a: null, b: ""}']);

    const map = new Map_(
      new Field(
        'entries',
        new Struct<{ key: Utf8; value: Int32 }>([
          new Field('key', new Utf8(), false),
          new Field('value', new Int32(), true),
        ]),
      ),
    );
    const mv = vectorFromArray(
      [
        new Map([
          ['k', 1],
          ['j', 2],
        ]),
      ],
      map,
    );
    expect(formatCell(mv, 0)).toEqual({ kind: 'map', text: '{"k": 1, "j": 2}', size: 2, truncated: false });
  });

  it('fixed-size float lists are vectors: dim + a view of the values', () => {
    const type = new FixedSizeList(4, new Field('item', new Float32(), false));
    const child = makeData({
      type: new Float32(),
      length: 8,
      data: Float32Array.of(1, 2, 3, 4, 0.5, 0.25, 0, -1),
    });
    const v = makeVector(makeData({ type, length: 2, nullCount: 0, child }));
    const cell = formatCell(v, 1);
    expect(cell.kind).toBe('vector');
    if (cell.kind === 'vector') {
      expect(cell.dim).toBe(4);
      expect(cell.text).toBe('4-d');
      expect(Array.from(cell.values)).toEqual([0.5, 0.25, 0, -1]);
    }
    expect(fullText(formatCell(v, 0))).toBe('[1, 2, 3, 4]');
  });

  it('long variable float lists are vectors too; short ones are chips', () => {
    const type = new List(new Field('item', new Float64(), true));
    const v = vectorFromArray([Array.from({ length: 20 }, (_, i) => i / 10), [1.5, 2]], type);
    expect(formatCell(v, 0)).toMatchObject({ kind: 'vector', dim: 20 });
    expect(formatCell(v, 1)).toMatchObject({ kind: 'list', text: '[1.5, 2]' });
  });

  it('finds rows across chunks', () => {
    const a = vectorFromArray([1, 2], new Int32());
    const b = vectorFromArray([3], new Int32());
    const v = a.concat(b);
    expect(texts(v)).toEqual(['1', '2', '3']);
    expect(formatCell(v, 5)).toEqual({ kind: 'null', text: 'NULL' });
  });
});

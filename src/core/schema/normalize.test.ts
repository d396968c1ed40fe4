import { describe, expect, it } from 'vitest';
import {
  Field,
  Float16,
  Float32,
  Float64,
  List,
  Struct,
  Table,
  Utf8,
  makeData,
  makeVector,
  tableFromArrays,
  vectorFromArray,
  type Data,
  type DataType,
} from 'apache-arrow';
import {
  halfToFloat,
  normalizeTable,
  uniformListLength,
  widenFloat16Values,
  VectorShapeError,
} from './normalize';

function listData(rows: (number[] | null)[], child: DataType = new Float32()): Data {
  return vectorFromArray(rows, new List(new Field('element', child, true))).data[0] as Data;
}

function tableOf(columns: Record<string, Data>): Table {
  return new Table(Object.fromEntries(Object.entries(columns).map(([k, d]) => [k, makeVector(d)])));
}

describe('halfToFloat', () => {
  it.each([
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x3555, 0.333251953125],
    [0x0001, 2 ** -24],
    [0x7bff, 65504],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])('%i -> %d', (bits, value) => {
    expect(halfToFloat(bits)).toBe(value);
  });
  it('NaN stays NaN', () => {
    expect(Number.isNaN(halfToFloat(0x7e00))).toBe(true);
    expect(Array.from(widenFloat16Values(new Uint16Array([0x3c00, 0x7e00])))).toEqual([1, NaN]);
  });
});

describe('uniformListLength', () => {
  it.each<[string, (number[] | null)[], number | null]>([
    [
      'uniform',
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      3,
    ],
    ['ragged', [[1, 2], [3]], null],
    ['null row', [[1, 2], null], null],
    ['no rows', [], null],
  ])('%s', (_, rows, expected) => {
    expect(uniformListLength(listData(rows))).toBe(expected);
  });
  it('a null element is not a vector', () => {
    const data = vectorFromArray(
      [
        [1, null],
        [2, 3],
      ],
      new List(new Field('e', new Float32(), true)),
    ).data[0] as Data;
    expect(uniformListLength(data)).toBe(null);
  });
});

describe('normalizeTable', () => {
  it('adds __row from rowStart as the first Int64 column', () => {
    const t = normalizeTable(tableFromArrays({ a: new Int32Array([7, 8, 9]) }), {
      rowStart: 100,
      vectors: 'auto',
    });
    expect(t.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(['__row:Int64', 'a:Int32']);
    expect(Array.from(t.getChild('__row') ?? [])).toEqual([100n, 101n, 102n]);
  });

  it("renames columns to their keys; a file's own __row is renamed, never taken for the app's", () => {
    const t = normalizeTable(tableFromArrays({ __row: ['r2', 'r1'], b: new Int32Array([5, 6]) }), {
      rowStart: 0,
      vectors: 'auto',
    });
    expect(t.schema.fields.map((f) => f.name)).toEqual(['__row', '__row_1', 'b']);
    expect(Array.from(t.getChild('__row') ?? [])).toEqual([0n, 1n]);
    expect(Array.from(t.getChild('__row_1') ?? [])).toEqual(['r2', 'r1']);
  });

  it('takes keys from the caller, positionally; null drops a column', () => {
    const t = normalizeTable(tableFromArrays({ p: new Int32Array([1]), q: new Int32Array([2]) }), {
      rowStart: 0,
      vectors: 'auto',
      keys: [null, 'q_key'],
    });
    expect(t.schema.fields.map((f) => f.name)).toEqual(['__row', 'q_key']);
    expect(Array.from(t.getChild('q_key') ?? [])).toEqual([2]);
    expect(() =>
      normalizeTable(tableFromArrays({ p: new Int32Array([1]) }), { rowStart: 0, vectors: 'auto', keys: [] }),
    ).toThrow(/1 columns/);
  });

  it('widens Float16 at the top level and inside lists and structs', () => {
    const halfs = makeData({
      type: new Float16(),
      length: 2,
      nullCount: 0,
      data: new Uint16Array([0x3c00, 0xc000]),
    });
    const list = makeData({
      type: new List(new Field('e', new Float16(), true)),
      length: 1,
      nullCount: 0,
      valueOffsets: new Int32Array([0, 2]),
      child: halfs,
    });
    const struct = makeData({
      type: new Struct([new Field('h', new Float16(), true)]),
      length: 2,
      nullCount: 0,
      children: [halfs],
    });
    const t = normalizeTable(tableOf({ h: halfs }), { rowStart: 0, vectors: 'auto' });
    expect(String(t.schema.fields[1]?.type)).toBe('Float32');
    expect(Array.from(t.getChild('h') ?? [])).toEqual([1, -2]);
    const tl = normalizeTable(tableOf({ l: list }), { rowStart: 0, vectors: new Map() });
    expect(String(tl.schema.fields[1]?.type)).toBe('List<Float32>');
    expect(Array.from(tl.getChild('l')?.get(0) ?? [])).toEqual([1, -2]);
    const ts = normalizeTable(tableOf({ s: struct }), { rowStart: 0, vectors: 'auto' });
    expect(String(ts.schema.fields[1]?.type)).toBe('Struct<{h:Float32}>');
    expect(ts.getChild('s')?.get(1)?.h).toBe(-2);
  });

  it('turns a uniform float list into FixedSizeList<Float32>, reusing a Float32 child buffer', () => {
    const data = listData([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const t = normalizeTable(tableOf({ v: data }), { rowStart: 0, vectors: 'auto' });
    const col = t.getChild('v');
    expect(String(col?.type)).toBe('FixedSizeList[2]<Float32>');
    const childValues = col?.data[0]?.children[0]?.values as Float32Array;
    expect(Array.from(childValues)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(childValues.buffer).toBe((data.children[0] as Data).values.buffer);
  });

  it('casts Float64 vectors to Float32 and leaves ragged lists alone', () => {
    const t = normalizeTable(
      tableOf({
        v: listData(
          [
            [1.5, 2.5],
            [3, 4],
          ],
          new Float64(),
        ),
        r: listData([[1, 2], [3]]),
      }),
      { rowStart: 0, vectors: 'auto' },
    );
    expect(String(t.getChild('v')?.type)).toBe('FixedSizeList[2]<Float32>');
    expect(String(t.getChild('r')?.type)).toBe('List<Float32>');
  });

  it('honours an explicit plan and flags a row that breaks it', () => {
    const uniform = tableOf({ v: listData([[1, 2, 3]]) });
    expect(String(normalizeTable(uniform, { rowStart: 0, vectors: new Map() }).getChild('v')?.type)).toBe(
      'List<Float32>',
    );
    const ragged = tableOf({ v: listData([[1, 2, 3], [1]]) });
    expect(() => normalizeTable(ragged, { rowStart: 0, vectors: new Map([['v', 3]]) })).toThrow(
      VectorShapeError,
    );
  });

  it('keeps other columns untouched', () => {
    const input = new Table({
      s: vectorFromArray(['a', 'b']),
      f: vectorFromArray(new Float32Array([1, 2])),
      u: vectorFromArray(['x', 'y'], new Utf8()),
    });
    const t = normalizeTable(input, { rowStart: 0, vectors: 'auto' });
    for (const name of ['s', 'f', 'u'] as const) {
      expect(t.getChild(name)?.data[0]).toBe(input.getChild(name)?.data[0]);
    }
  });
});

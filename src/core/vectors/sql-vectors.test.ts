import { describe, expect, it } from 'vitest';
import {
  Field,
  FixedSizeList,
  Float16,
  Float32,
  Float64,
  Int32,
  LargeList,
  List,
  makeData,
  tableFromIPC,
  tableToIPC,
  type Data,
  type DataType,
} from 'apache-arrow';
import { sqlVectorStatements, sqlVectorTable, toSqlVectors } from './sql-vectors';

/** Rows as the tests write them: null is a NULL row, a number inside a row may be null (NULL element). */
type Row = (number | null)[] | null;

function bitmapOf(valid: boolean[]): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array((valid.length + 7) >> 3);
  valid.forEach((v, i) => {
    if (v) bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
  });
  return { bitmap, nulls: valid.filter((v) => !v).length };
}

function child(type: DataType, values: (number | null)[]): Data {
  const { bitmap, nulls } = bitmapOf(values.map((v) => v !== null));
  const raw = values.map((v) => v ?? 0);
  const data =
    type instanceof Float64
      ? Float64Array.from(raw)
      : type instanceof Float16
        ? Uint16Array.from(raw.map((v) => (v === 1 ? 0x3c00 : v === 2 ? 0x4000 : v === 0.5 ? 0x3800 : 0)))
        : type instanceof Int32
          ? Int32Array.from(raw)
          : Float32Array.from(raw);
  return makeData({
    type,
    length: values.length,
    nullCount: nulls,
    nullBitmap: nulls ? bitmap : undefined,
    data,
  } as never);
}

function list(kind: 'list' | 'large' | 'fixed', element: DataType, rows: Row[], size = 0): Data {
  const { bitmap, nulls } = bitmapOf(rows.map((r) => r !== null));
  const field = new Field('item', element, true);
  const nullBitmap = nulls ? bitmap : undefined;
  if (kind === 'fixed') {
    const flat = rows.flatMap((r) => r ?? new Array<number>(size).fill(0));
    return makeData({
      type: new FixedSizeList(size, field),
      length: rows.length,
      nullCount: nulls,
      nullBitmap,
      child: child(element, flat),
    } as never);
  }
  const offsets = [0];
  for (const r of rows) offsets.push((offsets.at(-1) as number) + (r?.length ?? 0));
  const flat = rows.flatMap((r) => r ?? []);
  return makeData({
    type: kind === 'list' ? new List(field) : new LargeList(field),
    length: rows.length,
    nullCount: nulls,
    nullBitmap,
    valueOffsets: kind === 'list' ? Int32Array.from(offsets) : BigInt64Array.from(offsets.map(BigInt)),
    child: child(element, flat),
  } as never);
}

/** What a FLOAT[d] batch holds, row by row (null: a NULL row). */
function rowsOf(data: Data<FixedSizeList<Float32>>): (number[] | null)[] {
  const dim = data.type.listSize;
  const values = (data.children[0] as Data<Float32>).values;
  return Array.from({ length: data.length }, (_, i) =>
    data.getValid(i) ? Array.from(values.subarray(i * dim, (i + 1) * dim)) : null,
  );
}

describe('toSqlVectors', () => {
  const f32 = new Float32();
  const cases: [string, Data, number, (number[] | null)[], number, number][] = [
    [
      'list<float32>, every row usable',
      list('list', f32, [
        [1, 2],
        [3, 4],
      ]),
      2,
      [
        [1, 2],
        [3, 4],
      ],
      0,
      0,
    ],
    ['a NULL row', list('list', f32, [[1, 2], null, [5, 6]]), 2, [[1, 2], null, [5, 6]], 1, 0],
    [
      'a NULL element makes the row NULL',
      list('list', f32, [
        [1, null],
        [3, 4],
      ]),
      2,
      [null, [3, 4]],
      1,
      0,
    ],
    [
      'a row of another length is NULL',
      list('list', f32, [[1, 2, 3], [3, 4], []]),
      2,
      [null, [3, 4], null],
      0,
      2,
    ],
    ['NaN and Infinity stay', list('list', f32, [[Number.NaN, Infinity]]), 2, [[Number.NaN, Infinity]], 0, 0],
    ['large_list<float64>', list('large', new Float64(), [[0.5, 1.5], null]), 2, [[0.5, 1.5], null], 1, 0],
    [
      'list<float16> widened',
      list('list', new Float16(), [
        [1, 0.5],
        [2, 1],
      ]),
      2,
      [
        [1, 0.5],
        [2, 1],
      ],
      0,
      0,
    ],
    ['fixed_size_list<float64>', list('fixed', new Float64(), [[1, 2], null], 2), 2, [[1, 2], null], 1, 0],
    ['fixed_size_list of another size', list('fixed', f32, [[1, 2, 3]], 3), 2, [null], 0, 1],
    ['fixed_size_list<float32> with a NULL element', list('fixed', f32, [[1, null]], 2), 2, [null], 1, 0],
  ];
  it.each(cases)('%s', (_name, data, dim, expected, nulls, wrongLength) => {
    const out = toSqlVectors(data, dim);
    expect(out.data.type.listSize).toBe(dim);
    expect(rowsOf(out.data)).toEqual(expected);
    expect([out.nulls, out.wrongLength]).toEqual([nulls, wrongLength]);
    expect(out.data.nullCount).toBe(expected.filter((r) => r === null).length);
  });

  it('passes a FixedSizeList<Float32> of the right size through without copying its floats', () => {
    const data = list('fixed', f32, [[1, 2], null, [5, 6]], 2);
    const out = toSqlVectors(data, 2);
    expect((out.data.children[0] as Data<Float32>).values.buffer).toBe(
      (data.children[0] as Data<Float32>).values.buffer,
    );
    expect(rowsOf(out.data)).toEqual([[1, 2], null, [5, 6]]);
  });

  it('reads a sliced batch from its own first row', () => {
    const data = list('list', f32, [[1, 2], null, [5, 6], [7, 8]]).slice(1, 2);
    expect(rowsOf(toSqlVectors(data, 2).data)).toEqual([null, [5, 6]]);
  });

  it('refuses a column that is not a list of floats', () => {
    expect(() => toSqlVectors(list('list', new Int32(), [[1, 2]]), 2)).toThrow(/not floats/);
    expect(() => toSqlVectors(child(f32, [1, 2]), 2)).toThrow(/not a list of floats/);
  });

  it('round-trips through Arrow IPC as (__row BIGINT, FixedSizeList<Float32>[d])', () => {
    const batch = toSqlVectors(list('list', f32, [[1, 2], null]), 2);
    const table = tableFromIPC(tableToIPC(sqlVectorTable(BigInt64Array.from([10n, 11n]), 'emb', batch)));
    expect(table.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
      ['__row', 'Int64'],
      ['emb', 'FixedSizeList[2]<Float32>'],
    ]);
    expect(table.getChild('__row')?.toArray()).toEqual(BigInt64Array.from([10n, 11n]));
    expect(table.getChild('emb')?.get(1)).toBeNull();
    expect(Array.from(table.getChild('emb')?.get(0) as Iterable<number>)).toEqual([1, 2]);
  });
});

describe('sqlVectorStatements', () => {
  const s = sqlVectorStatements({
    table: 'my "t"',
    column: 'emb"x',
    dim: 384,
    staging: 'my "t"__stage',
    building: 'my "t"__build',
  });
  const cases: [string, string][] = [
    [
      s.create,
      'CREATE TABLE "my ""t""__build" AS SELECT "my ""t""".*, CAST(NULL AS FLOAT[384]) AS "emb""x" FROM "my ""t""" LIMIT 0',
    ],
    [
      s.fill(0, 1000),
      'INSERT INTO "my ""t""__build" SELECT "my ""t""".*, "my ""t""__stage"."emb""x" FROM "my ""t""" LEFT JOIN "my ""t""__stage" ON "my ""t"""."__row" = "my ""t""__stage"."__row" WHERE "my ""t"""."__row" >= 0 AND "my ""t"""."__row" < 1000 ORDER BY "my ""t"""."__row"',
    ],
    [
      s.swap,
      'BEGIN TRANSACTION; DROP TABLE "my ""t"""; ALTER TABLE "my ""t""__build" RENAME TO "my ""t"""; COMMIT',
    ],
    [s.remove, 'ALTER TABLE "my ""t""" DROP COLUMN IF EXISTS "emb""x"'],
    [s.dropStaging, 'DROP TABLE IF EXISTS "my ""t""__stage"'],
  ];
  it.each(cases)('%s', (sql, expected) => {
    expect(sql).toBe(expected);
  });

  it('refuses a fill range that is not integers (they are spliced, not bound)', () => {
    expect(() => s.fill(0.5, 2)).toThrow();
    expect(() => s.fill(0, Number.NaN)).toThrow();
  });
});

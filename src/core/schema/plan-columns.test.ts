import { describe, expect, it } from 'vitest';
import {
  Binary,
  Field,
  FixedSizeList,
  Float16,
  Float32,
  Int64,
  List,
  TimestampMillisecond,
  Utf8,
  type DataType,
} from 'apache-arrow';
import { LONG_TEXT_AVG_BYTES, duckdbColumns, heavyColumns, planColumns, vectorDimsOf } from './plan-columns';

const f = (name: string, type: DataType) => new Field(name, type, true);
const floatList = new List(new Field('element', new Float32(), true));

describe('planColumns', () => {
  const rows = 1000;
  const fields = [
    f('memory_id', new Utf8()),
    f('content', new Utf8()),
    f('long_text', new Utf8()),
    f('embedding', new FixedSizeList(384, new Field('item', new Float16()))),
    f('emb_list', floatList),
    f('ragged', floatList),
    f('diff_data', new Binary()),
    f('n', new Int64()),
    f('created_at', new TimestampMillisecond('UTC')),
  ];
  const sizes = new Map([
    ['content', 200 * rows],
    ['long_text', (LONG_TEXT_AVG_BYTES + 1) * rows],
  ]);
  const plan = planColumns(fields, { rows, uncompressedBytes: sizes }, new Map([['emb_list', 16]]));
  const byName = new Map(plan.map((p) => [p.name, p]));

  it.each([
    ['memory_id', 'duckdb', 'id', 'Utf8'],
    ['content', 'duckdb', 'text', 'Utf8'],
    ['long_text', 'heavy', 'text', 'Utf8'],
    ['embedding', 'heavy', 'embedding', 'FixedSizeList[384]<Float32>'],
    ['emb_list', 'heavy', 'embedding', 'FixedSizeList[16]<Float32>'],
    ['ragged', 'duckdb', 'other', 'List<Float32>'],
    ['diff_data', 'heavy', 'diff', 'Binary'],
    ['n', 'duckdb', 'other', 'Int64'],
  ])('%s -> %s (%s, %s)', (name, destination, role, arrowType) => {
    const p = byName.get(name);
    expect(p?.destination).toBe(destination);
    expect(p?.role).toBe(role);
    expect(p?.arrowType).toBe(arrowType);
    expect(p?.reason.length).toBeGreaterThan(5);
  });

  it.each([
    ['created_at', 'timestamp[ms, UTC]'],
    ['embedding', 'float32[384]'],
    ['memory_id', 'string'],
    ['n', 'int64'],
    ['diff_data', 'binary'],
  ])("%s is shown as %s (the file's type, as every view writes types)", (name, label) => {
    expect(byName.get(name)?.typeLabel).toBe(label);
  });

  it('gives vector dimensions and splits columns by destination', () => {
    expect(byName.get('embedding')?.vectorDim).toBe(384);
    expect([...vectorDimsOf(plan)]).toEqual([
      ['embedding', 384],
      ['emb_list', 16],
    ]);
    expect(duckdbColumns(plan)).toEqual(['memory_id', 'content', 'ragged', 'n', 'created_at']);
    expect(heavyColumns(plan)).toEqual(['long_text', 'embedding', 'emb_list', 'diff_data']);
  });

  it('keeps strings in DuckDB when the footer has no size for them', () => {
    const [p] = planColumns([f('content', new Utf8())], { rows: 0, uncompressedBytes: new Map() });
    expect(p?.destination).toBe('duckdb');
  });
});

import { describe, expect, it } from 'vitest';
import type { ColumnPlan } from '../schema/column-plan';
import { rowOrigin, rowsByFile, spanStarts, storeHeavyPlans } from './row-origin';

// Three files of 3, 0 and 2 rows: store rows 0–2 are the first file's, 3–4 the third's.
const starts = spanStarts([{ rowCount: 3 }, { rowCount: 0 }, { rowCount: 2 }]);

describe('spanStarts', () => {
  it.each([
    [[], [0]],
    [[{ rowCount: 4 }], [0, 4]],
    [
      [{ rowCount: 3 }, { rowCount: 0 }, { rowCount: 2 }],
      [0, 3, 3, 5],
    ],
  ])('%j → %j', (spans, expected) => {
    expect(spanStarts(spans)).toEqual(expected);
  });
});

describe('rowOrigin', () => {
  it.each([
    [0, { file: 0, fileRow: 0 }],
    [2, { file: 0, fileRow: 2 }],
    // The empty second file holds no row: its start is the third file's.
    [3, { file: 2, fileRow: 0 }],
    [4, { file: 2, fileRow: 1 }],
    [5, null],
    [-1, null],
    [1.5, null],
    [Number.NaN, null],
  ])('store row %d → %j', (row, expected) => {
    expect(rowOrigin(starts, row)).toEqual(expected);
  });

  it('is null for every row of a store with no rows', () => {
    expect(rowOrigin(spanStarts([]), 0)).toBe(null);
    expect(rowOrigin(spanStarts([{ rowCount: 0 }]), 0)).toBe(null);
  });
});

describe('rowsByFile', () => {
  it.each([
    [[], []],
    [
      [4, 0, 3, 2, 9],
      [
        [2, [1, 0]],
        [0, [0, 2]],
      ],
    ],
  ])('%j → %j (files in order of first row, rows outside the store left out)', (rows, expected) => {
    expect([...rowsByFile(starts, rows)]).toEqual(expected);
  });
});

describe('storeHeavyPlans', () => {
  const plan = (name: string, extra: Partial<ColumnPlan> = {}): ColumnPlan =>
    ({ name, label: name, arrowType: 'Binary', destination: 'heavy', role: 'other', ...extra }) as ColumnPlan;
  const vec = (name: string, dim: number) =>
    plan(name, { arrowType: `FixedSizeList[${dim}]<Float32>`, vectorDim: dim, role: 'embedding' });

  it.each<[string, ColumnPlan[][], { name: string; vectorDim?: number; typeLabel?: string }[]]>([
    ['no file has heavy columns', [[plan('id', { destination: 'duckdb' })], []], []],
    [
      'each key once, in order of first appearance, DuckDB columns left out',
      [
        [plan('id', { destination: 'duckdb' }), vec('embedding', 4)],
        [plan('diff_data'), vec('Embedding', 4)],
      ],
      [{ name: 'embedding', vectorDim: 4 }, { name: 'diff_data' }],
    ],
    [
      'a vector column of two dimensions keeps none',
      [[vec('embedding', 4)], [vec('embedding', 8)]],
      [{ name: 'embedding', typeLabel: 'vector' }],
    ],
  ])('%s', (_what, files, expected) => {
    const plans = storeHeavyPlans(files);
    expect(plans.map((p) => ({ name: p.name, vectorDim: p.vectorDim, typeLabel: p.typeLabel }))).toEqual(
      expected.map((e) => ({ vectorDim: undefined, typeLabel: undefined, ...e })),
    );
  });
});

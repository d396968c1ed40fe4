import { describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { Int32, tableFromArrays } from 'apache-arrow';
import { columnChoices, columnLabel, withColumnLabels, type GridSource } from './grid-source';

describe('columnChoices', () => {
  const cases: { name: string; columns: { name: string; label?: string }[]; choices: string[] }[] = [
    { name: 'keys alone', columns: [{ name: 'a' }, { name: 'b' }], choices: ['a', 'b'] },
    { name: 'unique labels', columns: [{ name: 'A' }, { name: 'a_1', label: 'a' }], choices: ['A', 'a'] },
    {
      name: 'a repeated label says its key',
      columns: [{ name: 'x' }, { name: 'x_1', label: 'x' }],
      choices: ['x · x', 'x · x_1'],
    },
    { name: 'an empty label', columns: [{ name: 'column2', label: '' }], choices: ['(no name) · column2'] },
  ];
  for (const c of cases) it(c.name, () => expect(columnChoices(c.columns)).toEqual(c.choices));
});

describe('withColumnLabels', () => {
  const source: GridSource = {
    key: 'k',
    rowCount: 1,
    columns: [
      { name: 'A', type: new Int32() },
      { name: 'a_1', type: new Int32() },
    ],
    fetchRows: () => Promise.resolve(tableFromArrays({ A: new Int32Array([1]) }) as Table),
  };
  it('labels the columns whose file name differs, keeping key and rows', async () => {
    const labelled = withColumnLabels(source, new Map([['a_1', 'a']]));
    expect(labelled.columns.map(columnLabel)).toEqual(['A', 'a']);
    expect(labelled.columns.map((c) => c.name)).toEqual(['A', 'a_1']);
    expect(labelled.key).toBe('k');
    expect((await labelled.fetchRows(0, 1)).numRows).toBe(1);
  });
  it('is the same source when nothing differs', () => {
    expect(withColumnLabels(source, new Map([['A', 'A']]))).toBe(source);
  });
  it('carries the types as the file has them', () => {
    const typed = withColumnLabels(source, new Map(), new Map([['A', 'timestamp[ms, UTC]']]));
    expect(typed.columns.map((c) => c.typeLabel)).toEqual(['timestamp[ms, UTC]', undefined]);
    expect(withColumnLabels(typed, new Map(), new Map([['A', 'timestamp[ms, UTC]']]))).toBe(typed);
  });
});

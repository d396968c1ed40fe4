import { describe, expect, it } from 'vitest';
import { Field, FixedSizeList, Float32, Float64, List, vectorFromArray } from 'apache-arrow';
import { valueAt } from './heavy-store';

describe('valueAt on a ragged float list (kept heavy, not a fixed-size vector)', () => {
  const column = vectorFromArray(
    [[1.5, -2, 3], [0.25], null, []],
    new List(new Field('item', new Float64(), true)),
  );

  it.each([
    [0, [1.5, -2, 3]],
    [1, [0.25]],
    [3, []],
  ])('row %i becomes a Float32Array of that row only', (row, expected) => {
    const value = valueAt(column, row);
    expect(value).toBeInstanceOf(Float32Array);
    expect(Array.from(value as Float32Array)).toEqual(expected);
  });

  it('a null row stays null', () => {
    expect(valueAt(column, 2)).toBeNull();
  });
});

describe('valueAt on a fixed-size vector column', () => {
  // Three 2-d vectors; a slice from row 1 (apache-arrow slices the child with it) and two chunks.
  const column = vectorFromArray(
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    new FixedSizeList(2, new Field('item', new Float32(), false)),
  );
  it.each([
    ['the whole column, row 2', column, 2, [5, 6]],
    ['a slice from row 1, its row 0', column.slice(1), 0, [3, 4]],
    ['a slice from row 1, its row 1', column.slice(1), 1, [5, 6]],
    ['two chunks, row 2', column.slice(0, 1).concat(column.slice(1)), 2, [5, 6]],
  ])('%s', (_name, v, row, expected) => {
    expect(Array.from(valueAt(v, row) as Float32Array)).toEqual(expected);
  });
});

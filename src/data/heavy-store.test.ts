import { describe, expect, it } from 'vitest';
import { Field, Float64, List, vectorFromArray } from 'apache-arrow';
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

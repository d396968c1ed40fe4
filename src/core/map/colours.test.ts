import { describe, expect, it } from 'vitest';
import { codePalette, codesByRow, hideCodes, legendEntries, OTHER_CODE, pointCodes } from './colours';

describe('codesByRow', () => {
  it.each([
    ['one chunk', [[0, 1, 2]], [[1, 2, 1]], 3, [1, 2, 1]],
    ['two chunks, out of order', [[2], [0, 1]], [[3], [1, 0]], 3, [1, 0, 3]],
    ['bigint rows, rows beyond the count ignored', [[0n, 5n]], [[2, 2]], 2, [2, 0]],
    ['a row not answered stays Other', [[1]], [[4]], 3, [OTHER_CODE, 4, OTHER_CODE]],
  ])('%s', (_name, rows, codes, n, want) => {
    expect(Array.from(codesByRow(rows, codes, n))).toEqual(want);
  });
});

describe('pointCodes', () => {
  const byRow = Uint16Array.from([1, 2, 0, 2, 9]);
  it.each([
    ['every point', [0, 1, 2, 3], 3, [1, 2, 0, 2], [1, 1, 2]],
    ['a subset in another order', [3, 0], 3, [2, 1], [0, 1, 1]],
    ['a code beyond the legend counts as Other', [4], 3, [0], [1, 0, 0]],
    ['a row beyond the table counts as Other', [7], 3, [0], [1, 0, 0]],
  ])('%s', (_name, rows, n, codes, counts) => {
    const got = pointCodes(byRow, Float64Array.from(rows), n);
    expect(Array.from(got.codes)).toEqual(codes);
    expect(Array.from(got.counts)).toEqual(counts);
  });

  it('counts sum to the points', () => {
    const rows = Float64Array.from({ length: 1000 }, (_, i) => i % 5);
    const { counts } = pointCodes(byRow, rows, 3);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
  });
});

describe('legendEntries', () => {
  it.each([
    [
      'most points first, then Other with how many values it holds',
      ['a', 'b', null],
      [4, 1, 7, 2],
      12,
      [
        { label: 'b', code: 2, count: 7 },
        { label: null, code: 3, count: 2 },
        { label: 'a', code: 1, count: 1 },
        { label: 'Other (12 values)', code: 0, count: 4, other: true },
      ],
    ],
    [
      'values without points are left out; no Other',
      ['a', 'b'],
      [0, 0, 3],
      0,
      [{ label: 'b', code: 2, count: 3 }],
    ],
    [
      'ties keep value order',
      ['a', 'b'],
      [0, 2, 2],
      0,
      [
        { label: 'a', code: 1, count: 2 },
        { label: 'b', code: 2, count: 2 },
      ],
    ],
  ])('%s', (_name, values, counts, otherValues, want) => {
    expect(legendEntries(values, Uint32Array.from(counts), otherValues)).toEqual(want);
  });
});

describe('codePalette', () => {
  it.each([
    ['values take the palette in order; Other its own', 3, [10, 20], 99, undefined, [99, 10, 20, 10]],
    ['one colour for all', 2, [10, 20], 99, 7, [7, 7, 7]],
    ['an empty palette falls back to Other', 1, [], 99, undefined, [99, 99]],
  ])('%s', (_name, n, palette, other, single, want) => {
    expect(Array.from(codePalette(n, palette, other, single))).toEqual(want);
  });
});

describe('hideCodes', () => {
  const colours = Uint32Array.from([1, 2, 3]);
  it.each([
    ['nothing hidden: the same palette', [], [1, 2, 3]],
    ['hidden codes become transparent', [0, 2], [0, 2, 0]],
    ['codes beyond the palette are ignored', [7], [1, 2, 3]],
  ])('%s', (_name, hidden, want) => {
    expect(Array.from(hideCodes(colours, new Set(hidden)))).toEqual(want);
  });

  it('leaves the palette it was given alone', () => {
    hideCodes(colours, new Set([1]));
    expect(Array.from(colours)).toEqual([1, 2, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import type { FacetSelection } from '../sql/facet-query';
import type { Bins } from '../sql/histogram-bins';
import {
  ABOVE_BINS,
  BELOW_BINS,
  NO_BIN,
  compareCodePoints,
  compileSelections,
  crossfilterCounts,
  topCounts,
  type FacetCube,
} from './crossfilter';
import { Utf8Dictionary } from './utf8-dictionary';

// Five rows, counted by hand:
//   row  category  entities     score bin
//   0    a         [x, y]       0
//   1    b         [x]          1
//   2    a         []           ABOVE (NaN or +inf)
//   3    NULL      [y, y, NULL] BELOW (−inf)
//   4    b         [z]          NO_BIN (NULL)
const scoreBins: Bins = { scale: 'number', loUnits: 0, widthUnits: 5, divisor: 10, count: 2 };
const cube: FacetCube = {
  rows: 5,
  dimensions: [
    { column: 'category', kind: 'value', codes: Int32Array.of(0, 1, 0, -1, 1), dictionary: ['a', 'b'] },
    {
      column: 'entities',
      kind: 'list',
      offsets: Int32Array.of(0, 2, 3, 3, 6, 7),
      codes: Int32Array.of(0, 1, 0, 1, 1, -1, 2),
      dictionary: ['x', 'y', 'z'],
    },
    {
      column: 'score',
      kind: 'range',
      bins: scoreBins,
      codes: Int16Array.of(0, 1, ABOVE_BINS, BELOW_BINS, NO_BIN),
    },
  ],
};
const score = (lo: number | null, hi: number | null): FacetSelection => ({
  column: 'score',
  kind: 'range',
  scale: 'number',
  lo,
  hi,
});

describe('crossfilterCounts', () => {
  const cases: [string, FacetSelection[], Uint8Array | null, number[][]][] = [
    [
      'no selection',
      [],
      null,
      [
        [2, 2],
        [2, 3, 1],
        [1, 1],
      ],
    ],
    // Each facet leaves its own selection out: category still counts b.
    [
      'category a',
      [{ column: 'category', kind: 'value', values: ['a'] }],
      null,
      [
        [2, 2],
        [1, 1, 0],
        [1, 0],
      ],
    ],
    [
      'a value no row has',
      [{ column: 'category', kind: 'value', values: ['c'] }],
      null,
      [
        [2, 2],
        [0, 0, 0],
        [0, 0],
      ],
    ],
    // A list selection wants every value; a repeated element counts twice, as unnest does.
    [
      'entities x and y',
      [{ column: 'entities', kind: 'list', values: ['x', 'y'] }],
      null,
      [
        [1, 0],
        [2, 3, 1],
        [1, 0],
      ],
    ],
    [
      'entity y',
      [{ column: 'entities', kind: 'list', values: ['y'] }],
      null,
      [
        [1, 0],
        [2, 3, 1],
        [1, 0],
      ],
    ],
    // [0.5, ∞): bin 1 and ABOVE (NaN, +inf); (−∞, 0.5): bin 0 and BELOW; NULL in neither.
    [
      'score from 0.5',
      [score(0.5, null)],
      null,
      [
        [1, 1],
        [1, 0, 0],
        [1, 1],
      ],
    ],
    [
      'score below 0.5',
      [score(null, 0.5)],
      null,
      [
        [1, 0],
        [1, 3, 0],
        [1, 1],
      ],
    ],
    [
      'score [0, 1)',
      [score(0, 1)],
      null,
      [
        [1, 1],
        [2, 1, 0],
        [1, 1],
      ],
    ],
    [
      'two selections: a row failing both counts nowhere',
      [{ column: 'category', kind: 'value', values: ['b'] }, score(0, 0.5)],
      null,
      [
        [1, 0],
        [0, 0, 0],
        [0, 1],
      ],
    ],
    [
      'the filter bar keeps rows 1 and 3',
      [],
      Uint8Array.of(0, 1, 0, 1, 0),
      [
        [0, 1],
        [1, 2, 0],
        [0, 1],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, selections, base, expected) => {
    const predicates = compileSelections(cube, selections);
    expect(predicates).not.toBeNull();
    expect(crossfilterCounts(cube, predicates!, base).map((c) => Array.from(c))).toEqual(expected);
  });
  // A cube reuses its working arrays from one count to the next: no count may see the last one's.
  it('gives every case its own counts when they run one after another on one cube, in both orders', () => {
    const shared: FacetCube = { ...cube };
    for (const order of [cases, [...cases].reverse()]) {
      for (const [name, selections, base, expected] of order) {
        const counts = crossfilterCounts(shared, compileSelections(shared, selections)!, base);
        expect([name, counts.map((c) => Array.from(c))]).toEqual([name, expected]);
      }
    }
  });
});

describe('compileSelections', () => {
  const cases: [string, FacetSelection[], boolean][] = [
    ['bin edges', [score(0, 1)], true],
    ['a bound inside a bin', [score(0.25, 1)], false],
    ['another scale', [{ column: 'score', kind: 'range', scale: 'integer', lo: 0n, hi: null }], false],
    ['a column the cube does not hold', [{ column: 'topic', kind: 'value', values: ['x'] }], false],
    ['a list selection on a value column', [{ column: 'category', kind: 'list', values: ['a'] }], false],
  ];
  it.each(cases)('%s', (_name, selections, answered) => {
    expect(compileSelections(cube, selections) !== null).toBe(answered);
  });
});

describe('topCounts', () => {
  const dictionary = ['beta', 'Alpha', 'alpha', 'zeta', 'Éclair'];
  const counts = Int32Array.of(3, 3, 5, 0, 3);
  const cases: [string, number, string, { value: string; count: number }[] | null][] = [
    [
      'count descending, then value in byte order; no zero counts',
      10,
      '',
      [
        { value: 'alpha', count: 5 },
        { value: 'Alpha', count: 3 },
        { value: 'beta', count: 3 },
        { value: 'Éclair', count: 3 },
      ],
    ],
    [
      'a limit',
      2,
      '',
      [
        { value: 'alpha', count: 5 },
        { value: 'Alpha', count: 3 },
      ],
    ],
    // A non-ASCII value under a search: DuckDB's ILIKE folds it its own way.
    ['a search with non-ASCII values about', 10, 'AL', null],
  ];
  it.each(cases)('%s', (_name, limit, search, expected) => {
    expect(topCounts(counts, dictionary, limit, search)).toEqual(expected);
  });

  it('searches ASCII values ignoring case', () => {
    expect(topCounts(Int32Array.of(1, 2, 3), ['Alpha', 'alps', 'beta'], 10, ' aL ')).toEqual([
      { value: 'alps', count: 2 },
      { value: 'Alpha', count: 1 },
    ]);
  });
});

describe('compareCodePoints', () => {
  const cases: [string, string, number][] = [
    ['a', 'b', -1],
    ['B', 'a', -1],
    ['ab', 'a', 1],
    // U+FF5E sorts below U+1F600 by code point (and in UTF-8), above it in UTF-16 units.
    ['\uff5e', '\u{1f600}', -1],
  ];
  it.each(cases)('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(sign);
  });
});

describe('Utf8Dictionary', () => {
  it('codes values in first-seen order, across growth, and finds them by text', () => {
    const dict = new Utf8Dictionary();
    const enc = new TextEncoder();
    const words = Array.from({ length: 300 }, (_, i) => `w${i % 150}-é`);
    const codes = words.map((w) => {
      const b = enc.encode(w);
      return dict.code(b, 0, b.length);
    });
    expect(dict.size).toBe(150);
    expect(codes.slice(0, 3)).toEqual([0, 1, 2]);
    expect(codes[150]).toBe(0);
    expect(dict.values[149]).toBe('w149-é');
    expect(dict.codeOf('w42-é')).toBe(42);
    expect(dict.codeOf('w42')).toBe(-1);
  });
});

import { describe, expect, it } from 'vitest';
import {
  combinedOutcome,
  coverageText,
  keepScores,
  singleOutcome,
  type FileSearch,
} from './combined-results';

const file = (over: Partial<FileSearch>): FileSearch => ({
  rows: new Float64Array(),
  scores: new Float64Array(),
  covered: 0,
  total: 0,
  searched: 0,
  skipped: 0,
  ...over,
});

const a = file({
  rows: Float64Array.of(4, 1),
  scores: Float64Array.of(0.9, 0.5),
  covered: 10,
  total: 10,
  searched: 8,
  skipped: 2,
  allScores: Float32Array.of(0.9, 0.5, 0.1),
});
const b = file({
  rows: Float64Array.of(7),
  scores: Float64Array.of(0.7),
  covered: 3,
  total: 5,
  searched: 3,
  skipped: 0,
  allScores: Float32Array.of(0.7, -0.2),
});
const hits = [
  { fileName: 'a.parquet', row: 4, score: 0.9 },
  { fileName: 'b.parquet', row: 7, score: 0.7 },
  { fileName: 'a.parquet', row: 1, score: 0.5 },
];

describe('combinedOutcome', () => {
  it('keeps the merged ranking with its files, sums the counts, joins every score', () => {
    const o = combinedOutcome(hits, [
      { fileName: 'a.parquet', result: a },
      { fileName: 'b.parquet', result: b },
    ]);
    expect(Array.from(o.rows)).toEqual([4, 7, 1]);
    expect(Array.from(o.scores)).toEqual([0.9, 0.7, 0.5]);
    expect(o.files).toEqual(['a.parquet', 'b.parquet', 'a.parquet']);
    expect(o).toMatchObject({ fileCount: 2, covered: 13, total: 15, searched: 11, skipped: 2 });
    expect(Array.from(o.allScores ?? [])).toEqual(Array.from(Float32Array.of(0.9, 0.5, 0.1, 0.7, -0.2)));
  });

  it.each([
    ['a file without scores: no histogram', [a, file({})]],
    ['no files', []],
  ])('%s', (_name, results) => {
    const o = combinedOutcome(
      [],
      results.map((result, i) => ({ fileName: `${i}.parquet`, result })),
    );
    expect(o.allScores).toBeUndefined();
  });
});

describe('keepScores', () => {
  it('keeps the results in range with their files', () => {
    const o = keepScores(
      combinedOutcome(hits, [
        { fileName: 'a.parquet', result: a },
        { fileName: 'b.parquet', result: b },
      ]),
      (s) => s < 0.8,
    );
    expect(Array.from(o.rows)).toEqual([7, 1]);
    expect(o.files).toEqual(['b.parquet', 'a.parquet']);
  });
  it('one file: no files', () => {
    expect(keepScores(singleOutcome(a), (s) => s > 0.6).files).toBeNull();
  });
});

describe('coverageText', () => {
  const several = combinedOutcome(hits, [
    { fileName: 'a.parquet', result: a },
    { fileName: 'b.parquet', result: b },
  ]);
  it.each([
    [
      'one file, a row query',
      singleOutcome(a),
      { row: 4, fileName: 'a.parquet' },
      '2 results for memory m (row 4 is the query, shown first); searched 8 vectors, covering 10 of 10 rows.',
    ],
    [
      'one file, a vector',
      singleOutcome(b),
      null,
      '1 result for memory m; searched 3 vectors, covering 3 of 5 rows.',
    ],
    [
      'several files: how many, and the bad vectors',
      several,
      { row: 4, fileName: 'a.parquet' },
      '3 results for memory m (row 4 of a.parquet is the query, shown first); searched 11 vectors in 2 files, covering 13 of 15 rows; 2 rows skipped as bad vectors.',
    ],
  ])('%s', (_name, outcome, query, text) => {
    expect(coverageText(outcome, 'memory m', query)).toBe(text);
  });
});

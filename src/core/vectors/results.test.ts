import { describe, expect, it } from 'vitest';
import { countInRange, csvField, resultsCsv, scoreHistogram } from './results';

describe('scoreHistogram', () => {
  it.each([
    { scores: [0, 0.5, 1], bins: 2, want: [1, 2] },
    { scores: [0.2, 0.2, 0.2], bins: 3, want: [3, 0, 0] },
    { scores: [-1, Number.NaN, 1, 0.99], bins: 4, want: [1, 0, 0, 2] },
    { scores: [], bins: 4, want: [] },
  ])('$scores in $bins bins → $want', ({ scores, bins, want }) => {
    const h = scoreHistogram(Float32Array.from(scores), bins);
    expect(h.map((b) => b.count)).toEqual(want);
    if (h.length) expect(h.reduce((n, b) => n + b.count, 0)).toBe(scores.filter(Number.isFinite).length);
  });

  it('counts a closed range', () => {
    expect(countInRange(Float64Array.of(0.1, 0.5, 0.8, 0.9), 0.5, 0.8)).toBe(2);
  });
});

describe('CSV', () => {
  it.each([
    ['text', 'plain', 'plain'],
    ['comma', 'a,b', '"a,b"'],
    ['quote', 'say "hi"', '"say ""hi"""'],
    ['newline', 'two\nlines', '"two\nlines"'],
    ['null', null, ''],
    ['bigint', 12345678901234567890n, '12345678901234567890'],
    ['number', 0.25, '0.25'],
  ] as const)('%s', (_name, value, want) => expect(csvField(value)).toBe(want));

  it('has a header row, then one line per result', () => {
    const csv = resultsCsv(2, [
      { name: 'rank', value: (i) => i + 1 },
      { name: 'score', value: (i) => [0.9, 0.8][i] },
      { name: 'memory_id', value: (i) => ['a', 'b,c'][i] },
    ]);
    expect(csv).toBe('rank,score,memory_id\r\n1,0.9,a\r\n2,0.8,"b,c"\r\n');
  });
});

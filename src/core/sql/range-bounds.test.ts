import { describe, expect, it } from 'vitest';
import type { RangeBound, RangeScale } from './facet-query';
import { formatRangeBound, formatRangeSelection, parseRangeBound, rangeFromText } from './range-bounds';

describe('formatRangeBound', () => {
  const cases: [RangeScale, RangeBound, string][] = [
    ['time', Date.UTC(2026, 0, 2), '2026-01-02'],
    ['time', Date.UTC(2026, 0, 2, 15, 30), '2026-01-02 15:30'],
    ['time', Date.UTC(2026, 0, 2, 15, 30, 5), '2026-01-02 15:30:05'],
    ['time', Date.UTC(2026, 0, 2, 0, 0, 0, 7), '2026-01-02 00:00:00.007'],
    ['integer', 9007199254740993n, '9007199254740993'],
    ['number', 0.35, '0.35'],
  ];
  it.each(cases)('%s %s → %s', (scale, bound, text) => expect(formatRangeBound(scale, bound)).toBe(text));

  it('a chip reads column: from – to, open sides as …', () => {
    const lo = Date.UTC(2026, 0, 2);
    const hi = Date.UTC(2026, 1, 1);
    expect(formatRangeSelection('created_at', { column: 'c', kind: 'range', scale: 'time', lo, hi })).toBe(
      'created_at: 2026-01-02 – 2026-02-01',
    );
    expect(
      formatRangeSelection('importance', { column: 'c', kind: 'range', scale: 'number', lo: null, hi: 0.5 }),
    ).toBe('importance: … – 0.5');
  });
});

describe('parseRangeBound', () => {
  const good: [RangeScale, string, RangeBound][] = [
    ['time', '2026-01-02', Date.UTC(2026, 0, 2)],
    ['time', ' 2026-1-2 ', Date.UTC(2026, 0, 2)],
    ['time', '2026-01-02 15:30', Date.UTC(2026, 0, 2, 15, 30)],
    ['time', '2026-01-02T15:30:05.25Z', Date.UTC(2026, 0, 2, 15, 30, 5, 250)],
    ['time', '2026-01-02 15:30+02:00', Date.UTC(2026, 0, 2, 13, 30)],
    ['time', '2026-01-02 15:30-0130', Date.UTC(2026, 0, 2, 17, 0)],
    ['integer', '9007199254740993', 9007199254740993n],
    ['integer', '-4', -4n],
    ['number', '0.35', 0.35],
    ['number', '-1e3', -1000],
  ];
  it.each(good)('%s “%s”', (scale, text, bound) =>
    expect(parseRangeBound('c', scale, text)).toEqual({ bound }),
  );

  const bad: [RangeScale, string, RegExp][] = [
    ['time', 'yesterday', /write it as 2026-01-31/],
    ['time', '2023-02-29', /write it as/],
    ['time', '2026-01-02 25:00', /write it as/],
    ['integer', '2.5', /not a whole number; c holds integers/],
    ['integer', '', /not a whole number/],
    ['number', 'abc', /not a number/],
    ['number', '1e400', /not a number/],
  ];
  it.each(bad)('%s “%s” is refused', (scale, text, message) => {
    const parsed = parseRangeBound('c', scale, text);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});

describe('rangeFromText', () => {
  const cases: [string, string, string, ReturnType<typeof rangeFromText>][] = [
    ['both', '2026-01-02', '2026-02-01', { range: { lo: Date.UTC(2026, 0, 2), hi: Date.UTC(2026, 1, 1) } }],
    ['only from', '2026-01-02', ' ', { range: { lo: Date.UTC(2026, 0, 2), hi: null } }],
    ['neither', '', '', { range: null }],
    [
      'empty range',
      '2026-02-01',
      '2026-01-02',
      { error: 'The range of c is empty: “from” must be below “to”.' },
    ],
  ];
  it.each(cases)('%s', (_name, from, to, result) =>
    expect(rangeFromText('c', 'time', from, to)).toEqual(result),
  );
  it('passes on a bad side', () => expect(rangeFromText('c', 'time', 'x', '')).toHaveProperty('error'));
});

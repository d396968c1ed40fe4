import { describe, expect, it } from 'vitest';
import { binEdge, binOf, binWidthLabel, niceBins, niceStep, type Bins } from './histogram-bins';
import type { RangeBound, RangeScale } from './facet-query';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('niceStep: the smallest 1, 2 or 5 × 10^k at or above', () => {
  const cases: [number, [number, number]][] = [
    [0.025, [5, -2]],
    [10.05, [2, 1]],
    [1, [1, 0]],
    [0.1, [1, -1]],
    [3, [5, 0]],
    [1000, [1, 3]],
    [6e-7, [1, -6]],
    [5.0000001, [1, 1]],
  ];
  it.each(cases)('%s → %j', (rough, step) => expect(niceStep(rough)).toEqual(step));
});

describe('niceBins', () => {
  const cases: [string, RangeScale, RangeBound, RangeBound, Bins, { dateOnly?: boolean }?][] = [
    [
      'importance 0..1: steps of 0.05, 1 in the last bin',
      'number',
      0,
      1,
      { scale: 'number', loUnits: 0, widthUnits: 5, divisor: 100, count: 21 },
    ],
    [
      '0.013..0.987',
      'number',
      0.013,
      0.987,
      { scale: 'number', loUnits: 0, widthUnits: 5, divisor: 100, count: 20 },
    ],
    [
      'negative numbers: lo at the edge below',
      'number',
      -3.2,
      7.9,
      { scale: 'number', loUnits: -35, widthUnits: 5, divisor: 10, count: 23 },
    ],
    ['one value', 'number', 5, 5, { scale: 'number', loUnits: 50, widthUnits: 5, divisor: 10, count: 1 }],
    [
      'large numbers: whole steps',
      'number',
      0,
      1e6,
      { scale: 'number', loUnits: 0, widthUnits: 50_000, divisor: 1, count: 21 },
    ],
    [
      'access_count 0..402: steps of 20',
      'integer',
      0,
      402,
      { scale: 'integer', lo: 0n, width: 20n, count: 21 },
    ],
    ['few integers: steps of 1', 'integer', 3, 7, { scale: 'integer', lo: 3n, width: 1n, count: 5 }],
    [
      'negative integers floor down',
      'integer',
      -7n,
      93n,
      { scale: 'integer', lo: -10n, width: 5n, count: 21 },
    ],
    [
      'integers past 2^53, exact',
      'integer',
      9007199254740993n,
      9007199254741993n,
      { scale: 'integer', lo: 9007199254740950n, width: 50n, count: 21 },
    ],
    [
      'the sample: 34 calendar months',
      'time',
      Date.UTC(2024, 0, 1),
      Date.UTC(2026, 9, 30, 17),
      { scale: 'time', unit: 'month', lo: 2024 * 12, width: 1, count: 34 },
    ],
    [
      'three days: 3-hour steps',
      'time',
      Date.UTC(2026, 0, 1, 0, 40),
      Date.UTC(2026, 0, 3, 23),
      { scale: 'time', unit: 'ms', lo: Date.UTC(2026, 0, 1), width: 3 * HOUR, count: 24 },
    ],
    [
      'an hour: 5-minute steps',
      'time',
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 0, 1, 1),
      { scale: 'time', unit: 'ms', lo: Date.UTC(2026, 0, 1), width: 5 * 60_000, count: 13 },
    ],
    [
      '200 days: weeks from Monday',
      'time',
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 6, 20),
      { scale: 'time', unit: 'ms', lo: Date.UTC(2025, 11, 29), width: 7 * DAY, count: 30 },
    ],
    [
      '36 years: years',
      'time',
      Date.UTC(1990, 0, 1),
      Date.UTC(2026, 0, 1),
      { scale: 'time', unit: 'month', lo: 1990 * 12, width: 12, count: 37 },
    ],
    [
      '126 years: 5 years',
      'time',
      Date.UTC(1900, 0, 1),
      Date.UTC(2026, 0, 1),
      { scale: 'time', unit: 'month', lo: 1900 * 12, width: 60, count: 26 },
    ],
    [
      'a DATE column: at least a day',
      'time',
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 0, 5),
      { scale: 'time', unit: 'ms', lo: Date.UTC(2026, 0, 1), width: DAY, count: 5 },
      { dateOnly: true },
    ],
    ['100 ms: whole milliseconds', 'time', 0, 100, { scale: 'time', unit: 'ms', lo: 0, width: 5, count: 21 }],
  ];
  it.each(cases)('%s', (_name, scale, min, max, bins, options) => {
    expect(niceBins(scale, min, max, options)).toEqual(bins);
  });

  it.each([
    ['NaN', NaN, 1],
    ['max below min', 2, 1],
    ['infinity', 0, Infinity],
  ])('refuses an extent with %s', (_name, min, max) => {
    expect(() => niceBins('number', min, max)).toThrow(/Invalid histogram extent/);
  });
});

describe('edges, bins of values, labels', () => {
  const importance: Bins = { scale: 'number', loUnits: 0, widthUnits: 5, divisor: 100, count: 21 };
  const months: Bins = { scale: 'time', unit: 'month', lo: 2024 * 12, width: 1, count: 34 };
  const counts: Bins = { scale: 'integer', lo: 0n, width: 20n, count: 21 };
  const edges: [string, Bins, number, RangeBound][] = [
    ['a decimal edge is the double nearest the decimal', importance, 7, 0.35],
    ['the upper edge', importance, 21, 1.05],
    ['a month', months, 1, Date.UTC(2024, 1, 1)],
    ['a year later', months, 12, Date.UTC(2025, 0, 1)],
    ['an integer', counts, 3, 60n],
  ];
  it.each(edges)('binEdge: %s', (_name, bins, i, edge) => expect(binEdge(bins, i)).toBe(edge));

  const of: [string, Bins, RangeBound, number][] = [
    ['on an edge: the bin above', importance, 0.35, 7],
    ['a float32 just below the edge', importance, Math.fround(0.35), 6],
    ['below the first bin', importance, -1, -1],
    ['past the last bin', importance, 1.2, 24],
    ['an integer', counts, 39n, 1],
    ['a month', months, Date.UTC(2025, 5, 15), 17],
  ];
  it.each(of)('binOf: %s', (_name, bins, value, bin) => expect(binOf(bins, value)).toBe(bin));

  const labels: [Bins, string][] = [
    [importance, '0.05'],
    [months, '1 month'],
    [{ ...months, width: 60 }, '5 years'],
    [{ scale: 'time', unit: 'ms', lo: 0, width: 3 * HOUR, count: 1 }, '3 hours'],
    [{ scale: 'time', unit: 'ms', lo: 0, width: 7 * DAY, count: 1 }, '1 week'],
    [counts, '20'],
  ];
  it.each(labels)('binWidthLabel %#: %s', (bins, label) => expect(binWidthLabel(bins)).toBe(label));
});

import { describe, expect, it } from 'vitest';
import { Float32, Float64, Int32, TimestampMillisecond, Utf8, type DataType } from 'apache-arrow';
import { columnWidth, headerWidth } from './column-layout';

describe('headerWidth', () => {
  it('grows with the name and with the type label', () => {
    expect(headerWidth('ab', 'string')).toBeGreaterThan(headerWidth('a', 'string'));
    expect(headerWidth('a', 'string[]')).toBeGreaterThan(headerWidth('a', 'string'));
  });
  it('leaves out the gap when there is no type label', () => {
    expect(headerWidth('name', '')).toBeLessThan(headerWidth('name', 'x'));
  });
  it('gives a name more room per character than a type label (13 px semibold against 11 px)', () => {
    expect(headerWidth('abcd', '') - headerWidth('', '')).toBeGreaterThan(
      headerWidth('', 'abcd') - headerWidth('', ''),
    );
  });
});

describe('columnWidth', () => {
  const cases: [string, DataType, string, string, (w: number) => boolean][] = [
    ['keeps the type default when the header fits', new Utf8(), 'id', 'string', (w) => w === 200],
    ['keeps a number column narrow', new Int32(), 'n', 'int32', (w) => w === 120],
    ['gives a double room for its digits', new Float64(), 'x', 'float64', (w) => w === 170],
    ['keeps a single narrow', new Float32(), 'x', 'float32', (w) => w === 120],
    [
      'widens for a long header',
      new Float64(),
      'min(importance_score)',
      'float64',
      (w) => w === headerWidth('min(importance_score)', 'float64'),
    ],
    [
      'caps a very long header',
      new TimestampMillisecond(),
      'x'.repeat(80),
      'timestamp[ms]',
      (w) => w === 480,
    ],
  ];
  it.each(cases)('%s', (_name, type, name, label, ok) => {
    const w = columnWidth(type, name, label);
    expect(ok(w), `width ${w}`).toBe(true);
    expect(w).toBeGreaterThanOrEqual(Math.min(480, headerWidth(name, label)));
  });
});

import { describe, expect, it } from 'vitest';
import { scrollerSizeGuess, type Size } from './grid-metrics';

describe('scrollerSizeGuess', () => {
  const cases: [string, Size | null | undefined, Size | null][] = [
    ['no size known', undefined, null],
    ['null', null, null],
    ['zero width (not laid out)', { width: 0, height: 500 }, null],
    ['zero height', { width: 900, height: 0 }, null],
    ['NaN', { width: Number.NaN, height: 500 }, null],
    ['less the border and the status line', { width: 900, height: 400 }, { width: 898, height: 365 }],
    ['never negative', { width: 1, height: 10 }, { width: 0, height: 0 }],
  ];
  it.each(cases)('%s', (_name, outer, expected) => {
    expect(scrollerSizeGuess(outer)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { wrapCursor } from './use-dag-search';

describe('wrapCursor', () => {
  it.each([
    [0, 3, 0],
    [3, 3, 0],
    [4, 3, 1],
    [-1, 3, 2],
    [-4, 3, 2],
    [5, 0, null],
  ])('cursor %i over %i matches -> %s', (cursor, count, expected) => {
    expect(wrapCursor(cursor, count)).toBe(expected);
  });
});

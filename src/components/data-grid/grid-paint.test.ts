import { describe, expect, it } from 'vitest';
import { ANCHOR_ROWS, anchorRow, cellId, pendingRowBackground } from './grid-paint';

describe('anchorRow', () => {
  it.each([
    [0, 0],
    [511, 0],
    [512, 512],
    [1000, 512],
    [999_999, 999_936],
  ])('row %i anchors at %i', (row, anchor) => {
    expect(anchorRow(row)).toBe(anchor);
    expect(anchor % ANCHOR_ROWS).toBe(0);
  });
});

describe('pendingRowBackground', () => {
  it.each([
    [[], ''],
    [
      [{ index: 0, start: 60, size: 116 }],
      'linear-gradient(var(--panel-3), var(--panel-3)) no-repeat 68px 50% / 60px 8px',
    ],
    [
      [
        { index: 0, start: 0, size: 10 },
        { index: 1, start: 10, size: 100 },
      ],
      'linear-gradient(var(--panel-3), var(--panel-3)) no-repeat 8px 50% / 0px 8px, ' +
        'linear-gradient(var(--panel-3), var(--panel-3)) no-repeat 18px 50% / 50px 8px',
    ],
  ])('%j', (columns, expected) => {
    expect(pendingRowBackground(columns)).toBe(expected);
  });
});

describe('cellId', () => {
  it('names a cell by grid, row and column', () => {
    expect(cellId(':r1:', 12, 3)).toBe(':r1:-r12-c3');
  });
});

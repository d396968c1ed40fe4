import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, rowWindow, scrollTopToReveal, wheelUnit, wheelVirtualTop } from './row-window';

describe('rowWindow', () => {
  const base = { viewportHeight: 280, rowHeight: 28, overscan: 2 };

  it('is a plain window when the rows fit under the cap', () => {
    const w = rowWindow({ ...base, rowCount: 1000, scrollTop: 280 });
    expect(w).toEqual({
      scrollHeight: 28000,
      virtualTop: 280,
      start: 8,
      end: 22,
      visibleStart: 10,
      visibleEnd: 20,
      scale: 1,
    });
  });

  it('takes a virtual offset set by wheel scrolling over scrollTop, clamped to the rows', () => {
    const input = { ...base, rowCount: 1_000_000, scrollTop: 1000 };
    expect(rowWindow({ ...input, virtualTop: 28 * 500_000 + 3 }).visibleStart).toBe(500_000);
    expect(rowWindow({ ...input, virtualTop: 28 * 500_000 + 3 }).virtualTop).toBe(28 * 500_000 + 3);
    expect(rowWindow({ ...input, virtualTop: -5 }).virtualTop).toBe(0);
    expect(rowWindow({ ...input, virtualTop: 1e12 }).visibleEnd).toBe(1_000_000);
    expect(rowWindow({ ...input, virtualTop: null }).virtualTop).toBeCloseTo(1000 * rowWindow(input).scale);
  });

  it('scales 1M rows into the cap and still reaches the last row', () => {
    const input = { ...base, rowCount: 1_000_000, scrollTop: 0 };
    const top = rowWindow(input);
    expect(top.scrollHeight).toBe(MAX_SCROLL_PX);
    expect(top.scale).toBeGreaterThan(3);
    const bottom = rowWindow({ ...input, scrollTop: MAX_SCROLL_PX - 280 });
    expect(bottom.visibleEnd).toBe(1_000_000);
    expect(bottom.visibleStart).toBe(1_000_000 - 10);
    const middle = rowWindow({ ...input, scrollTop: (MAX_SCROLL_PX - 280) / 2 });
    expect(middle.visibleStart).toBeGreaterThan(499_980);
    expect(middle.visibleStart).toBeLessThan(500_010);
  });

  it('handles empty and tiny tables', () => {
    expect(rowWindow({ ...base, rowCount: 0, scrollTop: 0 })).toMatchObject({
      start: 0,
      end: 0,
      scrollHeight: 0,
    });
    expect(rowWindow({ ...base, rowCount: 3, scrollTop: 50 })).toMatchObject({
      virtualTop: 0,
      visibleEnd: 3,
    });
  });

  it('reveals a row with the least scroll', () => {
    const input = { ...base, rowCount: 1_000_000, scrollTop: 0 };
    const w = rowWindow(input);
    expect(scrollTopToReveal(3, w, input)).toBeNull();
    const st = scrollTopToReveal(500_000, w, input);
    expect(st).not.toBeNull();
    const after = rowWindow({ ...input, scrollTop: st ?? 0 });
    expect(after.visibleEnd - 1).toBe(500_000);
  });
});

describe('wheel scrolling in a scaled space', () => {
  it.each([
    ['pixels', 0, 1],
    ['lines are rows', 1, 28],
    ['pages are the viewport', 2, 700],
  ])('deltaMode %s', (_name, mode, unit) => {
    expect(wheelUnit(mode, 28, 700)).toBe(unit);
  });

  it.each([
    ['moves by the delta', 1000, 240, 1, 1240],
    ['lines times the row height', 1000, 3, 28, 1084],
    ['up', 1000, -240, 1, 760],
    ['stops at the top', 100, -240, 1, 0],
    ['stops at the end', 27_999_500, 1000, 1, 27_999_720],
  ])('%s', (_name, current, delta, unit, expected) => {
    expect(wheelVirtualTop(current, delta, unit, 28_000_000 - 280)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  fitView,
  keyStep,
  MAX_ZOOM,
  MIN_ZOOM,
  panBy,
  relativeTransform,
  screenBoxToData,
  toData,
  toScreen,
  zoomAt,
  type MapView,
} from './view';

const size = { width: 400, height: 200 };

describe('boundsOf', () => {
  it.each([
    ['spread points', [0, 0, 4, -2, 1, 3], { x0: 0, y0: -2, x1: 4, y1: 3 }],
    ['one point is widened to one unit', [2, 5], { x0: 1.5, y0: 4.5, x1: 2.5, y1: 5.5 }],
    ['no point', [], { x0: -0.5, y0: -0.5, x1: 0.5, y1: 0.5 }],
  ])('%s', (_name, xy, want) => {
    expect(boundsOf(Float32Array.from(xy))).toEqual(want);
  });
});

describe('fitView', () => {
  it.each([
    // 10 wide, 2 tall in a 400 × 200 canvas with 0 margin: width limits (40 px/unit).
    ['wide data', { x0: 0, y0: 0, x1: 10, y1: 2 }, 0, { cx: 5, cy: 1, k: 40 }],
    // 1 wide, 4 tall: height limits ((200 − 20) / 4 = 45).
    ['tall data with margin', { x0: -1, y0: 0, x1: 0, y1: 4 }, 10, { cx: -0.5, cy: 2, k: 45 }],
  ])('%s', (_name, b, margin, want) => {
    expect(fitView(b, size, margin)).toEqual(want);
  });

  it('puts the corners of the data inside the canvas', () => {
    const v = fitView({ x0: -3, y0: -1, x1: 7, y1: 9 }, size, 12);
    for (const [x, y] of [
      [-3, -1],
      [7, 9],
    ] as const) {
      const [sx, sy] = toScreen(v, size, x, y);
      expect(sx).toBeGreaterThanOrEqual(11.999);
      expect(sx).toBeLessThanOrEqual(388.001);
      expect(sy).toBeGreaterThanOrEqual(11.999);
      expect(sy).toBeLessThanOrEqual(188.001);
    }
  });
});

describe('toScreen / toData', () => {
  const v: MapView = { cx: 1, cy: 2, k: 10 };
  it.each([
    [1, 2, 200, 100],
    [2, 2, 210, 100],
    [1, 3, 200, 90],
    [-9, -8, 100, 200],
  ])('data (%d, %d) is screen (%d, %d), and back', (x, y, sx, sy) => {
    expect(toScreen(v, size, x, y)).toEqual([sx, sy]);
    expect(toData(v, size, sx, sy)).toEqual([x, y]);
  });
});

describe('zoomAt', () => {
  const fit: MapView = { cx: 0, cy: 0, k: 10 };
  it.each([
    ['in at the centre', fit, 2, 200, 100, { cx: 0, cy: 0, k: 20 }],
    ['in at a corner keeps that point', fit, 2, 0, 0, { cx: -10, cy: 5, k: 20 }],
    ['out past the limit stops at MIN_ZOOM', fit, 0.001, 200, 100, { cx: 0, cy: 0, k: 10 * MIN_ZOOM }],
    [
      'in past the limit stops at MAX_ZOOM',
      { cx: 0, cy: 0, k: 10 * MAX_ZOOM },
      4,
      200,
      100,
      { cx: 0, cy: 0, k: 10 * MAX_ZOOM },
    ],
  ])('%s', (_name, v, factor, sx, sy, want) => {
    const z = zoomAt(v, fit, size, factor, sx, sy);
    expect(z.k).toBeCloseTo(want.k, 9);
    expect(z.cx).toBeCloseTo(want.cx, 9);
    expect(z.cy).toBeCloseTo(want.cy, 9);
    // The data point under the cursor stays under it.
    const before = toData(v, size, sx, sy);
    const after = toData(z, size, sx, sy);
    expect(after[0]).toBeCloseTo(before[0], 9);
    expect(after[1]).toBeCloseTo(before[1], 9);
  });
});

describe('panBy and keyStep', () => {
  const fit: MapView = { cx: 0, cy: 0, k: 10 };
  const v: MapView = { cx: 1, cy: 1, k: 20 };
  it.each([
    ['ArrowRight shows what is to the right', 'ArrowRight', { cx: 3, cy: 1, k: 20 }],
    ['ArrowLeft', 'ArrowLeft', { cx: -1, cy: 1, k: 20 }],
    ['ArrowUp shows what is above', 'ArrowUp', { cx: 1, cy: 2, k: 20 }],
    ['ArrowDown', 'ArrowDown', { cx: 1, cy: 0, k: 20 }],
    ['+ zooms in', '+', { cx: 1, cy: 1, k: 30 }],
    ['- zooms out', '-', { cx: 1, cy: 1, k: 20 / 1.5 }],
    ['0 resets', '0', fit],
    ['Home resets', 'Home', fit],
    ['other keys do nothing', 'a', null],
  ])('%s', (_name, key, want) => {
    const got = keyStep(key, v, fit, size);
    if (want === null) expect(got).toBeNull();
    else {
      expect(got?.k).toBeCloseTo(want.k, 9);
      expect(got?.cx).toBeCloseTo(want.cx, 9);
      expect(got?.cy).toBeCloseTo(want.cy, 9);
    }
  });

  it('a drag moves the picture with the pointer', () => {
    const p = panBy(v, 30, -10);
    expect(toScreen(p, size, 1, 1)).toEqual([230, 90]);
  });
});

describe('relativeTransform', () => {
  it.each([
    ['same view', { cx: 0, cy: 0, k: 10 }, { cx: 0, cy: 0, k: 10 }],
    ['panned', { cx: 0, cy: 0, k: 10 }, { cx: 2, cy: -1, k: 10 }],
    ['zoomed and panned', { cx: 1, cy: 1, k: 10 }, { cx: -2, cy: 3, k: 25 }],
  ])('%s: a pixel of picture a lands where view b shows its data point', (_name, a, b) => {
    const t = relativeTransform(a, b, size);
    for (const [sx, sy] of [
      [0, 0],
      [123, 45],
      [400, 200],
    ] as const) {
      const [x, y] = toData(a, size, sx, sy);
      const [bx, by] = toScreen(b, size, x, y);
      expect(sx * t.s + t.tx).toBeCloseTo(bx, 9);
      expect(sy * t.s + t.ty).toBeCloseTo(by, 9);
    }
  });
});

describe('screenBoxToData', () => {
  it('orders the corners: x0 ≤ x1, y0 ≤ y1 whichever way the box was dragged', () => {
    const v: MapView = { cx: 0, cy: 0, k: 10 };
    expect(screenBoxToData(v, size, 300, 150, 100, 50)).toEqual({ x0: -10, y0: -5, x1: 10, y1: 5 });
  });
});

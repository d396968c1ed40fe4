import { describe, expect, it } from 'vitest';
import { densityAlpha, pointSizeFor, rasterize } from './raster';
import type { MapView } from './view';

const RED = 0xff0000ff;
const BLUE = 0xffff0000;
// A view where data (x, y) lands on pixel (x, 9 − y) of a 10 × 10 canvas: k = 1, centre (5, 4.5)
// puts x = 0 at 0 and y = 9.x at row 0 (floor).
const view: MapView = { cx: 5, cy: 5, k: 1 };

function pixel(p: Uint32Array, x: number, y: number): number {
  return p[y * 10 + x] as number;
}

describe('densityAlpha', () => {
  it.each([
    [0, 0],
    [1, 190],
    [2, 212],
    [4, 234],
    [8, 255],
    [1000, 255],
  ])('%i points → %i', (n, a) => {
    expect(densityAlpha(n)).toBe(a);
  });
});

describe('pointSizeFor', () => {
  it.each([
    [10, 10_000, 1, 4],
    [100, 10_000, 1, 3],
    [500, 10_000, 1, 2],
    [5000, 10_000, 1, 1],
    [100, 10_000, 2, 6],
  ])('%i points on %i pixels at scale %i → %i px', (n, px, scale, want) => {
    expect(pointSizeFor(n, px, scale)).toBe(want);
  });
});

describe('rasterize', () => {
  it.each([
    // Dense enough (≥ 10 % of the pixels) for 1-pixel points: 10 points on 100 pixels.
    [
      'one colour, two points share a pixel',
      [0.5, 4.5, 0.5, 4.5, 3.5, 0.5, 3.5, 0.5, 1.5, 1.5, 2.5, 2.5, 6.5, 6.5, 7.5, 7.5, 8.5, 8.5, 9.5, 9.5],
      null,
    ],
  ])('%s', (_name, pts, codes) => {
    const xy = Float32Array.from(pts);
    const r = rasterize({ xy, codes, colours: Uint32Array.from([RED]), view, width: 10, height: 10 });
    expect(r.pointSize).toBe(1);
    expect(r.inView).toBe(10);
    // (0.5, 4.5) → pixel (0, 5): two points: alpha 212, red.
    expect(pixel(r.pixels, 0, 5)).toBe(((212 << 24) | 0xff) >>> 0);
    // (3.5, 0.5) → pixel (3, 9).
    expect(pixel(r.pixels, 3, 9)).toBe(((212 << 24) | 0xff) >>> 0);
    // One point: alpha 150.
    expect(pixel(r.pixels, 1, 8)).toBe(((190 << 24) | 0xff) >>> 0);
    expect(pixel(r.pixels, 5, 5)).toBe(0);
  });

  // A 20 × 20 canvas where data (x, y) lands on pixel (floor(x), floor(20 − y)).
  const big: MapView = { cx: 10, cy: 10, k: 1 };
  const at = (p: Uint32Array, x: number, y: number) => p[y * 20 + x] as number;

  it('mixes the colours of points on one pixel and leaves points outside out', () => {
    const xy = Float32Array.from([2.5, 2.5, 2.5, 2.5, 50, 50, -1, 3]);
    const codes = Uint16Array.from([0, 1, 0, 1]);
    const r = rasterize({
      xy,
      codes,
      colours: Uint32Array.from([RED, BLUE]),
      view: big,
      width: 20,
      height: 20,
    });
    expect(r.inView).toBe(2);
    // Few points: 3 × 3 squares; pixel (2, 17) and its neighbours hold both: purple at alpha 212.
    expect(r.pointSize).toBe(3);
    const mid = at(r.pixels, 2, 17);
    expect(mid >>> 24).toBe(212);
    expect(mid & 0xff).toBe(128);
    expect((mid >>> 16) & 0xff).toBe(128);
    expect(at(r.pixels, 1, 16)).toBe(mid);
    expect(at(r.pixels, 3, 18)).toBe(mid);
    expect(at(r.pixels, 4, 17)).toBe(0);
  });

  it('points of a transparent (hidden) colour are not drawn and do not count', () => {
    const xy = Float32Array.from([2.5, 2.5, 2.5, 2.5, 12.5, 12.5]);
    const codes = Uint16Array.from([0, 1, 1]);
    const r = rasterize({ xy, codes, colours: Uint32Array.from([RED, 0]), view: big, width: 20, height: 20 });
    // Only the red point: alpha of one point, pure red; nothing where the hidden one is.
    expect(at(r.pixels, 2, 17)).toBe(((190 << 24) | 0xff) >>> 0);
    expect(at(r.pixels, 12, 7)).toBe(0);
  });

  it('a zoomed and panned view moves the points with it', () => {
    const xy = Float32Array.from([1, 1]);
    const zoomed: MapView = { cx: 1, cy: 1, k: 100 };
    const r = rasterize({
      xy,
      codes: null,
      colours: Uint32Array.from([RED]),
      view: zoomed,
      width: 20,
      height: 20,
    });
    // (1, 1) is the centre: pixel (10, 10), drawn 3 × 3 (9..11).
    expect(at(r.pixels, 10, 10)).toBe(((190 << 24) | 0xff) >>> 0);
    expect(at(r.pixels, 9, 9)).not.toBe(0);
    expect(at(r.pixels, 11, 11)).not.toBe(0);
    expect(at(r.pixels, 8, 8)).toBe(0);
  });

  it('reuses its scratch without carrying the last picture over', () => {
    const colours = Uint32Array.from([RED]);
    const first = rasterize({
      xy: Float32Array.from([1.5, 1.5]),
      codes: null,
      colours,
      view,
      width: 10,
      height: 10,
    });
    const second = rasterize(
      { xy: Float32Array.from([8.5, 8.5]), codes: null, colours, view, width: 10, height: 10 },
      first.scratch,
    );
    expect(second.scratch).toBe(first.scratch);
    expect(pixel(second.pixels, 1, 8)).toBe(0);
    expect(pixel(second.pixels, 8, 1)).not.toBe(0);
  });
});

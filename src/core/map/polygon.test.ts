import { describe, expect, it } from 'vitest';
import { pointInPolygon, polygonBounds } from './polygon';

// A square 0..4, a concave U (the notch x 1..3, y 1..4 is outside), and a concave arrow.
const square = [0, 0, 4, 0, 4, 4, 0, 4];
const u = [0, 0, 4, 0, 4, 4, 3, 4, 3, 1, 1, 1, 1, 4, 0, 4];
const arrow = [0, 0, 2, 1, 4, 0, 2, 4];

describe('pointInPolygon', () => {
  it.each([
    ['square: inside', square, 2, 2, true],
    ['square: outside right', square, 5, 2, false],
    ['square: outside below', square, 2, -0.1, false],
    ['square: on an edge', square, 4, 1.5, true],
    ['square: on the bottom edge', square, 2, 0, true],
    ['square: on a vertex', square, 0, 4, true],
    ['square: beyond a vertex, on its line', square, 5, 4, false],
    ['U: in the left arm', u, 0.5, 3, true],
    ['U: in the right arm', u, 3.5, 3, true],
    ['U: in the base', u, 2, 0.5, true],
    ['U: in the notch (concave part)', u, 2, 2.5, false],
    ['U: on the notch floor edge', u, 2, 1, true],
    ['U: on the notch side edge', u, 1, 2.5, true],
    ['U: level with the notch floor, in the base', u, 0.5, 1, true],
    ['U: ray through two vertices of the notch top', u, -1, 4, false],
    ['arrow: inside the head', arrow, 2, 2, true],
    ['arrow: in the dent below the tip', arrow, 2, 0.5, false],
    ['arrow: on the dent edge', arrow, 1, 0.5, true],
    ['arrow: at the dent vertex', arrow, 2, 1, true],
    ['fewer than three vertices: nothing inside', [0, 0, 4, 4], 2, 2, false],
  ])('%s', (_name, poly, x, y, want) => {
    expect(pointInPolygon(poly, x, y)).toBe(want);
  });

  it('a convex polygon agrees with the half-plane test on a grid of points', () => {
    // A regular hexagon of radius 3 around (1, -2).
    const hex = Array.from({ length: 6 }, (_, i) => [
      1 + 3 * Math.cos((i * Math.PI) / 3),
      -2 + 3 * Math.sin((i * Math.PI) / 3),
    ]).flat();
    for (let gx = -3; gx <= 5; gx += 0.37) {
      for (let gy = -6; gy <= 2; gy += 0.41) {
        let inHalfPlanes = true;
        for (let i = 0; i < 6; i++) {
          const [ax, ay, bx, by] = [
            hex[2 * i],
            hex[2 * i + 1],
            hex[(2 * i + 2) % 12],
            hex[(2 * i + 3) % 12],
          ] as number[];
          if ((bx! - ax!) * (gy - ay!) - (by! - ay!) * (gx - ax!) < -1e-9) inHalfPlanes = false;
        }
        expect(pointInPolygon(hex, gx, gy)).toBe(inHalfPlanes);
      }
    }
  });
});

describe('polygonBounds', () => {
  it.each([
    ['the U', u, { x0: 0, y0: 0, x1: 4, y1: 4 }],
    ['the arrow', arrow, { x0: 0, y0: 0, x1: 4, y1: 4 }],
    ['a triangle off the origin', [-1, 2, 3, 5, 0, 7], { x0: -1, y0: 2, x1: 3, y1: 7 }],
    ['two vertices', [0, 0, 1, 1], null],
  ])('%s', (_name, poly, want) => {
    expect(polygonBounds(poly)).toEqual(want);
  });
});

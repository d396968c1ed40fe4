import { describe, expect, it } from 'vitest';
import { buildPointGrid, nearestPoint, pointsInBox, pointsInPolygon } from './point-grid';
import { pointInPolygon } from './polygon';
import { boundsOf } from './view';

/** A small deterministic generator (tests must not depend on Math.random). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function bruteNearest(xy: Float32Array, x: number, y: number, r: number): number {
  let best = -1;
  let bestD = r * r;
  for (let i = 0; i < xy.length / 2; i++) {
    const d = ((xy[2 * i] as number) - x) ** 2 + ((xy[2 * i + 1] as number) - y) ** 2;
    if (d < bestD || (d === bestD && best < 0)) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

describe('buildPointGrid', () => {
  it.each([1, 5, 100, 5000])('%i points: every point is in exactly one cell', (n) => {
    const rand = lcg(n);
    const xy = Float32Array.from({ length: 2 * n }, () => rand() * 10 - 5);
    const g = buildPointGrid(xy, boundsOf(xy));
    expect(g.start[g.side * g.side]).toBe(n);
    expect(Array.from(g.order).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});

describe('nearestPoint', () => {
  const xy = Float32Array.from([0, 0, 1, 0, 0, 1, 5, 5, 5, 5.5]);
  const g = buildPointGrid(xy, boundsOf(xy), 1);
  it.each([
    ['on a point', 1, 0, 0.1, 1],
    ['between two, nearer the second', 0.1, 0.6, 1, 2],
    ['nothing within the radius', 3, 3, 0.5, -1],
    ['far corner', 5, 5.2, 1, 3],
    ['a three-way tie goes to the lowest index', 0.5, 0.5, 1, 0],
    ['outside the bounds, still within reach', -0.5, 0, 0.6, 0],
    ['negative radius', 0, 0, -1, -1],
  ])('%s', (_name, x, y, r, want) => {
    expect(nearestPoint(g, x, y, r)).toBe(want);
  });

  it.each([
    ['the nearest is skipped: the next one within reach', 1, 0, 1.5, 0],
    ['nothing else within reach', 5, 5.2, 0.2, -1],
  ])('with a filter (odd points hidden): %s', (_name, x, y, r, want) => {
    expect(nearestPoint(g, x, y, r, (i) => i % 2 === 0)).toBe(want);
  });

  it.each([17, 200, 3000])('agrees with a linear scan on %i random points', (n) => {
    const rand = lcg(n * 7);
    // Clustered: most points in a small square, a few far out.
    const pts = Float32Array.from({ length: 2 * n }, (_, i) => (i % 10 === 0 ? rand() * 100 : rand()));
    const grid = buildPointGrid(pts, boundsOf(pts));
    for (let q = 0; q < 200; q++) {
      const x = rand() * 2 - 0.5;
      const y = rand() * 2 - 0.5;
      const r = rand() * 0.3;
      expect(nearestPoint(grid, x, y, r)).toBe(bruteNearest(pts, x, y, r));
    }
  });
});

describe('pointsInBox', () => {
  const xy = Float32Array.from([0, 0, 1, 0, 0, 1, 5, 5, 5, 5.5]);
  const g = buildPointGrid(xy, boundsOf(xy), 1);
  it.each([
    ['everything', { x0: -1, y0: -1, x1: 6, y1: 6 }, [0, 1, 2, 3, 4]],
    ['edges included', { x0: 0, y0: 0, x1: 1, y1: 0 }, [0, 1]],
    ['corners in any order', { x0: 6, y0: 6, x1: 4, y1: 5.2 }, [4]],
    ['empty', { x0: 2, y0: 2, x1: 3, y1: 3 }, []],
  ])('%s', (_name, box, want) => {
    expect(Array.from(pointsInBox(g, box))).toEqual(want);
  });

  it('with a filter, only the points it takes', () => {
    expect(Array.from(pointsInBox(g, { x0: -1, y0: -1, x1: 6, y1: 6 }, (i) => i !== 1 && i !== 3))).toEqual([
      0, 2, 4,
    ]);
  });
});

describe('pointsInPolygon', () => {
  // A concave star (10 vertices) over 3,000 random points: the grid's answer equals testing every point.
  const rand = lcg(7);
  const xy = Float32Array.from({ length: 6000 }, () => rand() * 10 - 5);
  const g = buildPointGrid(xy, boundsOf(xy));
  const star = Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? 4 : 1.5;
    return [0.3 + r * Math.cos((i * Math.PI) / 5), -0.2 + r * Math.sin((i * Math.PI) / 5)];
  }).flat();
  it.each([
    ['every point', undefined],
    ['with a filter', (i: number) => i % 3 !== 0],
  ])('the star: %s', (_name, accept) => {
    const want: number[] = [];
    for (let i = 0; i < 3000; i++)
      if (pointInPolygon(star, xy[2 * i] as number, xy[2 * i + 1] as number) && (!accept || accept(i)))
        want.push(i);
    expect(want.length).toBeGreaterThan(100);
    expect(Array.from(pointsInPolygon(g, star, accept))).toEqual(want);
  });

  it('fewer than three vertices select nothing', () => {
    expect(pointsInPolygon(g, [0, 0, 1, 1], undefined)).toHaveLength(0);
  });
});

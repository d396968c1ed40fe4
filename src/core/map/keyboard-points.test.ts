import { describe, expect, it } from 'vitest';
import {
  keyboardPointText,
  markedPoints,
  nearestPoints,
  pointStepOf,
  rankedPoints,
  stepIndex,
  viewShowing,
} from './keyboard-points';
import { toScreen } from './view';

describe('pointStepOf', () => {
  it.each([
    [{ key: 'n' }, 1],
    [{ key: 'N' }, 1],
    [{ key: 'p' }, -1],
    [{ key: 'P' }, -1],
    [{ key: 'ArrowRight', altKey: true }, 1],
    [{ key: 'ArrowLeft', altKey: true }, -1],
    // Plain arrows pan the view (keyStep), modified letters belong to the browser.
    [{ key: 'ArrowRight' }, null],
    [{ key: 'n', ctrlKey: true }, null],
    [{ key: 'p', metaKey: true }, null],
    [{ key: 'n', altKey: true }, null],
    [{ key: 'ArrowUp', altKey: true }, null],
    [{ key: 'Enter' }, null],
  ])('%o → %s', (e, want) => {
    expect(pointStepOf(e)).toBe(want);
  });
});

describe('stepIndex', () => {
  it.each([
    ['first next', 5, null, 1, 0],
    ['first previous starts from the end', 5, null, -1, 4],
    ['next', 5, 2, 1, 3],
    ['previous', 5, 2, -1, 1],
    ['next wraps', 5, 4, 1, 0],
    ['previous wraps', 5, 0, -1, 4],
    ['one target', 1, 0, 1, 0],
    ['a position beyond the targets restarts', 3, 7, 1, 0],
    ['no targets', 0, null, 1, null],
  ] as const)('%s', (_name, count, current, delta, want) => {
    expect(stepIndex(count, current, delta)).toBe(want);
  });
});

describe('rankedPoints', () => {
  // Point i holds __row rows[i].
  const rows = Float64Array.of(40, 10, 30, 20, 50);
  it.each([
    ['the ranked order, not the points order', [20, 40, 10], undefined, [3, 0, 1]],
    ['rows not on the map are skipped', [99, 30, 7, 50], undefined, [2, 4]],
    ['rows not accepted (hidden) are skipped', [20, 40, 10], (i: number) => i !== 0, [3, 1]],
    ['a row ranked twice counts once', [10, 10, 30], undefined, [1, 2]],
    ['nothing ranked', [], undefined, []],
  ])('%s', (_name, ranked, accept, want) => {
    expect(rankedPoints(rows, ranked, accept)).toEqual(want);
  });
});

describe('nearestPoints', () => {
  // Points on a line at x = 0, 1, 2, 3, 4 (y = 0), one NaN point, and one equal to point 1.
  const xy = Float32Array.of(0, 0, 1, 0, 2, 0, 3, 0, 4, 0, Number.NaN, 0, 1, 0);
  it.each([
    ['nearest first', 2.2, 0, 3, undefined, [2, 3, 1]],
    ['ties by point index', 1, 0, 2, undefined, [1, 6]],
    ['k beyond the points: every finite point', 0, 0, 10, undefined, [0, 1, 6, 2, 3, 4]],
    ['not accepted are skipped', 0, 0, 3, (i: number) => i % 2 === 0, [0, 6, 2]],
    ['k = 0', 0, 0, 0, undefined, []],
    ['from far above', 4, 100, 2, undefined, [4, 3]],
  ])('%s', (_name, x, y, k, accept, want) => {
    expect(nearestPoints(xy, x, y, k, accept)).toEqual(want);
  });

  it('equals a full sort on random points', () => {
    const n = 500;
    const pts = Float32Array.from({ length: 2 * n }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 10);
    const want = Array.from({ length: n }, (_, i) => i)
      .map((i) => ({ i, d: ((pts[2 * i] as number) - 1) ** 2 + ((pts[2 * i + 1] as number) + 2) ** 2 }))
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .slice(0, 25)
      .map((p) => p.i);
    expect(nearestPoints(pts, 1, -2, 25)).toEqual(want);
  });
});

describe('viewShowing', () => {
  const size = { width: 400, height: 200 };
  const v = { cx: 0, cy: 0, k: 10 };
  it.each([
    ['a point inside stays where it is', 5, 3, v],
    ['a point right of the canvas: centred on it', 25, 0, { cx: 25, cy: 0, k: 10 }],
    ['a point above the canvas: centred on it', 0, 9.5, { cx: 0, cy: 9.5, k: 10 }],
    // 19 units right is 390 px: inside the canvas but within the 16 px margin.
    ['a point in the margin: centred on it', 19, 0, { cx: 19, cy: 0, k: 10 }],
  ])('%s', (_name, x, y, want) => {
    const got = viewShowing(v, size, x, y);
    expect(got).toEqual(want);
    const [sx, sy] = toScreen(got, size, x, y);
    expect(sx).toBeGreaterThanOrEqual(16);
    expect(sy).toBeLessThanOrEqual(184);
  });
});

describe('keyboardPointText', () => {
  it.each([
    [
      'the query, also the first result',
      { position: 0, count: 10, kind: 'ranked', isQuery: true, rank: 1, id: 'exp-0007', row: 7 },
      'exp-0007: the query, rank 1, point 1 of 10. Enter opens it.',
    ],
    [
      'a result',
      { position: 3, count: 10, kind: 'ranked', isQuery: false, rank: 4, id: 'exp-0042', row: 42 },
      'exp-0042: rank 4, point 4 of 10. Enter opens it.',
    ],
    [
      'the query outside its results (a filter left it out)',
      { position: 0, count: 11, kind: 'ranked', isQuery: true, rank: null, id: 'exp-0001', row: 1 },
      'exp-0001: the query, point 1 of 11. Enter opens it.',
    ],
    [
      'a nearest point without an id',
      { position: 1, count: 20, kind: 'nearest', isQuery: false, rank: null, id: null, row: 5 },
      'row 5: nearest point 2 of 20 to the centre. Enter opens it.',
    ],
  ] as const)('%s', (_name, p, want) => {
    expect(keyboardPointText(p)).toBe(want);
  });
});

describe('markedPoints', () => {
  const rows = Float64Array.of(40, 10, 30, 20, 50);
  it.each([
    ['the query and its results, in point order', [20, 10, 30], 30, 10, { out: [1, 3], query: 2 }],
    ['no query on the map', [20, 40], 99, 10, { out: [0, 3], query: -1 }],
    ['at most max results, the query found beyond them', [40, 10, 50], 50, 1, { out: [0], query: 4 }],
    ['nothing highlighted', [], null, 10, { out: [], query: -1 }],
  ])('%s', (_name, highlight, queryRow, max, want) => {
    expect(markedPoints(rows, new Set(highlight), queryRow, max)).toEqual(want);
  });
});

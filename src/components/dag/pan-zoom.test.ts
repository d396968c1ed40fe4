import { describe, expect, it } from 'vitest';
import { DETAIL_MIN_NODE_PX, NODE_W } from './dag-geometry';
import {
  centredOn,
  FIT_PAD,
  fitView,
  initialView,
  MAX_K,
  minZoom,
  wheelFactor,
  worldViewport,
  zoomAbout,
  type View,
} from './pan-zoom';

/** Screen position of a world point under a view. */
const toScreen = (v: View, wx: number, wy: number) => [wx * v.k + v.x, wy * v.k + v.y];

describe('zoomAbout', () => {
  it.each([
    { name: 'zoom in about the origin', v: { x: 0, y: 0, k: 1 }, factor: 2, c: [0, 0], k: 2 },
    { name: 'zoom in about a point', v: { x: 10, y: -20, k: 1 }, factor: 1.25, c: [300, 200], k: 1.25 },
    { name: 'zoom out about a point', v: { x: 40, y: 5, k: 2 }, factor: 0.5, c: [120, 80], k: 1 },
    { name: 'clamped at MAX_K', v: { x: 0, y: 0, k: 2.5 }, factor: 2, c: [50, 50], k: MAX_K },
    { name: 'clamped at minK', v: { x: 0, y: 0, k: 0.3 }, factor: 0.1, c: [50, 50], k: 0.25 },
  ])('$name', ({ v, factor, c, k }) => {
    const next = zoomAbout(v, factor, c[0]!, c[1]!, 0.25);
    expect(next.k).toBeCloseTo(k, 10);
    // The world point under the cursor stays under the cursor.
    const wx = (c[0]! - v.x) / v.k;
    const wy = (c[1]! - v.y) / v.k;
    const [sx, sy] = toScreen(next, wx, wy);
    expect(sx).toBeCloseTo(c[0]!, 9);
    expect(sy).toBeCloseTo(c[1]!, 9);
  });
});

describe('wheelFactor', () => {
  it.each([
    { deltaY: 0, mode: 0, expected: 1 },
    { deltaY: 100, mode: 0, expected: Math.exp(-0.15) },
    { deltaY: -100, mode: 0, expected: Math.exp(0.15) },
    { deltaY: 3, mode: 1, expected: Math.exp(-48 * 0.0015) },
  ])('deltaY $deltaY in mode $mode', ({ deltaY, mode, expected }) => {
    expect(wheelFactor(deltaY, mode)).toBeCloseTo(expected, 12);
  });
});

describe('fitView', () => {
  it('is null before the viewport has a size', () => {
    expect(fitView({ width: 100, height: 100 }, 0, 400)).toBeNull();
    expect(fitView({ width: 100, height: 100 }, 400, 0)).toBeNull();
  });

  it.each([
    { name: 'small content is not magnified', content: { width: 100, height: 50 }, w: 800, h: 600 },
    { name: 'wide content fits the width', content: { width: 5000, height: 300 }, w: 800, h: 600 },
    { name: 'tall content fits the height', content: { width: 300, height: 9000 }, w: 800, h: 600 },
    { name: 'empty content', content: { width: 0, height: 0 }, w: 800, h: 600 },
  ])('$name: inside the padded viewport and centred', ({ content, w, h }) => {
    const v = fitView(content, w, h)!;
    expect(v.k).toBeLessThanOrEqual(1);
    expect(content.width * v.k).toBeLessThanOrEqual(w - 2 * FIT_PAD + 1e-9);
    expect(content.height * v.k).toBeLessThanOrEqual(h - 2 * FIT_PAD + 1e-9);
    const [cx, cy] = toScreen(v, content.width / 2, content.height / 2);
    expect(cx).toBeCloseTo(w / 2, 9);
    expect(cy).toBeCloseTo(h / 2, 9);
  });
});

describe('initialView', () => {
  it('fits when the nodes stay readable', () => {
    const content = { width: 600, height: 400 };
    expect(initialView(content, 10, 800, 600)).toEqual(fitView(content, 800, 600));
  });

  it('zooms to readable labels, anchored at the top, when fitting would make nodes too small', () => {
    const content = { width: 400, height: 40_000 };
    const v = initialView(content, 300, 800, 600)!;
    expect(v.k * NODE_W).toBeGreaterThanOrEqual(DETAIL_MIN_NODE_PX);
    expect(v.y).toBe(FIT_PAD);
    // Narrow enough to centre horizontally.
    expect(v.x).toBeCloseTo((800 - 400 * v.k) / 2, 9);
  });

  it('starts at the left edge when the readable zoom is wider than the viewport', () => {
    const v = initialView({ width: 50_000, height: 50_000 }, 300, 800, 600)!;
    expect(v.x).toBe(FIT_PAD);
  });

  it('keeps the fitted overview for graphs too big to draw in detail', () => {
    const content = { width: 50_000, height: 50_000 };
    expect(initialView(content, 10_000, 800, 600)).toEqual(fitView(content, 800, 600));
  });
});

describe('minZoom, centredOn, worldViewport', () => {
  it.each([
    { fit: null, expected: 0.5 },
    { fit: { x: 0, y: 0, k: 1 }, expected: 0.5 },
    { fit: { x: 0, y: 0, k: 0.1 }, expected: 0.05 },
  ])('minZoom of fit k=$fit.k is $expected', ({ fit, expected }) => {
    expect(minZoom(fit)).toBeCloseTo(expected, 12);
  });

  it('centredOn puts the world point in the middle, and worldViewport inverts the view', () => {
    const v = centredOn(500, 250, 2, 800, 600);
    const [sx, sy] = toScreen(v, 500, 250);
    expect([sx, sy]).toEqual([400, 300]);
    const world = worldViewport(v, 800, 600);
    expect(world.x + world.w / 2).toBeCloseTo(500, 9);
    expect(world.y + world.h / 2).toBeCloseTo(250, 9);
    expect(world.w).toBe(400);
    expect(world.h).toBe(300);
  });
});

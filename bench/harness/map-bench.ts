import { codePalette } from '../../src/core/map/colours';
import { fitView, panBy, zoomAt, type MapView } from '../../src/core/map/view';
import { createMapClient } from '../../src/data/map/map-client';
import type { RenderResult } from '../../src/data/map/map-engine';
import { readThemeColours } from '../../src/components/theme/theme';
import { drawMap } from '../../src/features/similar/draw-map';

/**
 * The Similar map as the app draws it (bench/scenarios/similar.mjs): the map worker (hover grid
 * built once, density raster per view) and the view's frame code (features/similar/draw-map.ts) on
 * an 800 × 600 canvas. Measures the first paint once a projection is in hand, then, while zooming
 * and panning every frame for `seconds`, the rAF interval (what the eye sees: the last picture moved
 * at once) and how long each exact picture takes to arrive (worker render + paint).
 */
export interface CanvasMapReading {
  points: number;
  /** Projection in hand → grid built, picture rendered and on screen. */
  firstMs: number;
  /** Building the hover grid in the worker, after the first paint (the first hover would). */
  gridMs: number;
  frames: number[];
  /** Request → exact picture painted, for each view the worker rendered. */
  exact: number[];
  /** Time the worker spent rendering each of those pictures. */
  renderMs: number[];
  /** Main-thread work of each frame (the moved picture and the overlays). */
  drawMs: number[];
  /** Hover: a pick at a point of the map (worker round trip, grid lookup inside), fit view. */
  pickMs: number[];
}

const W = 800;
const H = 600;

export async function canvasMap(
  points: { rows: Float64Array; xy: Float32Array },
  seconds = 3,
): Promise<CanvasMapReading> {
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  document.body.append(canvas);
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const cache = document.createElement('canvas');
  cache.width = W;
  cache.height = H;
  const size = { width: W, height: H };
  const theme = readThemeColours();
  const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
  let failure: unknown = null;
  const client = createMapClient((e) => (failure = e));
  let picture: { image: CanvasImageSource; view: MapView; size: typeof size } | null = null;
  let view: MapView = { cx: 0, cy: 0, k: 1 };
  const paint = (r: RenderResult, shown: MapView) => {
    cache
      .getContext('2d')
      ?.putImageData(new ImageData(new Uint8ClampedArray(r.pixels.buffer as ArrayBuffer), W, H), 0, 0);
    picture = { image: cache, view: shown, size };
  };
  const draw = () =>
    drawMap(ctx, {
      canvas,
      picture,
      view,
      size,
      dpr: 1,
      theme,
      xy: points.xy,
      marks: { out: [], query: -1 },
      selection: null,
      drag: null,
      lasso: null,
      hover: null,
    });
  try {
    const t0 = performance.now();
    const loaded = await client.load(points.xy.slice(), points.rows.slice());
    const fit = fitView(loaded.bounds, size);
    view = fit;
    await client.colour(null, codePalette(0, [], 0, 0xffa77949));
    const first = await client.render({ view, width: W, height: H, scale: 1 });
    if (!first) throw new Error('the first picture was superseded');
    paint(first, view);
    draw();
    await frame();
    const firstMs = performance.now() - t0;
    const grid = await client.index();

    // Colour by a 12-value column, then zoom in towards a point and pan, one step per frame.
    const n = points.rows.length;
    const codes = Uint16Array.from({ length: n }, (_, i) => (i % 12) + 1);
    const palette = Array.from({ length: 12 }, (_, i) => (0xff000000 | (i * 0x151515)) >>> 0);
    await client.colour(codes, codePalette(12, palette, 0xff888888));
    const frames: number[] = [];
    const exact: number[] = [];
    const renderMs: number[] = [];
    const drawMs: number[] = [];
    let last = await frame();
    const end = last + seconds * 1000;
    let step = 0;
    while (performance.now() < end) {
      step++;
      view =
        step % 2 === 0
          ? zoomAt(view, fit, size, 1.03, W * 0.4, H * 0.45)
          : panBy(view, step % 40 < 20 ? 4 : -4, step % 60 < 30 ? 3 : -3);
      const asked = performance.now();
      const shown = view;
      void client.render({ view, width: W, height: H, scale: 1 }).then((r) => {
        if (!r) return;
        paint(r, shown);
        exact.push(performance.now() - asked);
        renderMs.push(r.ms);
      });
      const d0 = performance.now();
      draw();
      drawMs.push(performance.now() - d0);
      const now = await frame();
      frames.push(now - last);
      last = now;
    }
    // Hover picks at spread points of the whole map (the view that fits every point: the
    // densest cells), one at a time as the view sends them.
    const pickMs: number[] = [];
    const radius = 8 / fit.k;
    for (let i = 0; i < 60; i++) {
      const b = loaded.bounds;
      const x = b.x0 + ((i * 0.618) % 1) * (b.x1 - b.x0);
      const y = b.y0 + ((i * 0.382) % 1) * (b.y1 - b.y0);
      const p0 = performance.now();
      await client.pick(x, y, radius);
      pickMs.push(performance.now() - p0);
    }
    if (failure) throw failure;
    return {
      pickMs,
      points: n,
      firstMs,
      gridMs: grid.ms,
      frames,
      exact,
      renderMs,
      drawMs,
    };
  } finally {
    client.dispose();
    canvas.remove();
  }
}

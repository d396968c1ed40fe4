import type { MapView } from './view';

/**
 * The map's picture as pixels (one Uint32 per pixel, 0xAABBGGRR as ImageData stores it), binned in
 * one pass over the points: every pixel counts the points that land on it and sums their colours,
 * then takes their mean colour and an opacity that grows with the count (a density raster). Zoomed
 * out at 1M points this is what shows; zoomed in, the same pass splats each point on a 2×2 or 3×3
 * square so single points stay visible. Points whose colour is fully transparent (a value hidden in
 * the legend) are left out. No per-point drawing calls, no GPU.
 */
export interface RasterInput {
  xy: Float32Array;
  /** One colour code per point (indexes `colours`), or null: every point is colours[0]. */
  codes: Uint16Array | null;
  colours: Uint32Array;
  view: MapView;
  width: number;
  height: number;
  /** Pixels per CSS pixel: points grow with it. */
  scale?: number;
}

export interface RasterScratch {
  count: Uint32Array;
  r: Uint32Array;
  g: Uint32Array;
  b: Uint32Array;
  at: Int32Array;
  /** Pixels touched by this picture (so clearing and composing cost what the points cost). */
  touched: Int32Array;
}

export interface RasterResult {
  pixels: Uint32Array;
  /** Points inside the canvas (not counting hidden ones). */
  inView: number;
  /** Side of each point's square, in pixels. */
  pointSize: number;
}

/** Opacity (0–255) of a pixel holding `count` points: 1 point is clearly visible, 8 or more opaque. */
export function densityAlpha(count: number): number {
  if (count <= 0) return 0;
  return Math.min(255, Math.round(190 + 22 * Math.log2(count)));
}

/** Side of a point's square: bigger when few points share the canvas. */
export function pointSizeFor(inView: number, pixels: number, scale = 1): number {
  const density = inView / Math.max(1, pixels);
  const base = density < 0.002 ? 4 : density < 0.02 ? 3 : density < 0.1 ? 2 : 1;
  return Math.max(1, Math.round(base * scale));
}

function scratchFor(n: number, pixels: number, s: RasterScratch | undefined): RasterScratch {
  if (s && s.count.length >= pixels && s.at.length >= n) return s;
  // Zero-filled when made; afterwards each picture clears only the pixels it touched.
  return {
    count: new Uint32Array(pixels),
    r: new Uint32Array(pixels),
    g: new Uint32Array(pixels),
    b: new Uint32Array(pixels),
    at: new Int32Array(n),
    touched: new Int32Array(pixels),
  };
}

export function rasterize(
  input: RasterInput,
  reuse?: RasterScratch,
): RasterResult & { scratch: RasterScratch } {
  const { xy, codes, colours, view, width, height } = input;
  const n = xy.length >> 1;
  const pixels = width * height;
  const s = scratchFor(n, pixels, reuse);
  const { count, r, g, b, at, touched } = s;
  let touchedCount = 0;
  const hw = width / 2 - view.cx * view.k;
  const hh = height / 2 + view.cy * view.k;
  const k = view.k;
  // Pass 1: where each point lands (its top-left pixel; -1 outside or hidden), binned as a
  // 1-pixel point at once: zoomed out, where most points are, that is the picture.
  let inView = 0;
  for (let i = 0; i < n; i++) {
    const px = Math.floor((xy[2 * i] as number) * k + hw);
    const py = Math.floor(hh - (xy[2 * i + 1] as number) * k);
    const colour = colours[codes ? (codes[i] as number) : 0] ?? 0;
    // A fully transparent colour is a hidden value (legend): not drawn, not counted.
    if (px < 0 || px >= width || py < 0 || py >= height || colour >>> 24 === 0) {
      at[i] = -1;
      continue;
    }
    const p = py * width + px;
    at[i] = p;
    inView++;
    if (count[p] === 0) touched[touchedCount++] = p;
    count[p] = (count[p] as number) + 1;
    r[p] = (r[p] as number) + (colour & 0xff);
    g[p] = (g[p] as number) + ((colour >>> 8) & 0xff);
    b[p] = (b[p] as number) + ((colour >>> 16) & 0xff);
  }
  const size = pointSizeFor(inView, pixels, input.scale ?? 1);
  if (size > 1) {
    // Few points on the canvas: bin again, each point on its size × size square.
    for (let t = 0; t < touchedCount; t++) {
      const q = touched[t] as number;
      count[q] = 0;
      r[q] = 0;
      g[q] = 0;
      b[q] = 0;
    }
    touchedCount = 0;
    const lo = -((size - 1) >> 1);
    const hi = lo + size - 1;
    for (let i = 0; i < n; i++) {
      const p = at[i] as number;
      if (p < 0) continue;
      const colour = colours[codes ? (codes[i] as number) : 0] ?? 0;
      const cr = colour & 0xff;
      const cg = (colour >>> 8) & 0xff;
      const cb = (colour >>> 16) & 0xff;
      const px = p % width;
      const py = (p - px) / width;
      for (let dy = lo; dy <= hi; dy++) {
        const y = py + dy;
        if (y < 0 || y >= height) continue;
        for (let dx = lo; dx <= hi; dx++) {
          const x = px + dx;
          if (x < 0 || x >= width) continue;
          const q = y * width + x;
          if (count[q] === 0) touched[touchedCount++] = q;
          count[q] = (count[q] as number) + 1;
          r[q] = (r[q] as number) + cr;
          g[q] = (g[q] as number) + cg;
          b[q] = (b[q] as number) + cb;
        }
      }
    }
  }
  // Pass 3: mean colour, opacity by count, on the touched pixels only; then clear them.
  const out = new Uint32Array(pixels);
  for (let t = 0; t < touchedCount; t++) {
    const q = touched[t] as number;
    const c = count[q] as number;
    const a = densityAlpha(c);
    out[q] =
      ((a << 24) |
        ((Math.round((b[q] as number) / c) & 0xff) << 16) |
        ((Math.round((g[q] as number) / c) & 0xff) << 8) |
        (Math.round((r[q] as number) / c) & 0xff)) >>>
      0;
    count[q] = 0;
    r[q] = 0;
    g[q] = 0;
    b[q] = 0;
  }
  return { pixels: out, inView, pointSize: size, scratch: s };
}

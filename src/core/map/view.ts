/**
 * The map's view: which part of the projected plane a canvas of `width` × `height` pixels shows.
 * A view is a centre in data units and a scale `k` (pixels per data unit); screen y grows downwards,
 * data y upwards. Everything here is pure so the pan, zoom and keyboard steps are unit-tested.
 */
export interface MapView {
  cx: number;
  cy: number;
  /** Pixels per data unit. */
  k: number;
}

export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Size {
  width: number;
  height: number;
}

/** How far out and in the user may zoom, relative to the view that fits every point. */
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 20_000;

/** The bounding box of x, y pairs; a degenerate box (one point, or none) is widened to one unit. */
export function boundsOf(xy: Float32Array): Bounds {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    const x = xy[i] as number;
    const y = xy[i + 1] as number;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!(x1 >= x0)) [x0, x1] = [-0.5, 0.5];
  if (!(y1 >= y0)) [y0, y1] = [-0.5, 0.5];
  if (x1 === x0) [x0, x1] = [x0 - 0.5, x1 + 0.5];
  if (y1 === y0) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  return { x0, y0, x1, y1 };
}

/** The view that shows every point of `b` with `margin` pixels to spare on each side. */
export function fitView(b: Bounds, size: Size, margin = 12): MapView {
  const w = Math.max(1, size.width - 2 * margin);
  const h = Math.max(1, size.height - 2 * margin);
  const k = Math.min(w / (b.x1 - b.x0), h / (b.y1 - b.y0));
  return { cx: (b.x0 + b.x1) / 2, cy: (b.y0 + b.y1) / 2, k };
}

export function toScreen(v: MapView, size: Size, x: number, y: number): [number, number] {
  return [(x - v.cx) * v.k + size.width / 2, size.height / 2 - (y - v.cy) * v.k];
}

export function toData(v: MapView, size: Size, sx: number, sy: number): [number, number] {
  return [(sx - size.width / 2) / v.k + v.cx, v.cy - (sy - size.height / 2) / v.k];
}

/** Zoom by `factor` keeping the data point under (sx, sy) where it is; k stays within fit × [MIN, MAX]. */
export function zoomAt(
  v: MapView,
  fit: MapView,
  size: Size,
  factor: number,
  sx: number,
  sy: number,
): MapView {
  const k = Math.min(fit.k * MAX_ZOOM, Math.max(fit.k * MIN_ZOOM, v.k * factor));
  const [x, y] = toData(v, size, sx, sy);
  return { k, cx: x - (sx - size.width / 2) / k, cy: y + (sy - size.height / 2) / k };
}

/** Move the picture by (dx, dy) screen pixels (a drag to the right shows what was on the left). */
export function panBy(v: MapView, dx: number, dy: number): MapView {
  return { k: v.k, cx: v.cx - dx / v.k, cy: v.cy + dy / v.k };
}

/**
 * What a key does to the view: + / = zoom in, − / _ zoom out (about the centre), arrows pan by a
 * tenth of the canvas, 0 or Home resets; null for any other key.
 */
export function keyStep(key: string, v: MapView, fit: MapView, size: Size): MapView | null {
  const stepX = size.width / 10;
  const stepY = size.height / 10;
  switch (key) {
    case '+':
    case '=':
      return zoomAt(v, fit, size, 1.5, size.width / 2, size.height / 2);
    case '-':
    case '_':
      return zoomAt(v, fit, size, 1 / 1.5, size.width / 2, size.height / 2);
    case 'ArrowLeft':
      return panBy(v, stepX, 0);
    case 'ArrowRight':
      return panBy(v, -stepX, 0);
    case 'ArrowUp':
      return panBy(v, 0, stepY);
    case 'ArrowDown':
      return panBy(v, 0, -stepY);
    case '0':
    case 'Home':
      return fit;
    default:
      return null;
  }
}

/**
 * A picture drawn for view `a` shown for view `b` (same canvas size): draw it scaled by `s` at
 * (tx, ty). Lets the canvas follow a drag or a wheel at once while the exact picture is rendered.
 */
export function relativeTransform(a: MapView, b: MapView, size: Size): { s: number; tx: number; ty: number } {
  const s = b.k / a.k;
  return {
    s,
    tx: (size.width / 2) * (1 - s) + (a.cx - b.cx) * b.k,
    ty: (size.height / 2) * (1 - s) - (a.cy - b.cy) * b.k,
  };
}

/** The data rectangle between two screen corners, in any order. */
export function screenBoxToData(
  v: MapView,
  size: Size,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): Bounds {
  const [x0, y0] = toData(v, size, Math.min(ax, bx), Math.max(ay, by));
  const [x1, y1] = toData(v, size, Math.max(ax, bx), Math.min(ay, by));
  return { x0, y0, x1, y1 };
}

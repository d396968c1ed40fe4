import type { Bounds } from './view';

/**
 * The lasso's geometry: a closed polygon as x, y pairs (the last vertex joins the first), any shape
 * (concave, self-touching). A point on an edge or a vertex is inside, as the box's edges are. Pure.
 */

/** The bounding box of a polygon's vertices (null for fewer than three: no area to select). */
export function polygonBounds(poly: ArrayLike<number>): Bounds | null {
  const n = poly.length >> 1;
  if (n < 3) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = poly[2 * i] as number;
    const y = poly[2 * i + 1] as number;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return { x0, y0, x1, y1 };
}

/**
 * Whether (x, y) is inside the polygon or on its boundary: the even-odd rule (a ray to the right
 * crosses the edges an odd number of times; an edge counts when one end is strictly above the point
 * and the other at or below, so a vertex on the ray counts once), after an exact on-edge test.
 */
export function pointInPolygon(poly: ArrayLike<number>, x: number, y: number): boolean {
  const n = poly.length >> 1;
  if (n < 3) return false;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = poly[2 * i] as number;
    const yi = poly[2 * i + 1] as number;
    const xj = poly[2 * j] as number;
    const yj = poly[2 * j + 1] as number;
    if (onSegment(xj, yj, xi, yi, x, y)) return true;
    if (yi > y !== yj > y) {
      const cross = xj + ((y - yj) * (xi - xj)) / (yi - yj);
      if (x < cross) inside = !inside;
    }
  }
  return inside;
}

function onSegment(ax: number, ay: number, bx: number, by: number, x: number, y: number): boolean {
  if (x < Math.min(ax, bx) || x > Math.max(ax, bx) || y < Math.min(ay, by) || y > Math.max(ay, by))
    return false;
  // Collinear within rounding of the segment's own size (data units are arbitrary).
  const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  const scale = Math.abs(bx - ax) + Math.abs(by - ay);
  return Math.abs(cross) <= 1e-9 * scale * scale;
}

import { pointInPolygon, polygonBounds } from './polygon';
import type { Bounds } from './view';

/**
 * A uniform bucket grid over the map's points, built once (a counting sort: two passes, three
 * typed arrays, no per-point objects), so that hovering finds the nearest point by looking at a
 * few cells instead of every point, and a box selection reads whole cells.
 */
export interface PointGrid {
  bounds: Bounds;
  /** Cells per side. */
  side: number;
  /** Points of cell c are order[start[c] .. start[c + 1]). */
  start: Uint32Array;
  order: Uint32Array;
  xy: Float32Array;
}

/** About `perCell` points per cell when spread evenly; at most 2048 cells per side. */
export function buildPointGrid(xy: Float32Array, bounds: Bounds, perCell = 4): PointGrid {
  const n = xy.length >> 1;
  const side = Math.max(1, Math.min(2048, Math.ceil(Math.sqrt(n / perCell))));
  const cells = side * side;
  const cellOf = new Uint32Array(n);
  const start = new Uint32Array(cells + 1);
  const sx = side / (bounds.x1 - bounds.x0);
  const sy = side / (bounds.y1 - bounds.y0);
  for (let i = 0; i < n; i++) {
    const c = cellIndex(xy[2 * i] as number, xy[2 * i + 1] as number, bounds, side, sx, sy);
    cellOf[i] = c;
    start[c + 1] = (start[c + 1] as number) + 1;
  }
  for (let c = 0; c < cells; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const fill = start.slice(0, cells);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const c = cellOf[i] as number;
    order[fill[c] as number] = i;
    fill[c] = (fill[c] as number) + 1;
  }
  return { bounds, side, start, order, xy };
}

function clampCell(v: number, side: number): number {
  return v < 0 ? 0 : v >= side ? side - 1 : Math.floor(v);
}

function cellIndex(x: number, y: number, b: Bounds, side: number, sx: number, sy: number): number {
  return clampCell((y - b.y0) * sy, side) * side + clampCell((x - b.x0) * sx, side);
}

/** Cells overlapping [x0, x1] × [y0, y1], as column and row ranges. */
function cellRange(g: PointGrid, x0: number, y0: number, x1: number, y1: number) {
  const { bounds: b, side } = g;
  const sx = side / (b.x1 - b.x0);
  const sy = side / (b.y1 - b.y0);
  return {
    c0: clampCell((x0 - b.x0) * sx, side),
    c1: clampCell((x1 - b.x0) * sx, side),
    r0: clampCell((y0 - b.y0) * sy, side),
    r1: clampCell((y1 - b.y0) * sy, side),
  };
}

/** Which points count (a hidden legend value's points do not); every point when absent. */
export type PointFilter = (i: number) => boolean;

/**
 * The point nearest (x, y) within `radius` (data units) that `accept` takes, or -1. Ties go to the
 * lower index, so the answer does not depend on the grid's cell size.
 */
export function nearestPoint(
  g: PointGrid,
  x: number,
  y: number,
  radius: number,
  accept?: PointFilter,
): number {
  if (!(radius >= 0) || g.order.length === 0) return -1;
  const { c0, c1, r0, r1 } = cellRange(g, x - radius, y - radius, x + radius, y + radius);
  let best = -1;
  let bestD = radius * radius;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * g.side + c;
      for (let j = g.start[cell] as number, end = g.start[cell + 1] as number; j < end; j++) {
        const i = g.order[j] as number;
        if (accept && !accept(i)) continue;
        const dx = (g.xy[2 * i] as number) - x;
        const dy = (g.xy[2 * i + 1] as number) - y;
        const d = dx * dx + dy * dy;
        if (d < bestD || (d === bestD && (best < 0 || i < best))) {
          best = i;
          bestD = d;
        }
      }
    }
  }
  return best;
}

/** Indexes of the points inside the box (edges included) that `accept` takes, ascending. */
export function pointsInBox(g: PointGrid, box: Bounds, accept?: PointFilter): Uint32Array {
  const x0 = Math.min(box.x0, box.x1);
  const x1 = Math.max(box.x0, box.x1);
  const y0 = Math.min(box.y0, box.y1);
  const y1 = Math.max(box.y0, box.y1);
  const { c0, c1, r0, r1 } = cellRange(g, x0, y0, x1, y1);
  const out: number[] = [];
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * g.side + c;
      for (let j = g.start[cell] as number, end = g.start[cell + 1] as number; j < end; j++) {
        const i = g.order[j] as number;
        const x = g.xy[2 * i] as number;
        const y = g.xy[2 * i + 1] as number;
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && (!accept || accept(i))) out.push(i);
      }
    }
  }
  return Uint32Array.from(out).sort();
}

/**
 * Indexes of the points inside the polygon (x, y pairs; edges and vertices included) that `accept`
 * takes, ascending: the cells under its bounding box, then the even-odd test (core/map/polygon.ts).
 */
export function pointsInPolygon(g: PointGrid, poly: ArrayLike<number>, accept?: PointFilter): Uint32Array {
  const b = polygonBounds(poly);
  if (!b) return new Uint32Array(0);
  const inBox = pointsInBox(g, b, accept);
  return inBox.filter((i) => pointInPolygon(poly, g.xy[2 * i] as number, g.xy[2 * i + 1] as number));
}

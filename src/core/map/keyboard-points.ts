import { toScreen, type MapView, type Size } from './view';

/**
 * The map from the keyboard (docs/similar.md, "The map"): N and P (or Alt+→ and Alt+←) step a
 * keyboard hover through the points that matter — the query and its results in rank order when a
 * search is on the map, otherwise the points nearest to the centre of the view — showing the same
 * tooltip as the mouse hover; Enter opens that row. Pure, so the keys, the order and the wording are
 * unit-tested.
 */

/** How many points nearest to the view's centre N and P step through when there is no search. */
export const NEAREST_STEPS = 20;

/** +1 (next) or −1 (previous) for a key that steps the keyboard hover, null for any other key. */
export function pointStepOf(e: {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}): 1 | -1 | null {
  if (e.ctrlKey || e.metaKey) return null;
  if (e.altKey) return e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : null;
  if (e.key === 'n' || e.key === 'N') return 1;
  if (e.key === 'p' || e.key === 'P') return -1;
  return null;
}

/** The next position among `count` targets from `current` (null: none yet), wrapping at both ends. */
export function stepIndex(count: number, current: number | null, delta: 1 | -1): number | null {
  if (count <= 0) return null;
  if (current === null || current < 0 || current >= count) return delta > 0 ? 0 : count - 1;
  return (current + delta + count) % count;
}

/**
 * The point indexes of `ranked` rows (`__row`s, the query first, then the results best first), in
 * that order, skipping rows that are not on the map or not `accept`ed (a value hidden in the legend).
 */
export function rankedPoints(
  rows: ArrayLike<number>,
  ranked: readonly number[],
  accept?: (point: number) => boolean,
): number[] {
  const wanted = new Map<number, number>();
  ranked.forEach((r, i) => {
    if (!wanted.has(r)) wanted.set(r, i);
  });
  const found: { point: number; rank: number }[] = [];
  for (let i = 0; i < rows.length && wanted.size > 0; i++) {
    const rank = wanted.get(rows[i] as number);
    if (rank === undefined || (accept && !accept(i))) continue;
    found.push({ point: i, rank });
    wanted.delete(rows[i] as number);
  }
  return found.sort((a, b) => a.rank - b.rank).map((f) => f.point);
}

/**
 * The `k` points nearest to (x, y) (data units), nearest first, ties by point index; NaN
 * coordinates and points not `accept`ed are left out. One pass, keeping the k best in a small sorted
 * list: at 1M points a key press costs a few milliseconds.
 */
export function nearestPoints(
  xy: Float32Array,
  x: number,
  y: number,
  k: number,
  accept?: (point: number) => boolean,
): number[] {
  const best: { point: number; d: number }[] = [];
  if (k <= 0) return [];
  for (let i = 0; 2 * i + 1 < xy.length; i++) {
    const dx = (xy[2 * i] as number) - x;
    const dy = (xy[2 * i + 1] as number) - y;
    const d = dx * dx + dy * dy;
    if (!(d >= 0)) continue;
    if (best.length === k && d >= (best[k - 1] as { d: number }).d) continue;
    if (accept && !accept(i)) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1] as { d: number }).d > d) at--;
    best.splice(at, 0, { point: i, d });
    if (best.length > k) best.pop();
  }
  return best.map((b) => b.point);
}

/** The view moved so that (x, y) is at least `margin` pixels inside the canvas: centred on it when it was not. */
export function viewShowing(v: MapView, size: Size, x: number, y: number, margin = 16): MapView {
  const [sx, sy] = toScreen(v, size, x, y);
  const inside = sx >= margin && sx <= size.width - margin && sy >= margin && sy <= size.height - margin;
  return inside ? v : { ...v, cx: x, cy: y };
}

/** What a screen reader hears when the keyboard hover lands on a point. */
export function keyboardPointText(p: {
  /** Position among the points stepped through, from 0, of `count`. */
  position: number;
  count: number;
  /** 'ranked': the query and its results; 'nearest': nearest to the view's centre. */
  kind: 'ranked' | 'nearest';
  isQuery: boolean;
  /** Its rank among the results (1 = best), null when it is not one. */
  rank: number | null;
  id: string | null;
  row: number;
}): string {
  const name = p.id ?? `row ${p.row}`;
  const point = `point ${p.position + 1} of ${p.count}`;
  const what =
    p.kind === 'nearest'
      ? `nearest ${point} to the centre`
      : [p.isQuery ? 'the query' : null, p.rank === null ? null : `rank ${p.rank}`, point]
          .filter((x) => x !== null)
          .join(', ');
  return `${name}: ${what}. Enter opens it.`;
}

/**
 * The points drawn on top of the map: the query's point (−1 when it is not on the map) and the
 * highlighted rows' points (at most `max`, in point order). One scan of the points.
 */
export function markedPoints(
  rows: ArrayLike<number>,
  highlight: ReadonlySet<number>,
  queryRow: number | null,
  max: number,
): { out: number[]; query: number } {
  const out: number[] = [];
  let query = -1;
  if (highlight.size === 0 && queryRow === null) return { out, query };
  for (let i = 0; i < rows.length && (out.length < max || query < 0); i++) {
    const r = rows[i] as number;
    if (r === queryRow) query = i;
    else if (out.length < max && highlight.has(r)) out.push(i);
  }
  return { out, query };
}

import { useMemo, useState, type KeyboardEvent } from 'react';
import {
  NEAREST_STEPS,
  keyboardPointText,
  nearestPoints,
  pointStepOf,
  rankedPoints,
  stepIndex,
  viewShowing,
} from '../../core/map/keyboard-points';
import { toScreen, type MapView, type Size } from '../../core/map/view';
import type { Hover } from './use-map-hover';

/**
 * The map's keyboard hover (docs/similar.md, "The map"): N / P (Alt+→ / Alt+←) step through the
 * query and its results in rank order, or, with no search on the map, the points nearest to the
 * view's centre; the stepped point gets the mouse hover's ring and tooltip, the view follows it
 * when it is off the canvas, Enter opens it, Esc lets it go; an aria-live text names it.
 */

interface Stepping {
  targets: number[];
  at: number;
  kind: 'ranked' | 'nearest';
}

export function useMapKeyboard(o: {
  rows: Float64Array;
  xy: Float32Array;
  /** The results' `__row`s, best first: the query (when on the map), then these are stepped through. */
  results: readonly number[];
  queryRow: number | null;
  /** Whether point i is drawn (a value hidden in the legend is not). */
  visible: ((point: number) => boolean) | undefined;
  hover: Hover | null;
  hoverPoint(hit: Omit<Hover, 'info'>): void;
  clearHover(): void;
  view(): MapView;
  size: Size;
  /** Moves the view without ending the hover (the keyboard's own pan to a point). */
  showView(next: MapView): void;
  onOpenRow?: ((row: number) => void) | undefined;
}) {
  const { rows, xy, results, queryRow, visible, hover } = o;
  // A new search, new points or another legend: the next step starts over.
  const targetsKey = useMemo(
    () => ({ rows, results, queryRow, visible }),
    [rows, results, queryRow, visible],
  );
  const [stepped, setStepped] = useState<(Stepping & { key: object }) | null>(null);
  const s = stepped && stepped.key === targetsKey ? stepped : null;
  const [message, setMessage] = useState('');

  // Said once the point's id is read (the tooltip's text), not before.
  const target = s ? s.targets[s.at] : undefined;
  const announce =
    s && hover && target !== undefined && rows[target] === hover.row && hover.info
      ? keyboardPointText({
          position: s.at,
          count: s.targets.length,
          kind: s.kind,
          isQuery: s.kind === 'ranked' && hover.row === queryRow,
          rank: s.kind === 'ranked' && results.includes(hover.row) ? results.indexOf(hover.row) + 1 : null,
          id: hover.info.id,
          row: hover.row,
        })
      : message;

  const start = (): Stepping => {
    const fromSearch = rankedPoints(rows, queryRow === null ? results : [queryRow, ...results], visible);
    if (fromSearch.length > 0) return { targets: fromSearch, at: -1, kind: 'ranked' };
    const v = o.view();
    return { targets: nearestPoints(xy, v.cx, v.cy, NEAREST_STEPS, visible), at: -1, kind: 'nearest' };
  };

  /** Handles the key when it is one of the hover's; true when it did. */
  const onKey = (e: KeyboardEvent<HTMLElement>): boolean => {
    const delta = pointStepOf(e);
    if (delta !== null) {
      e.preventDefault();
      const cur = s ?? start();
      const at = stepIndex(cur.targets.length, cur.at < 0 ? null : cur.at, delta);
      if (at === null) {
        setMessage('No point to step to on the map.');
        return true;
      }
      setStepped({ ...cur, at, key: targetsKey });
      setMessage('');
      const point = cur.targets[at] as number;
      const x = xy[2 * point] as number;
      const y = xy[2 * point + 1] as number;
      const v = viewShowing(o.view(), o.size, x, y);
      if (v !== o.view()) o.showView(v);
      const [sx, sy] = toScreen(v, o.size, x, y);
      o.hoverPoint({ row: rows[point] as number, x, y, sx, sy });
      return true;
    }
    if (e.key === 'Enter' && hover) {
      e.preventDefault();
      o.onOpenRow?.(hover.row);
      return true;
    }
    if (e.key === 'Escape' && hover) {
      e.preventDefault();
      reset();
      o.clearHover();
      return true;
    }
    return false;
  };

  /** The view moved by other means (drag, wheel, keys): the next step starts over from it. */
  function reset() {
    setStepped(null);
    setMessage('');
  }

  return { onKey, reset, announce };
}

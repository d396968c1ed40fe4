import { useLayoutEffect, useRef, useState } from 'react';
import type { HoverInfo } from './vector-map';

/** The hovered point: its `__row`, where it is, where its tooltip goes, and its id and text once read. */
export interface Hover {
  row: number;
  /** The point, in data units. */
  x: number;
  y: number;
  /** Where the tooltip goes, in CSS pixels of the canvas (hover ends when the view changes). */
  sx: number;
  sy: number;
  info: HoverInfo | null;
}

/**
 * Hover on the map: one pick (the map worker's grid) in flight at a time, the newest pointer
 * position next, so a fast mouse never queues stale picks; a new point aborts the previous point's
 * row lookup.
 */
export type PointPick = (
  x: number,
  y: number,
) => Promise<{ row: number; x: number; y: number; sx: number; sy: number } | null>;

export function useMapHover(describe: (row: number, signal: AbortSignal) => Promise<HoverInfo>) {
  const [hover, setHover] = useState<Hover | null>(null);
  const current = useRef<Hover | null>(null);
  useLayoutEffect(() => {
    current.current = hover;
  });
  const lookup = useRef<AbortController | null>(null);
  const picking = useRef<{ busy: boolean; next: { x: number; y: number } | null }>({
    busy: false,
    next: null,
  });

  /** Shows `hit` hovered (the mouse's pick, or the keyboard's step) and reads its id and text. */
  const hoverPoint = (hit: Omit<Hover, 'info'>) => {
    lookup.current?.abort();
    const ctl = new AbortController();
    lookup.current = ctl;
    setHover({ ...hit, info: null });
    describe(hit.row, ctl.signal).then(
      (info) => {
        if (!ctl.signal.aborted) setHover((h) => (h && h.row === hit.row ? { ...h, info } : h));
      },
      () => undefined,
    );
  };

  /** `pick` finds the point under (x, y); `stillHovering` says whether a queued position still matters. */
  const hoverAt = (x: number, y: number, pick: PointPick, stillHovering: () => boolean) => {
    const state = picking.current;
    if (state.busy) {
      state.next = { x, y };
      return;
    }
    state.busy = true;
    void pick(x, y)
      .then((hit) => {
        const shown = current.current;
        if (!hit) {
          if (shown) setHover(null);
          return;
        }
        if (shown?.row === hit.row) return;
        hoverPoint(hit);
      })
      .catch(() => undefined)
      .finally(() => {
        state.busy = false;
        const next = state.next;
        state.next = null;
        if (next && stillHovering()) hoverAt(next.x, next.y, pick, stillHovering);
      });
  };

  return { hover, setHover, hoverAt, hoverPoint };
}

import { createContext, useCallback, useEffect, useRef, type RefObject } from 'react';
import type { Size } from '../../components/data-grid/grid-metrics';

/**
 * The box the Explore tab lays its view out in, as its ResizeObserver last reported it (null before
 * the first report; 0 × 0 while the tab is hidden). The grid's box is inside it, so it is an upper
 * bound of the grid's size that is known before the grid's first commit. The grid renders the rows
 * that fit in it (a few more than fit in its own box) and measures nothing in that commit: reading
 * its box there forced a layout of the whole new view inside the commit (~20 ms on the path from a
 * drop to its first rows, docs/data-path.md). Its own ResizeObserver corrects the size after the
 * frame is painted.
 */
export const ExploreAreaContext = createContext<() => Size | null>(() => null);

/**
 * A stable getter of `ref`'s content box, kept by a ResizeObserver. Not `useElementSize`
 * (components/dag): that one is state, so every resize would render the whole app around the
 * panel, and it reads the box at once (a layout); the grid only reads this at its mount.
 */
export function useExploreArea(ref: RefObject<HTMLElement | null>): () => Size | null {
  const size = useRef<Size | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) size.current = { width: entry.contentRect.width, height: entry.contentRect.height };
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return useCallback(() => size.current, []);
}

import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { HEADER_HEIGHT, sameSize, type Size } from './grid-metrics';
import {
  rowWindow,
  scrollTopToReveal,
  wheelUnit,
  wheelVirtualTop,
  type RowWindow,
  type RowWindowInput,
} from './row-window';

// Rows are rendered in the frame that scrolls them in (see the scroll listener), so a little
// overscan is enough; every extra row is work in frames that replace the whole window.
const OVERSCAN_ROWS = 2;

export interface ScrollWindow {
  /** The rows to paint, from the scroller's position in the (possibly scaled) scroll space. */
  win: RowWindow;
  /** The scroller's client size (guessed until the first ResizeObserver callback). */
  viewport: Size;
  /** Scrolls the least that brings a row fully into view. */
  revealRow(row: number): void;
}

/**
 * The vertical scroll window: the scroller's size, its position mapped onto the row space
 * (`row-window.ts` scales the space past the browsers' height cap), 1:1 wheel scrolling in a
 * scaled space, and a reset to the top when the source key changes.
 */
export function useScrollWindow({
  scrollerRef,
  sourceKey,
  rowCount,
  rowHeight,
  guessed,
}: {
  scrollerRef: RefObject<HTMLDivElement | null>;
  sourceKey: string;
  rowCount: number;
  rowHeight: number;
  /** The scroller's size guessed before layout (see `scrollerSizeGuess`); null to measure. */
  guessed: Size | null;
}): ScrollWindow {
  const [viewport, setViewport] = useState<Size>(() => guessed ?? { width: 0, height: 0 });
  const [scrollPos, setScrollPos] = useState<{ scrollTop: number; virtualTop: number | null }>({
    scrollTop: 0,
    virtualTop: null,
  });
  // The virtual offset set by wheel scrolling (see below), and the real scrollTop it was set with.
  const wheelPos = useRef<{ virtualTop: number; scrollTop: number } | null>(null);
  // What the listeners need from the latest render, without re-attaching them.
  const scaleRef = useRef({ scale: 1, maxVirtual: 0 });
  const rowHeightRef = useRef(rowHeight);

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const measure = () => {
      const next = { width: el.clientWidth, height: el.clientHeight };
      setViewport((prev) => (sameSize(prev, next) ? prev : next));
    };
    // With a guess, the ResizeObserver's first callback (after the frame's layout) measures.
    if (!guessed) measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    // Scroll events run just before requestAnimationFrame callbacks in the same frame. Rendering
    // in the rAF (not in the listener) lets every scroll listener (the column virtualizer's too)
    // read scroll offsets before the DOM changes, so the frame has one layout instead of a forced
    // one per listener. flushSync keeps the new rows in this frame rather than the next.
    let frame = 0;
    const render = () => {
      frame = 0;
      const top = el.scrollTop;
      const wheel = wheelPos.current;
      // Anything else that moved the scrollbar (a drag, keys, a reveal) hands back to scrollTop.
      if (wheel && Math.abs(wheel.scrollTop - top) > 1) wheelPos.current = null;
      const virtualTop = wheelPos.current?.virtualTop ?? null;
      flushSync(() => setScrollPos({ scrollTop: top, virtualTop }));
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(render);
    };
    // In a scaled scroll space (over ~285K rows) a real pixel is several row pixels, so the wheel
    // would move rows several times farther than it moves any other page (3.5x at 1M rows: 12
    // rows per 100 px notch) and paint that many new rows per frame. The grid takes vertical wheel
    // deltas itself and moves the rows 1:1; the scrollbar still spans every row. At either end the
    // event is left alone, so the page around the grid scrolls on.
    const onWheel = (e: WheelEvent) => {
      const { scale, maxVirtual } = scaleRef.current;
      if (scale <= 1 || e.ctrlKey || e.deltaY === 0) return;
      const unit = wheelUnit(e.deltaMode, rowHeightRef.current, el.clientHeight);
      const current = wheelPos.current?.virtualTop ?? el.scrollTop * scale;
      const next = wheelVirtualTop(current, e.deltaY, unit, maxVirtual);
      if (next === current) return;
      e.preventDefault();
      if (e.deltaX) el.scrollLeft += e.deltaX * unit;
      el.scrollTop = next / scale;
      // Read back: the browser rounds scrollTop; the render keeps the exact virtual offset.
      wheelPos.current = { virtualTop: next, scrollTop: el.scrollTop };
      if (!frame) frame = requestAnimationFrame(render);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
      cancelAnimationFrame(frame);
    };
  }, [guessed, scrollerRef]);

  // A new source (other table, sort, filter) starts at the top.
  const [prevKey, setPrevKey] = useState(sourceKey);
  if (prevKey !== sourceKey) {
    setPrevKey(sourceKey);
    setScrollPos({ scrollTop: 0, virtualTop: null });
  }
  // Back to the top when the rows change. Not at mount: a new scroller is at the top already, and
  // setting scrollTop forces a layout in the commit, before the first page can be rendered.
  const scrolledKey = useRef(sourceKey);
  useLayoutEffect(() => {
    if (scrolledKey.current === sourceKey) return;
    scrolledKey.current = sourceKey;
    wheelPos.current = null;
    if (scrollerRef.current) scrollerRef.current.scrollTop = 0;
  }, [sourceKey, scrollerRef]);

  const viewportHeight = viewport.height - HEADER_HEIGHT;
  const win = rowWindow({
    scrollTop: scrollPos.scrollTop,
    virtualTop: scrollPos.virtualTop,
    viewportHeight,
    rowCount,
    rowHeight,
    overscan: OVERSCAN_ROWS,
  });
  useLayoutEffect(() => {
    rowHeightRef.current = rowHeight;
    scaleRef.current = {
      scale: win.scale,
      maxVirtual: Math.max(0, rowCount * rowHeight - viewportHeight),
    };
  });

  const revealRow = useCallback(
    (row: number) => {
      const el = scrollerRef.current;
      if (!el) return;
      // From the scroller's position now, not the last render's: keys can outrun renders.
      const input: RowWindowInput = {
        scrollTop: el.scrollTop,
        virtualTop: wheelPos.current?.virtualTop,
        viewportHeight,
        rowCount,
        rowHeight,
        overscan: OVERSCAN_ROWS,
      };
      const top = scrollTopToReveal(row, rowWindow(input), input);
      if (top !== null) {
        wheelPos.current = null;
        el.scrollTop = top;
      }
    },
    [scrollerRef, viewportHeight, rowCount, rowHeight],
  );

  return { win, viewport, revealRow };
}

import { useCallback, useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import {
  elementScroll,
  useVirtualizer,
  type Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/react-virtual';
import { clampWidth, type ColumnModel, type VisibleColumn } from './column-model';
import type { Size } from './grid-metrics';

export interface ColumnWindow {
  /** The columns to paint; the same array while they stay the same, so memoized rows skip. */
  visibleColumns: readonly VisibleColumn[];
  /** Width of all columns and the gutter. */
  totalWidth: number;
  /** Sets a column's width (clamped), as a drag or the resize keys ask. */
  setWidth(key: string, width: number): void;
  scrollToColumn(index: number): void;
}

/**
 * The column virtualizer's view of the scroller's size, from a ResizeObserver only: the default
 * reads clientWidth when it attaches, a forced layout in the grid's first commit. Used when the
 * grid starts from a size guess (`initialRect`).
 */
function observeRectAfterLayout(
  instance: Virtualizer<HTMLDivElement, Element>,
  cb: (rect: Size) => void,
): (() => void) | undefined {
  const el = instance.scrollElement;
  if (!el) return undefined;
  // Layout is clean when ResizeObserver callbacks run: reading the size forces nothing.
  const observer = new ResizeObserver(() => cb({ width: el.clientWidth, height: el.clientHeight }));
  observer.observe(el);
  return () => observer.disconnect();
}

type ScrollToFn = VirtualizerOptions<HTMLDivElement, Element>['scrollToFn'];

/**
 * The virtualizer's scroll writes, less the one it makes when it attaches: it sets the new scroller
 * to the offset it starts from (0), where a new scroller already is, and setting scrollLeft forces
 * a layout in the grid's first commit (~20 ms on the path to a file's first rows). Later writes,
 * 0 included (a column scrolled back into view), go through.
 */
export function skipAttachWrite(): ScrollToFn {
  let attached = false;
  return (offset, options, instance) => {
    const first = !attached;
    attached = true;
    if (first && offset === 0 && !options.adjustments) return;
    elementScroll(offset, options, instance);
  };
}

/**
 * Column widths (defaults, user resizes) and the horizontal window. Columns are few and fit in real
 * pixels, so `@tanstack/react-virtual` windows them, with the row-number gutter as its padding.
 */
export function useColumnWindow({
  columns,
  gutter,
  scrollerRef,
  guessed,
}: {
  columns: readonly ColumnModel[];
  gutter: number;
  scrollerRef: RefObject<HTMLDivElement | null>;
  guessed: Size | null;
}): ColumnWindow {
  const [widths, setWidths] = useState<Record<string, number>>({});
  const [scrollToFn] = useState(skipAttachWrite);
  const widthOf = useCallback(
    (c: ColumnModel | undefined) => (c ? (widths[c.key] ?? c.defaultWidth) : 0),
    [widths],
  );

  // The app does not run the React Compiler; the virtualizer's unstable functions are fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const colVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: (i) => widthOf(columns[i]),
    getItemKey: (i) => columns[i]?.key ?? i,
    overscan: 1,
    paddingStart: gutter,
    scrollPaddingStart: gutter,
    scrollToFn,
    ...(guessed ? { initialRect: guessed, observeElementRect: observeRectAfterLayout } : {}),
  });
  useLayoutEffect(() => {
    colVirtualizer.measure();
  }, [colVirtualizer, widths, columns, gutter]);

  const virtualColumns = colVirtualizer.getVirtualItems();
  const columnsKey = virtualColumns.map((c) => `${c.index}:${c.start}:${c.size}`).join(',');
  const visibleColumns = useMemo<VisibleColumn[]>(
    () =>
      columnsKey
        ? columnsKey.split(',').map((part) => {
            const [index = 0, start = 0, size = 0] = part.split(':').map(Number);
            return { index, start, size };
          })
        : [],
    [columnsKey],
  );

  const setWidth = useCallback((key: string, width: number) => {
    setWidths((w) => ({ ...w, [key]: clampWidth(width) }));
  }, []);
  const scrollToColumn = useCallback(
    (index: number) => colVirtualizer.scrollToIndex(index, { align: 'auto' }),
    [colVirtualizer],
  );

  return { visibleColumns, totalWidth: colVirtualizer.getTotalSize(), setWidth, scrollToColumn };
}

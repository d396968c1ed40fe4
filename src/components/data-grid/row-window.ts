/**
 * Vertical windowing for very tall grids.
 *
 * Browsers cap an element's height (Chromium ~33.5M px, Firefox ~17.9M px, beyond which
 * scrollHeight is clamped and rows past the cap cannot be reached). 1,000,000 rows x 28 px is 28M px,
 * so the scroll space is scaled: the scrolled content is at most MAX_SCROLL_PX tall, and a real
 * scrollTop maps linearly onto a "virtual" offset in the full row space. Rows are painted in a sticky
 * layer at their virtual position minus the virtual offset, so everything on screen is at its true
 * pixel size; only the scrollbar thumb moves faster (3 virtual px per real px at 1M rows).
 *
 * This is why rows are not virtualized with @tanstack/react-virtual: it positions items in real
 * scroll pixels (so it would hit the cap) and keeps one measurement object per row (1M objects at
 * 1M rows). Columns are few and fit in real pixels, and do use it.
 */
export const MAX_SCROLL_PX = 8_000_000;

export interface RowWindowInput {
  /** Real scrollTop of the scroll container. */
  scrollTop: number;
  /**
   * The virtual offset when the grid itself set it (wheel scrolling moves the rows 1:1, finer than
   * a real pixel): used instead of `scrollTop x scale`, clamped to the row space.
   */
  virtualTop?: number | null;
  /** Height available for body rows (client height minus the header). */
  viewportHeight: number;
  rowCount: number;
  rowHeight: number;
  /** Extra rows rendered above and below the viewport. */
  overscan?: number;
  maxScrollPx?: number;
}

export interface RowWindow {
  /** Real height of the scrolled body content. */
  scrollHeight: number;
  /** Offset of the viewport's top edge in the full (unscaled) row space, px. */
  virtualTop: number;
  /** Rows [start, end) to render, overscan included. */
  start: number;
  end: number;
  /** Rows [visibleStart, visibleEnd) at least partly on screen. */
  visibleStart: number;
  visibleEnd: number;
  /** Virtual px per real px (1 when no scaling is needed). */
  scale: number;
}

export function rowWindow(input: RowWindowInput): RowWindow {
  const { rowCount, rowHeight } = input;
  const viewportHeight = Math.max(0, input.viewportHeight);
  const overscan = input.overscan ?? 4;
  const totalVirtual = rowCount * rowHeight;
  const scrollHeight = Math.min(totalVirtual, input.maxScrollPx ?? MAX_SCROLL_PX);
  const maxReal = Math.max(0, scrollHeight - viewportHeight);
  const maxVirtual = Math.max(0, totalVirtual - viewportHeight);
  const scale = maxReal > 0 ? maxVirtual / maxReal : 1;
  const virtualTop = Math.min(maxVirtual, Math.max(0, input.virtualTop ?? input.scrollTop * scale));
  const visibleStart = Math.min(rowCount, Math.floor(virtualTop / rowHeight));
  const visibleEnd = Math.min(rowCount, Math.ceil((virtualTop + viewportHeight) / rowHeight));
  return {
    scrollHeight,
    virtualTop,
    start: Math.max(0, visibleStart - overscan),
    end: Math.min(rowCount, visibleEnd + overscan),
    visibleStart,
    visibleEnd,
    scale,
  };
}

/**
 * The real scrollTop that brings `row` into view with the least movement (or null when it already
 * is fully visible).
 */
export function scrollTopToReveal(row: number, window: RowWindow, input: RowWindowInput): number | null {
  const top = row * input.rowHeight;
  const bottom = top + input.rowHeight;
  let virtual: number;
  if (top < window.virtualTop) virtual = top;
  else if (bottom > window.virtualTop + input.viewportHeight) virtual = bottom - input.viewportHeight;
  else return null;
  return virtual / window.scale;
}

/** Pixels per unit of a wheel delta: `deltaMode` 0 is pixels, 1 lines (a row each), 2 pages. */
export function wheelUnit(deltaMode: number, rowHeight: number, pageHeight: number): number {
  return deltaMode === 1 ? rowHeight : deltaMode === 2 ? pageHeight : 1;
}

/**
 * The virtual offset after a vertical wheel delta when the grid moves rows 1:1 in a scaled scroll
 * space (a native wheel would move them `scale` times farther), clamped to [0, maxVirtual].
 */
export function wheelVirtualTop(current: number, deltaY: number, unit: number, maxVirtual: number): number {
  return Math.min(maxVirtual, Math.max(0, current + deltaY * unit));
}

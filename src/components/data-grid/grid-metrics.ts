/**
 * The grid's fixed sizes. The header and status heights match data-grid.css; they are here because
 * the row window and the first commit's size guess need them before anything is laid out.
 */
export const HEADER_HEIGHT = 34;
export const DEFAULT_ROW_HEIGHT = 28;
export const DEFAULT_PAGE_SIZE = 256;
/** The status line under the scroller (min-height, padding and border), for a size guess. */
const STATUS_HEIGHT = 33;
/** The grid's border (1 px each side), for a size guess. */
const BORDER = 2;

export interface Size {
  width: number;
  height: number;
}

export const sameSize = (a: Size, b: Size) => a.width === b.width && a.height === b.height;

/**
 * The scroller's size from the grid's outer size when the owner knows it before layout (null when
 * it does not): the first commit can then render the rows that fit without measuring, which would
 * force a layout inside the commit.
 */
export function scrollerSizeGuess(outer: Size | null | undefined): Size | null {
  if (!outer || !(outer.width > 0) || !(outer.height > 0)) return null;
  return {
    width: Math.max(0, outer.width - BORDER),
    height: Math.max(0, outer.height - BORDER - STATUS_HEIGHT),
  };
}

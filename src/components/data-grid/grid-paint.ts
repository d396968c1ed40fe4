import type { VisibleColumn } from './column-model';

/**
 * Rows sit at fixed offsets from an anchor row that only changes every ANCHOR_ROWS rows, and the
 * body layer moves under them: a row that stays on screen keeps its props (React skips it) and its
 * pixels (the browser only moves the layer).
 */
export const ANCHOR_ROWS = 512;

export function anchorRow(firstPainted: number): number {
  return firstPainted - (firstPainted % ANCHOR_ROWS);
}

/** The DOM id of a cell, for aria-activedescendant. */
export function cellId(gridId: string, row: number, col: number): string {
  return `${gridId}-r${row}-c${col}`;
}

// The theme's quiet surface colour (src/app/global.css), so the bars follow the dark theme too.
const PENDING_BAR = 'var(--panel-3)';

/**
 * A row whose page is loading is one element: its grey bars (one per visible column, 60 % of the
 * column, 8 px tall, centred) are layers of one CSS background, the same string for every such row.
 */
export function pendingRowBackground(visibleColumns: readonly VisibleColumn[]): string {
  return visibleColumns
    .map(
      (vc) =>
        `linear-gradient(${PENDING_BAR}, ${PENDING_BAR}) no-repeat ${vc.start + 8}px 50% / ${Math.round(
          Math.max(0, vc.size - 16) * 0.6,
        )}px 8px`,
    )
    .join(', ');
}

/**
 * What a key on the grid does, as data (the grid's keyboard model, docs/table.md "ARIA and tests").
 * Moves are not clamped here: activating a cell clamps it to the rows and columns.
 */
export type GridKeyAction =
  { type: 'move'; row: number; col: number } | { type: 'open' } | { type: 'copy' } | { type: 'menu' } | null;

export interface GridKeyInput {
  key: string;
  /** Ctrl or Cmd held. */
  mod: boolean;
  /** Shift held (Shift+F10 opens the row menu). */
  shift?: boolean;
  /** The active cell; null when none is (then keys start from the first visible row). */
  active: { row: number; col: number } | null;
  firstVisibleRow: number;
  /** Rows a PageUp / PageDown moves. */
  pageRows: number;
  rowCount: number;
  colCount: number;
}

export function gridKeyAction({
  key,
  mod,
  shift = false,
  active,
  firstVisibleRow,
  pageRows,
  rowCount,
  colCount,
}: GridKeyInput): GridKeyAction {
  const cur = active ?? { row: firstVisibleRow, col: 0 };
  const move = (row: number, col: number): GridKeyAction => ({ type: 'move', row, col });
  switch (key) {
    case 'ArrowDown':
      // The first ArrowDown activates the first visible cell rather than the one below it.
      return active ? move(cur.row + 1, cur.col) : move(cur.row, cur.col);
    case 'ArrowUp':
      return move(cur.row - 1, cur.col);
    case 'ArrowRight':
      return move(cur.row, cur.col + 1);
    case 'ArrowLeft':
      return move(cur.row, cur.col - 1);
    case 'PageDown':
      return move(cur.row + pageRows, cur.col);
    case 'PageUp':
      return move(cur.row - pageRows, cur.col);
    case 'Home':
      return mod ? move(0, 0) : move(cur.row, 0);
    case 'End':
      return mod ? move(rowCount - 1, colCount - 1) : move(cur.row, colCount - 1);
    case 'Enter':
      return active ? { type: 'open' } : null;
    // The row menu of the active row: the context-menu key, or Shift+F10 (its usual stand-in).
    case 'ContextMenu':
      return active ? { type: 'menu' } : null;
    case 'F10':
      return active && shift ? { type: 'menu' } : null;
    case 'c':
    case 'C':
      return mod && active ? { type: 'copy' } : null;
    default:
      return null;
  }
}

/** Rows a page key moves: the rows that fit under the header, less one kept for context. */
export function pageRowsFor(bodyHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(bodyHeight / rowHeight) - 1);
}

import { useCallback, useEffect, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { gridKeyAction, pageRowsFor } from './grid-keys';
import { fileRowOf, type PageView } from './use-grid-pages';

export interface ActiveCell {
  row: number;
  col: number;
}

export interface ActiveCellState {
  activeCell: ActiveCell | null;
  /** Makes a cell active, as a click would; `reveal` scrolls it into view. */
  activate(row: number, col: number, reveal: boolean): void;
  /** On the grid element: arrows, pages, Home/End, Enter (full value), Ctrl/Cmd+C (copy), the row menu. */
  onKeyDown(e: KeyboardEvent<HTMLDivElement>): void;
  /** On the body: a click activates a cell (or runs its copy / expand button). */
  onBodyClick(e: MouseEvent<HTMLDivElement>): void;
  /** On the body: a double-click opens a cell's full value. */
  onBodyDoubleClick(e: MouseEvent<HTMLDivElement>): void;
}

/**
 * The active cell and the input that moves or uses it. The grid element keeps focus and points at
 * the active cell with aria-activedescendant; the owner hears which row is active (with its file
 * row once the row's page is loaded).
 */
export function useActiveCell({
  scrollerRef,
  sourceKey,
  rowCount,
  colCount,
  pageSize,
  firstVisibleRow,
  bodyHeight,
  rowHeight,
  viewFor,
  isLoaded,
  onActiveRowChange,
  revealRow,
  scrollToColumn,
  openFull,
  copyCell,
  openMenu,
}: {
  scrollerRef: RefObject<HTMLDivElement | null>;
  sourceKey: string;
  rowCount: number;
  colCount: number;
  pageSize: number;
  firstVisibleRow: number;
  /** Height of the rows' viewport (below the header). */
  bodyHeight: number;
  rowHeight: number;
  viewFor(row: number): PageView | undefined;
  /** Whether the page holding a row is loaded. */
  isLoaded(row: number): boolean;
  onActiveRowChange: ((row: number | null, fileRow: number | null) => void) | undefined;
  revealRow(row: number): void;
  scrollToColumn(col: number): void;
  openFull(row: number, col: number): void;
  copyCell(row: number, col: number): void;
  /** The row menu of a row (the context-menu key, Shift+F10), when the grid has one. */
  openMenu?: ((row: number) => void) | undefined;
}): ActiveCellState {
  const [activeCell, setActiveCell] = useState<ActiveCell | null>(null);
  // A new source (other table, sort, filter) has no active cell.
  const [prevKey, setPrevKey] = useState(sourceKey);
  if (prevKey !== sourceKey) {
    setPrevKey(sourceKey);
    setActiveCell(null);
  }

  const fileRowAt = useCallback(
    (row: number) => {
      const view = viewFor(row);
      return view ? fileRowOf(view, row % pageSize, row) : null;
    },
    [viewFor, pageSize],
  );

  const activate = useCallback(
    (row: number, col: number, reveal: boolean) => {
      const r = Math.max(0, Math.min(rowCount - 1, row));
      const c = Math.max(0, Math.min(colCount - 1, col));
      if (rowCount === 0 || colCount === 0) return;
      setActiveCell({ row: r, col: c });
      onActiveRowChange?.(r, fileRowAt(r));
      if (!reveal) return;
      revealRow(r);
      scrollToColumn(c);
    },
    [rowCount, colCount, onActiveRowChange, fileRowAt, revealRow, scrollToColumn],
  );

  // The page under the active row may arrive after the click: report the file row once it does.
  const activeRow = activeCell?.row ?? null;
  const activeLoaded = activeRow !== null && isLoaded(activeRow);
  useEffect(() => {
    if (activeRow === null || !activeLoaded) return;
    onActiveRowChange?.(activeRow, fileRowAt(activeRow));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the page lands
  }, [activeLoaded]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return; // keys inside header buttons and handles are theirs
    const action = gridKeyAction({
      key: e.key,
      mod: e.ctrlKey || e.metaKey,
      shift: e.shiftKey,
      active: activeCell,
      firstVisibleRow,
      pageRows: pageRowsFor(bodyHeight, rowHeight),
      rowCount,
      colCount,
    });
    if (!action) return;
    if (action.type === 'move') {
      e.preventDefault();
      activate(action.row, action.col, true);
      return;
    }
    if (!activeCell) return; // open, copy and the menu come only with an active cell
    if (action.type === 'menu') {
      if (!openMenu) return;
      e.preventDefault();
      openMenu(activeCell.row);
      return;
    }
    if (action.type === 'open') {
      e.preventDefault();
      openFull(activeCell.row, activeCell.col);
      return;
    }
    // Ctrl/Cmd+C over a text selection inside the grid copies the selection, as anywhere else.
    if (window.getSelection()?.toString()) return;
    e.preventDefault();
    copyCell(activeCell.row, activeCell.col);
  };

  const onBodyClick = (e: MouseEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const cellEl = target.closest<HTMLElement>('[data-col]');
    const rowEl = target.closest<HTMLElement>('[data-row]');
    if (!cellEl || !rowEl) return;
    const row = Number(rowEl.dataset.row);
    const col = Number(cellEl.dataset.col);
    const action = target.closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action === 'copy') copyCell(row, col);
    else if (action === 'expand') openFull(row, col);
    activate(row, col, false);
    scrollerRef.current?.focus({ preventScroll: true });
  };

  const onBodyDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const row = Number(target.closest<HTMLElement>('[data-row]')?.dataset.row);
    const col = Number(target.closest<HTMLElement>('[data-col]')?.dataset.col);
    if (Number.isFinite(row) && Number.isFinite(col)) openFull(row, col);
  };

  return { activeCell, activate, onKeyDown, onBodyClick, onBodyDoubleClick };
}

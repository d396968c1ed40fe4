import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { formatCountOf } from '../../core/format/quantities';
import { gridColumns, type GridExtraColumn } from './column-model';
import { gutterWidth } from './column-layout';
import { FullValueDialog } from './full-value-dialog';
import { GridHeader } from './grid-header';
import { DEFAULT_PAGE_SIZE, DEFAULT_ROW_HEIGHT, HEADER_HEIGHT, scrollerSizeGuess } from './grid-metrics';
import { anchorRow, cellId, pendingRowBackground } from './grid-paint';
import { GridRow, GutterLabel } from './grid-row';
import type { GridSort, GridSource } from '../../core/grid-source';
import { useActiveCell } from './use-active-cell';
import { useCellActions } from './use-cell-actions';
import { useColumnWindow } from './use-column-window';
import { fileRowOf, useFirstRowsPainted, useGridPages } from './use-grid-pages';
import { useHeavyCells } from './use-heavy-cells';
import { RowMenu, RowMenuButton, rowActionsFor, type GridRowAction, type OpenRowMenu } from './row-menu';
import { useScrollWindow } from './use-scroll-window';
import './data-grid.css';

// The extra-column type is part of DataGrid's props, so owners import it from here.
export type { GridExtraColumn, GridRowAction };

export interface DataGridProps {
  source: GridSource;
  /** Accessible name of the grid ("experiences.parquet rows"). */
  label: string;
  sort?: GridSort | null;
  /** Header clicks cycle asc -> desc -> off; the owner re-queries and passes a new source. */
  onSortChange?(sort: GridSort | null): void;
  extraColumns?: readonly GridExtraColumn[];
  /** The file's row index column: shown as the row-number gutter, hidden from the columns. */
  rowNumberColumn?: string;
  /**
   * The largest row number the gutter may show (the file's row count): with rowNumberColumn the
   * gutter shows file rows, which a filtered or ranked source of few rows can still number in the
   * millions; sized by the source's own count, their first digits were cut off.
   */
  rowNumberMax?: number;
  /** Further source columns not to show. */
  hiddenColumns?: readonly string[];
  /** The active (focused / clicked) row changed; position in the source, not the file row. */
  onActiveRowChange?(row: number | null, fileRow: number | null): void;
  /** Called once per source key, after the frame that paints the first page of rows. */
  onFirstRowsPainted?(): void;
  /**
   * The grid's outer size if the owner knows it before the grid is laid out (the box it will
   * fill). The first commit then renders the rows that fit without measuring the scroller (a
   * forced layout in the commit); a ResizeObserver corrects the guess after the frame's layout.
   */
  initialSize?: { width: number; height: number } | null;
  /** Replaces the default "N rows" in the status line. */
  status?: ReactNode;
  rowHeight?: number;
  pageSize?: number;
  /**
   * Scrolls to this row (position in the source) and makes it the active row, as a click would
   * (onActiveRowChange follows). A new object asks again; ignored unless `sourceKey` is the source's key.
   */
  scrollToRow?: { row: number; sourceKey: string } | null;
  /** Text to mark (case-insensitively) in these columns' string cells: a full-text filter's matches. */
  highlight?: { columns: readonly string[]; text: string } | null;
  /** The row menu's actions (row-menu.tsx); none: no menu. Keep the array stable (memoize it). */
  rowActions?: readonly GridRowAction[];
}

/**
 * A virtualized, keyboard-driven grid over a `GridSource` (pages of Arrow rows), up to millions of
 * rows. This function composes one hook per job and renders the ARIA grid; docs/table.md maps the
 * modules and states the ARIA contract external tests rely on.
 */
export function DataGrid(props: DataGridProps) {
  const {
    source,
    label,
    sort = null,
    onSortChange,
    extraColumns,
    rowNumberColumn = '__row',
    hiddenColumns,
    onActiveRowChange,
    onFirstRowsPainted,
    status,
    initialSize,
  } = props;
  const rowHeight = props.rowHeight ?? DEFAULT_ROW_HEIGHT;
  const pageSize = props.pageSize ?? source.pageSize ?? DEFAULT_PAGE_SIZE;
  const gridId = useId();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const { rowActions } = props;
  const hasMenu = (rowActions?.length ?? 0) > 0;

  const { highlight } = props;
  const columns = useMemo(
    () =>
      gridColumns(
        source.columns,
        extraColumns,
        new Set([rowNumberColumn, ...(hiddenColumns ?? [])]),
        highlight,
      ),
    [source.columns, extraColumns, rowNumberColumn, hiddenColumns, highlight],
  );
  const hasRowNumbers = source.columns.some((c) => c.name === rowNumberColumn);
  // With a row menu the gutter has room for its button beside the row number.
  const gutter = gutterWidth(Math.max(source.rowCount, props.rowNumberMax ?? 0)) + (hasMenu ? 20 : 0);

  // The scroller's size guessed once from `initialSize` (the first commit then forces no layout).
  const [guessed] = useState(() => scrollerSizeGuess(initialSize));
  const { win, viewport, revealRow } = useScrollWindow({
    scrollerRef,
    sourceKey: source.key,
    rowCount: source.rowCount,
    rowHeight,
    guessed,
  });
  const { visibleColumns, totalWidth, setWidth, scrollToColumn } = useColumnWindow({
    columns,
    gutter,
    scrollerRef,
    guessed,
  });
  const pendingBackground = useMemo(() => pendingRowBackground(visibleColumns), [visibleColumns]);

  const { cache, viewFor, firstVisibleLoaded, pageError } = useGridPages({
    source,
    pageSize,
    columns,
    rowNumberColumn,
    win,
  });
  const heavyVersion = useHeavyCells({
    extraColumns,
    start: win.start,
    end: win.end,
    pagesVersion: cache.getVersion(),
    pageSize,
    viewFor,
  });
  useFirstRowsPainted(source.key, firstVisibleLoaded, onFirstRowsPainted);

  const { notice, dialog, closeDialog, copy, copyCell, openFull } = useCellActions({
    columns,
    viewFor,
    pageSize,
    hasRowNumbers,
  });
  // The open row menu, for the rows it was opened in.
  const [menu, setMenu] = useState<(OpenRowMenu & { key: string }) | null>(null);
  const openMenu = useCallback(
    (row: number, button: HTMLElement | null) => {
      const view = viewFor(row);
      const fileRow = view ? fileRowOf(view, row % pageSize, row) : null;
      const box = boxRef.current?.getBoundingClientRect();
      const rowEl = scrollerRef.current?.querySelector(`[data-row="${row}"]`);
      if (!rowActions || rowActionsFor(rowActions, fileRow).length === 0 || !box) return;
      const under = (button ?? rowEl)?.getBoundingClientRect();
      const scroller = scrollerRef.current?.getBoundingClientRect();
      setMenu({
        key: source.key,
        row,
        fileRow,
        top: under ? under.bottom - box.top : HEADER_HEIGHT,
        left: (button ? button.getBoundingClientRect().left : (scroller?.left ?? box.left)) - box.left + 2,
      });
    },
    [viewFor, pageSize, rowActions, source.key],
  );
  const closeMenu = useCallback(() => {
    setMenu(null);
    scrollerRef.current?.focus({ preventScroll: true });
  }, []);
  const shownMenu = menu && menu.key === source.key ? menu : null;
  // Scrolling moves the row away from its menu: the menu closes.
  useEffect(() => {
    const el = scrollerRef.current;
    if (!shownMenu || !el) return;
    const close = () => setMenu(null);
    el.addEventListener('scroll', close, { once: true });
    return () => el.removeEventListener('scroll', close);
  }, [shownMenu]);

  const { activeCell, activate, onKeyDown, onBodyClick, onBodyDoubleClick } = useActiveCell({
    scrollerRef,
    sourceKey: source.key,
    rowCount: source.rowCount,
    colCount: columns.length,
    pageSize,
    firstVisibleRow: win.visibleStart,
    bodyHeight: viewport.height - HEADER_HEIGHT,
    rowHeight,
    viewFor,
    isLoaded: (row) => cache.has(Math.floor(row / pageSize)),
    onActiveRowChange,
    revealRow,
    scrollToColumn,
    openFull,
    copyCell,
    openMenu: hasMenu ? (row: number) => openMenu(row, null) : undefined,
  });

  const { scrollToRow } = props;
  useEffect(() => {
    if (scrollToRow && scrollToRow.sourceKey === source.key) activate(scrollToRow.row, 0, true);
    // Only a new request moves the grid, not a re-render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollToRow]);

  // The painted rows, at offsets from an anchor row (see grid-paint.ts), and their gutter labels.
  const rows: ReactNode[] = [];
  const labels: ReactNode[] = [];
  const anchor = anchorRow(win.start);
  const bodyTop = anchor * rowHeight - win.virtualTop;
  for (let r = win.start; r < win.end; r++) {
    const view = viewFor(r);
    const local = r % pageSize;
    const top = (r - anchor) * rowHeight;
    const rowLabel = view ? String(hasRowNumbers ? fileRowOf(view, local, r) : r + 1) : '';
    labels.push(<GutterLabel key={r} top={top} height={rowHeight} label={rowLabel} />);
    rows.push(
      <GridRow
        key={r}
        row={r}
        top={top}
        height={rowHeight}
        width={totalWidth}
        view={view}
        local={local}
        columns={columns}
        visibleColumns={visibleColumns}
        activeCol={activeCell?.row === r ? activeCell.col : -1}
        gridId={gridId}
        heavyVersion={heavyVersion}
        pendingBackground={pendingBackground}
      />,
    );
  }

  const activeId =
    activeCell && activeCell.row >= win.start && activeCell.row < win.end
      ? cellId(gridId, activeCell.row, activeCell.col)
      : undefined;
  // The scroll space plus the header: the rows are laid out in it.
  const canvasHeight = win.scrollHeight + HEADER_HEIGHT;
  const missingVisible = !firstVisibleLoaded;

  return (
    <div className="dg" ref={boxRef}>
      <div
        ref={scrollerRef}
        className="dg-scroller"
        role="grid"
        aria-label={label}
        // ARIA counts the header row as a row: aria-rowcount = data rows + 1, the header row has
        // aria-rowindex 1 and data row i (0-based) has aria-rowindex i + 2. data-rowcount holds
        // the plain row count for tests and tooling.
        aria-rowcount={source.rowCount + 1}
        aria-colcount={columns.length}
        aria-multiselectable="false"
        aria-activedescendant={activeId}
        aria-busy={missingVisible || undefined}
        data-rowcount={source.rowCount}
        style={{ '--dg-line': `${rowHeight - 1}px` } as CSSProperties}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="dg-canvas" role="presentation" style={{ height: canvasHeight, width: totalWidth }}>
          {/* Sticky: the rows are painted at their true size whatever the scroll space's scale. No
              taller than the canvas: a guessed viewport can be taller than the scroller, and a layer
              past the canvas would make a short table scroll until the guess is corrected. */}
          <div
            className="dg-layer"
            role="presentation"
            style={{
              height: Math.max(0, Math.min(viewport.height, canvasHeight)),
              width: totalWidth,
            }}
          >
            <GridHeader
              columns={columns}
              visibleColumns={visibleColumns}
              totalWidth={totalWidth}
              gutter={gutter}
              hasRowNumbers={hasRowNumbers}
              sort={sort}
              onSortChange={onSortChange}
              onResize={setWidth}
            />
            <div
              className="dg-body"
              role="presentation"
              ref={bodyRef}
              style={{ transform: `translateY(${bodyTop}px)`, top: HEADER_HEIGHT, width: totalWidth }}
              onClick={onBodyClick}
              onDoubleClick={onBodyDoubleClick}
            >
              {hasMenu ? (
                <RowMenuButton
                  bodyRef={bodyRef}
                  activeRow={activeCell?.row ?? null}
                  openRow={shownMenu?.row ?? null}
                  start={win.start}
                  end={win.end}
                  anchor={anchor}
                  rowHeight={rowHeight}
                  onOpen={openMenu}
                />
              ) : null}
              {/* One sticky column of row labels, not a sticky cell per row. */}
              <div
                className="dg-gutter-col"
                aria-hidden="true"
                style={{ width: gutter, height: (win.end - anchor) * rowHeight }}
              >
                {labels}
              </div>
              {rows}
            </div>
          </div>
        </div>
      </div>
      {/* Over the grid box, not in the scrolled canvas: centred across every column it sat past the
          right edge of any table wider than its window. */}
      {source.rowCount === 0 ? <div className="dg-empty-state">No rows</div> : null}
      <div className="dg-status">
        <span className="dg-rowcount">{status ?? formatCountOf(source.rowCount, 'row')}</span>
        {missingVisible && !pageError ? <span className="dg-muted">Loading rows…</span> : null}
        {pageError ? (
          <span className="dg-error" role="alert">
            Could not load rows: {pageError instanceof Error ? pageError.message : String(pageError)}{' '}
            <button type="button" onClick={() => cache.retry()}>
              Retry
            </button>
          </span>
        ) : null}
        <span className="dg-notice" role="status" aria-live="polite">
          {notice}
        </span>
      </div>
      {shownMenu && rowActions ? (
        <RowMenu
          menu={shownMenu}
          actions={rowActionsFor(rowActions, shownMenu.fileRow)}
          onClose={closeMenu}
        />
      ) : null}
      {dialog ? <FullValueDialog value={dialog} onClose={closeDialog} onCopy={(t) => void copy(t)} /> : null}
    </div>
  );
}

import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { flushSync } from 'react-dom';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { Table, Vector } from 'apache-arrow';
import { FULL_FORMAT, type CellValue } from '../../core/format/cell-value';
import { cellCopyText, formatCell, fullText, isTruncated } from '../../core/format/format-cell';
import { isNumericType, typeLabel } from '../../core/format/type-label';
import { cellLook } from './grid-cell-look';
import { copyText } from './clipboard';
import { FullValueDialog, type FullValue } from './full-value-dialog';
import type { GridSort, GridSource } from '../../core/grid-source';
import { PageCache, pagesFor } from './page-cache';
import { rowWindow, scrollTopToReveal, type RowWindowInput } from './row-window';
import { columnWidth, gutterWidth } from './column-layout';
import './data-grid.css';

/**
 * A column that is not in the grid source's pages: heavy columns (vectors, blobs) kept outside
 * DuckDB and joined by the row-number column (`__row`). The grid asks for the values of the rows
 * it paints and repaints when `load` settles.
 */
export interface GridExtraColumn {
  name: string;
  typeLabel: string;
  width?: number;
  /** The cell for the row whose row number is `fileRow`; undefined while not loaded. */
  getCell(fileRow: number, mode: 'cell' | 'full'): CellValue | undefined;
  /** Raw bytes for the full-value view of binary values. */
  getBytes?(fileRow: number): Uint8Array | undefined;
  /** Loads the values of these rows; the grid aborts the signal when the rows scroll away. */
  load?(fileRows: readonly number[], signal: AbortSignal): Promise<void>;
}

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
}

interface ColumnModel {
  key: string;
  name: string;
  typeLabel: string;
  numeric: boolean;
  sortable: boolean;
  /** Position in source.columns; null for extra columns. */
  source: number | null;
  extra: GridExtraColumn | null;
  defaultWidth: number;
}

interface PageView {
  vectors: (Vector | null)[];
  rowNumbers: Vector | null;
}

interface VisibleColumn {
  index: number;
  start: number;
  size: number;
}

const HEADER_HEIGHT = 34;
const DEFAULT_ROW_HEIGHT = 28;
const DEFAULT_PAGE_SIZE = 256;
const MIN_WIDTH = 48;
const ANCHOR_ROWS = 512;
const MAX_WIDTH = 1200;
/** The status line under the scroller (min-height, padding and border), for a size guess. */
const STATUS_HEIGHT = 33;
/** The grid's border (1 px each side), for a size guess. */
const BORDER = 2;

type Size = { width: number; height: number };
const sameSize = (a: Size, b: Size) => a.width === b.width && a.height === b.height;

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

// One view per Arrow page, made when the page is first painted: just the column vectors by index.
const pageViews = new WeakMap<Table, PageView>();

function pageView(
  table: Table,
  columns: readonly ColumnModel[],
  sourceNames: readonly string[],
  rowColumn: string,
): PageView {
  let view = pageViews.get(table);
  if (!view) {
    view = {
      vectors: columns.map((c) => (c.source === null ? null : table.getChild(sourceNames[c.source] ?? ''))),
      rowNumbers: table.getChild(rowColumn),
    };
    pageViews.set(table, view);
  }
  return view;
}

function fileRowOf(view: PageView | undefined, local: number, row: number): number {
  const value: unknown = view?.rowNumbers?.get(local);
  return value === null || value === undefined ? row : Number(value);
}

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
  const pageSize = props.pageSize ?? DEFAULT_PAGE_SIZE;
  const gridId = useId();
  const scrollerRef = useRef<HTMLDivElement>(null);

  // ---- columns -------------------------------------------------------------------------------
  const sourceNames = useMemo(() => source.columns.map((c) => c.name), [source.columns]);
  const hasRowNumbers = sourceNames.includes(rowNumberColumn);
  const columns = useMemo<ColumnModel[]>(() => {
    const hidden = new Set([rowNumberColumn, ...(hiddenColumns ?? [])]);
    const out: ColumnModel[] = [];
    source.columns.forEach((c, i) => {
      if (hidden.has(c.name)) return;
      const label = typeLabel(c.type);
      out.push({
        key: `s:${c.name}`,
        name: c.name,
        typeLabel: label,
        numeric: isNumericType(c.type),
        sortable: true,
        source: i,
        extra: null,
        defaultWidth: columnWidth(c.type, c.name),
      });
    });
    for (const extra of extraColumns ?? []) {
      out.push({
        key: `x:${extra.name}`,
        name: extra.name,
        typeLabel: extra.typeLabel,
        numeric: false,
        sortable: false,
        source: null,
        extra,
        defaultWidth: extra.width ?? 160,
      });
    }
    return out;
  }, [source.columns, extraColumns, rowNumberColumn, hiddenColumns]);

  const [widths, setWidths] = useState<Record<string, number>>({});
  const widthOf = useCallback(
    (c: ColumnModel | undefined) => (c ? (widths[c.key] ?? c.defaultWidth) : 0),
    [widths],
  );
  const gutter = gutterWidth(source.rowCount);

  // ---- page cache (one per source) -----------------------------------------------------------
  const cache = useMemo(
    () =>
      new PageCache({
        pageSize,
        fetchPage: (offset, limit, signal) => source.fetchRows(offset, limit, signal),
      }),
    [source, pageSize],
  );
  useEffect(() => () => cache.abortAll(), [cache]);
  useSyncExternalStore(cache.subscribe, cache.getVersion);

  // ---- viewport ------------------------------------------------------------------------------
  // The scroller's size: guessed from `initialSize` (the first commit then forces no layout), else
  // measured in the first commit.
  const [guessed] = useState<Size | null>(() =>
    initialSize && initialSize.width > 0 && initialSize.height > 0
      ? {
          width: Math.max(0, initialSize.width - BORDER),
          height: Math.max(0, initialSize.height - BORDER - STATUS_HEIGHT),
        }
      : null,
  );
  const [viewport, setViewport] = useState<Size>(() => guessed ?? { width: 0, height: 0 });
  const [scrollPos, setScrollPos] = useState<{ scrollTop: number; virtualTop: number | null }>({
    scrollTop: 0,
    virtualTop: null,
  });
  const { scrollTop } = scrollPos;
  // The virtual offset set by wheel scrolling (see below), and the real scrollTop it was set with.
  const wheelPos = useRef<{ virtualTop: number; scrollTop: number } | null>(null);
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
      const unit = e.deltaMode === 1 ? rowHeightRef.current : e.deltaMode === 2 ? el.clientHeight : 1;
      const current = wheelPos.current?.virtualTop ?? el.scrollTop * scale;
      const next = Math.min(maxVirtual, Math.max(0, current + e.deltaY * unit));
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
  }, [guessed]);

  // A new source (other table, sort, filter) starts at the top.
  const [activeCell, setActiveCell] = useState<{ row: number; col: number } | null>(null);
  const [prevKey, setPrevKey] = useState(source.key);
  if (prevKey !== source.key) {
    setPrevKey(source.key);
    setActiveCell(null);
    setScrollPos({ scrollTop: 0, virtualTop: null });
  }
  useLayoutEffect(() => {
    wheelPos.current = null;
    if (scrollerRef.current) scrollerRef.current.scrollTop = 0;
  }, [source.key]);

  const windowInput: RowWindowInput = {
    scrollTop,
    virtualTop: scrollPos.virtualTop,
    viewportHeight: viewport.height - HEADER_HEIGHT,
    rowCount: source.rowCount,
    rowHeight,
    // Rows are rendered in the frame that scrolls them in (see the scroll listener), so a little
    // overscan is enough; every extra row is work in frames that replace the whole window.
    overscan: 2,
  };
  const win = rowWindow(windowInput);
  useLayoutEffect(() => {
    rowHeightRef.current = rowHeight;
    scaleRef.current = {
      scale: win.scale,
      maxVirtual: Math.max(0, source.rowCount * rowHeight - windowInput.viewportHeight),
    };
  });

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
    ...(guessed ? { initialRect: guessed, observeElementRect: observeRectAfterLayout } : {}),
  });
  useLayoutEffect(() => {
    colVirtualizer.measure();
  }, [colVirtualizer, widths, columns, gutter]);
  const virtualColumns = colVirtualizer.getVirtualItems();
  const columnsKey = virtualColumns.map((c) => `${c.index}:${c.start}:${c.size}`).join(',');
  // A stable array while the visible columns stay the same, so memoized rows skip re-rendering.
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
  const totalWidth = colVirtualizer.getTotalSize();
  // A row whose page is loading is one element: its grey bars (one per visible column) are layers
  // of one background, the same string for every such row.
  const pendingBackground = useMemo(
    () =>
      visibleColumns
        .map(
          (vc) =>
            `linear-gradient(#eef0f3, #eef0f3) no-repeat ${vc.start + 8}px 50% / ${Math.round(
              Math.max(0, vc.size - 16) * 0.6,
            )}px 8px`,
        )
        .join(', '),
    [visibleColumns],
  );

  // ---- fetch the pages the window needs ------------------------------------------------------
  const wantedPages = pagesFor(win.start, win.end, win.visibleStart, win.visibleEnd, pageSize);
  const wantedKey = wantedPages.join(',');
  useEffect(() => {
    cache.want(wantedKey ? wantedKey.split(',').map(Number) : []);
  }, [cache, wantedKey]);

  // ---- heavy (extra) columns: load values of the painted rows --------------------------------
  const [heavyVersion, setHeavyVersion] = useState(0);
  const version = cache.getVersion();
  useEffect(() => {
    const loaders = (extraColumns ?? []).filter((x) => x.load);
    if (loaders.length === 0 || win.end <= win.start) return;
    const controller = new AbortController();
    // Debounced: while the user drags the scrollbar, rows fly past faster than they could load.
    const timer = setTimeout(() => {
      const rows: number[] = [];
      for (let r = win.start; r < win.end; r++) {
        const table = cache.get(Math.floor(r / pageSize));
        if (!table) continue;
        const view = pageView(table, columns, sourceNames, rowNumberColumn);
        rows.push(fileRowOf(view, r % pageSize, r));
      }
      if (rows.length === 0) return;
      for (const extra of loaders) {
        const missing = rows.filter((fr) => extra.getCell(fr, 'cell') === undefined);
        if (missing.length === 0) continue;
        extra.load?.(missing, controller.signal).then(
          () => {
            if (!controller.signal.aborted) setHeavyVersion((v) => v + 1);
          },
          () => {
            // A failed heavy load leaves the placeholder; the owner reports the error.
          },
        );
      }
    }, 40);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [extraColumns, win.start, win.end, version, cache, pageSize, columns, sourceNames, rowNumberColumn]);

  // ---- first rows painted --------------------------------------------------------------------
  const reportedKey = useRef<string | null>(null);
  const firstVisibleLoaded = source.rowCount === 0 || cache.has(Math.floor(win.visibleStart / pageSize));
  useEffect(() => {
    if (!onFirstRowsPainted || reportedKey.current === source.key || !firstVisibleLoaded) return;
    const key = source.key;
    // After the frame that paints them: the rAF callback runs before that frame's style, layout
    // and paint; a task posted from it runs after them.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      reportedKey.current = key;
      onFirstRowsPainted();
    };
    const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
    return () => {
      cancelAnimationFrame(frame);
      channel.port1.onmessage = null;
    };
  }, [onFirstRowsPainted, source.key, firstVisibleLoaded]);

  // ---- cell access ---------------------------------------------------------------------------
  const viewFor = useCallback(
    (row: number): PageView | undefined => {
      const table = cache.get(Math.floor(row / pageSize));
      return table ? pageView(table, columns, sourceNames, rowNumberColumn) : undefined;
    },
    [cache, pageSize, columns, sourceNames, rowNumberColumn],
  );

  const fullValueOf = useCallback(
    (row: number, col: number): FullValue | null => {
      const column = columns[col];
      const view = viewFor(row);
      if (!column || !view) return null;
      const local = row % pageSize;
      const fileRow = fileRowOf(view, local, row);
      const rowLabel = `row ${hasRowNumbers ? fileRow : row + 1}`;
      if (column.extra) {
        const cell = column.extra.getCell(fileRow, 'full');
        if (!cell) return null;
        return {
          column: column.name,
          rowLabel,
          cell,
          bytes: column.extra.getBytes?.(fileRow),
          copy: fullText(cell),
        };
      }
      const vector = view.vectors[col];
      if (!vector) return null;
      const cell = formatCell(vector, local, FULL_FORMAT);
      const raw: unknown = cell.kind === 'binary' ? vector.get(local) : undefined;
      return {
        column: column.name,
        rowLabel,
        cell,
        bytes: raw instanceof Uint8Array ? raw : undefined,
        copy: cellCopyText(vector, local),
      };
    },
    [columns, viewFor, pageSize, hasRowNumbers],
  );

  // ---- status messages (copy feedback) -------------------------------------------------------
  const [notice, setNotice] = useState('');
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(''), 1500);
    return () => clearTimeout(t);
  }, [notice]);
  const copy = useCallback(async (text: string) => {
    setNotice((await copyText(text)) ? 'Copied' : 'Copy failed: the browser refused the clipboard');
  }, []);
  const copyCell = useCallback(
    (row: number, col: number) => {
      const full = fullValueOf(row, col);
      if (full) void copy(full.copy);
    },
    [fullValueOf, copy],
  );

  const [dialog, setDialog] = useState<FullValue | null>(null);
  const openFull = useCallback(
    (row: number, col: number) => {
      const full = fullValueOf(row, col);
      if (full) setDialog(full);
    },
    [fullValueOf],
  );

  // ---- active cell and keyboard --------------------------------------------------------------
  const activate = useCallback(
    (row: number, col: number, reveal: boolean) => {
      const r = Math.max(0, Math.min(source.rowCount - 1, row));
      const c = Math.max(0, Math.min(columns.length - 1, col));
      if (source.rowCount === 0 || columns.length === 0) return;
      setActiveCell({ row: r, col: c });
      const view = viewFor(r);
      onActiveRowChange?.(r, view ? fileRowOf(view, r % pageSize, r) : null);
      if (!reveal) return;
      const el = scrollerRef.current;
      if (!el) return;
      const now = rowWindow({
        ...windowInput,
        scrollTop: el.scrollTop,
        virtualTop: wheelPos.current?.virtualTop,
      });
      const top = scrollTopToReveal(r, now, windowInput);
      if (top !== null) {
        wheelPos.current = null;
        el.scrollTop = top;
      }
      colVirtualizer.scrollToIndex(c, { align: 'auto' });
    },
    // windowInput is rebuilt each render from the values listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      source.rowCount,
      columns.length,
      viewFor,
      onActiveRowChange,
      pageSize,
      colVirtualizer,
      viewport.height,
      rowHeight,
    ],
  );

  const { scrollToRow } = props;
  useEffect(() => {
    if (scrollToRow && scrollToRow.sourceKey === source.key) activate(scrollToRow.row, 0, true);
    // Only a new request moves the grid, not a re-render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollToRow]);

  // The page under the active row may arrive after the click: report the file row once it does.
  const activeRow = activeCell?.row ?? null;
  const activeLoaded = activeRow !== null && cache.has(Math.floor(activeRow / pageSize));
  useEffect(() => {
    if (activeRow === null || !activeLoaded) return;
    const view = viewFor(activeRow);
    onActiveRowChange?.(activeRow, view ? fileRowOf(view, activeRow % pageSize, activeRow) : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the page lands
  }, [activeLoaded]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return; // keys inside header buttons and handles are theirs
    const pageRows = Math.max(1, Math.floor((viewport.height - HEADER_HEIGHT) / rowHeight) - 1);
    const cur = activeCell ?? { row: win.visibleStart, col: 0 };
    const mod = e.ctrlKey || e.metaKey;
    let next: { row: number; col: number };
    switch (e.key) {
      case 'ArrowDown':
        next = activeCell ? { row: cur.row + 1, col: cur.col } : cur;
        break;
      case 'ArrowUp':
        next = { row: cur.row - 1, col: cur.col };
        break;
      case 'ArrowRight':
        next = { row: cur.row, col: cur.col + 1 };
        break;
      case 'ArrowLeft':
        next = { row: cur.row, col: cur.col - 1 };
        break;
      case 'PageDown':
        next = { row: cur.row + pageRows, col: cur.col };
        break;
      case 'PageUp':
        next = { row: cur.row - pageRows, col: cur.col };
        break;
      case 'Home':
        next = mod ? { row: 0, col: 0 } : { row: cur.row, col: 0 };
        break;
      case 'End':
        next = mod
          ? { row: source.rowCount - 1, col: columns.length - 1 }
          : { row: cur.row, col: columns.length - 1 };
        break;
      case 'Enter':
        if (activeCell) {
          e.preventDefault();
          openFull(activeCell.row, activeCell.col);
        }
        return;
      case 'c':
      case 'C':
        if (mod && activeCell && !window.getSelection()?.toString()) {
          e.preventDefault();
          copyCell(activeCell.row, activeCell.col);
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    activate(next.row, next.col, true);
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

  // ---- header: sort and resize ---------------------------------------------------------------
  const cycleSort = (column: ColumnModel) => {
    if (!onSortChange || !column.sortable) return;
    if (sort?.column !== column.name) onSortChange({ column: column.name, direction: 'asc' });
    else if (sort.direction === 'asc') onSortChange({ column: column.name, direction: 'desc' });
    else onSortChange(null);
  };
  const setWidth = useCallback((key: string, width: number) => {
    setWidths((w) => ({ ...w, [key]: Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width))) }));
  }, []);

  // ---- render --------------------------------------------------------------------------------
  // Rows sit at fixed offsets from an anchor row that only changes every ANCHOR_ROWS rows, and the
  // body layer moves under them: a row that stays on screen keeps its props (React skips it) and
  // its pixels (the browser only moves the layer).
  const rows: ReactNode[] = [];
  const labels: ReactNode[] = [];
  const anchor = win.start - (win.start % ANCHOR_ROWS);
  const bodyTop = anchor * rowHeight - win.virtualTop;
  for (let r = win.start; r < win.end; r++) {
    const view = viewFor(r);
    const local = r % pageSize;
    const active = activeCell?.row === r ? activeCell.col : -1;
    const rowLabel = view ? String(hasRowNumbers ? fileRowOf(view, local, r) : r + 1) : '';
    labels.push(<GutterLabel key={r} top={(r - anchor) * rowHeight} height={rowHeight} label={rowLabel} />);
    rows.push(
      <GridRow
        key={r}
        row={r}
        top={(r - anchor) * rowHeight}
        height={rowHeight}
        width={totalWidth}
        view={view}
        local={local}
        columns={columns}
        visibleColumns={visibleColumns}
        activeCol={active}
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
  const missingVisible = source.rowCount > 0 && !cache.has(Math.floor(win.visibleStart / pageSize));
  const pageError = wantedPages.map((p) => cache.error(p)).find((e) => e !== undefined);

  return (
    <div className="dg">
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
        <div
          className="dg-canvas"
          role="presentation"
          style={{ height: win.scrollHeight + HEADER_HEIGHT, width: totalWidth }}
        >
          <div
            className="dg-layer"
            role="presentation"
            style={{ height: Math.max(0, viewport.height), width: totalWidth }}
          >
            <div
              className="dg-header"
              role="row"
              aria-rowindex={1}
              style={{ height: HEADER_HEIGHT, width: totalWidth }}
            >
              <div className="dg-gutter dg-gutter-head" aria-hidden="true" style={{ width: gutter }}>
                {hasRowNumbers ? 'row' : '#'}
              </div>
              {visibleColumns.map((vc) => {
                const column = columns[vc.index];
                if (!column) return null;
                return (
                  <HeaderCell
                    key={column.key}
                    column={column}
                    colIndex={vc.index}
                    left={vc.start}
                    width={vc.size}
                    sort={sort?.column === column.name ? sort.direction : null}
                    sortEnabled={Boolean(onSortChange) && column.sortable}
                    onSort={() => cycleSort(column)}
                    onResize={(w) => setWidth(column.key, w)}
                  />
                );
              })}
            </div>
            <div
              className="dg-body"
              role="presentation"
              style={{ transform: `translateY(${bodyTop}px)`, top: HEADER_HEIGHT, width: totalWidth }}
              onClick={onBodyClick}
              onDoubleClick={onBodyDoubleClick}
            >
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
            {source.rowCount === 0 ? <div className="dg-empty-state">No rows</div> : null}
          </div>
        </div>
      </div>
      <div className="dg-status">
        <span className="dg-rowcount">{status ?? `${source.rowCount.toLocaleString('en-US')} rows`}</span>
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
      {dialog ? (
        <FullValueDialog value={dialog} onClose={() => setDialog(null)} onCopy={(t) => void copy(t)} />
      ) : null}
    </div>
  );
}

function cellId(gridId: string, row: number, col: number): string {
  return `${gridId}-r${row}-c${col}`;
}

interface GridRowProps {
  row: number;
  top: number;
  height: number;
  width: number;
  view: PageView | undefined;
  local: number;
  columns: readonly ColumnModel[];
  visibleColumns: readonly VisibleColumn[];
  activeCol: number;
  gridId: string;
  heavyVersion: number;
  pendingBackground: string;
}

const GridRow = memo(function GridRow(p: GridRowProps) {
  const fileRow = p.view ? fileRowOf(p.view, p.local, p.row) : -1;
  if (!p.view && p.activeCol < 0) {
    // Loading: no cells yet (the active row keeps its cells: aria-activedescendant points there).
    return (
      <div
        className="dg-row dg-row-pending"
        role="row"
        aria-rowindex={p.row + 2}
        aria-busy="true"
        data-row={p.row}
        style={{ top: p.top, height: p.height, width: p.width, background: p.pendingBackground }}
      />
    );
  }
  return (
    <div
      className={p.activeCol >= 0 ? 'dg-row dg-row-active' : p.row % 2 ? 'dg-row dg-row-odd' : 'dg-row'}
      role="row"
      aria-rowindex={p.row + 2}
      aria-selected={p.activeCol >= 0}
      data-row={p.row}
      style={{ top: p.top, height: p.height, width: p.width }}
    >
      {p.visibleColumns.map((vc) => {
        const column = p.columns[vc.index];
        if (!column) return null;
        const vector = p.view?.vectors[vc.index] ?? null;
        return (
          <GridCell
            key={column.key}
            id={cellId(p.gridId, p.row, vc.index)}
            colIndex={vc.index}
            left={vc.start}
            width={vc.size}
            numeric={column.numeric}
            active={p.activeCol === vc.index}
            loaded={Boolean(p.view)}
            vector={vector}
            local={p.local}
            extra={column.extra}
            fileRow={fileRow}
            heavyVersion={column.extra ? p.heavyVersion : 0}
          />
        );
      })}
    </div>
  );
});

interface GridCellProps {
  id: string;
  colIndex: number;
  left: number;
  width: number;
  numeric: boolean;
  active: boolean;
  loaded: boolean;
  vector: Vector | null;
  local: number;
  extra: GridExtraColumn | null;
  fileRow: number;
  /** Changes when heavy values arrive, so extra cells re-read them. */
  heavyVersion: number;
}

/**
 * Formats its value from the Arrow page when (and only when) it is painted. A cell is one element
 * holding one text node for scalar kinds; a loading cell is empty (its grey bar is a background).
 * The copy / expand buttons exist only on the active cell.
 */
const GridCell = memo(function GridCell(p: GridCellProps) {
  let cell: CellValue | undefined;
  if (p.loaded) {
    if (p.extra) cell = p.extra.getCell(p.fileRow, 'cell');
    else if (p.vector) cell = formatCell(p.vector, p.local);
  }
  const look = cell ? cellLook(cell) : null;
  let className = look ? (look.className ? `dg-cell ${look.className}` : 'dg-cell') : 'dg-cell dg-pending';
  if (p.numeric) className += ' dg-num';
  if (p.active) className += ' dg-active';
  return (
    <div
      id={p.id}
      className={className}
      role="gridcell"
      aria-colindex={p.colIndex + 1}
      aria-selected={p.active}
      aria-busy={look ? undefined : true}
      title={look?.title}
      data-col={p.colIndex}
      style={{ left: p.left, width: p.width }}
    >
      {look?.content}
      {p.active && cell ? (
        <span className="dg-cell-actions">
          {isTruncated(cell) ? (
            <button
              type="button"
              tabIndex={-1}
              data-action="expand"
              title="Show the full value (Enter)"
              aria-label="Show full value"
            >
              <Icon d="M9 3h4v4M13 3 8 8M7 13H3V9M3 13l5-5" />
            </button>
          ) : null}
          <button
            type="button"
            tabIndex={-1}
            data-action="copy"
            title="Copy (Ctrl/Cmd+C)"
            aria-label="Copy value"
          >
            <Icon d="M5 5h8v8H5zM3 11V3h8" />
          </button>
        </span>
      ) : null}
    </div>
  );
});

const GutterLabel = memo(function GutterLabel(p: { top: number; height: number; label: string }) {
  return (
    <div className="dg-gutter-label" style={{ top: p.top, height: p.height }}>
      {p.label}
    </div>
  );
});

function Icon({ d }: { d: string }) {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

interface HeaderCellProps {
  column: ColumnModel;
  colIndex: number;
  left: number;
  width: number;
  sort: 'asc' | 'desc' | null;
  sortEnabled: boolean;
  onSort(): void;
  onResize(width: number): void;
}

function HeaderCell({ column, colIndex, left, width, sort, sortEnabled, onSort, onResize }: HeaderCellProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  return (
    <div
      className={`dg-th${column.numeric ? ' dg-num' : ''}`}
      role="columnheader"
      aria-colindex={colIndex + 1}
      aria-sort={sort === 'asc' ? 'ascending' : sort === 'desc' ? 'descending' : 'none'}
      style={{ transform: `translateX(${left}px)`, width }}
    >
      {sortEnabled ? (
        <button
          type="button"
          className="dg-th-button"
          onClick={onSort}
          title={`${column.name} (${column.typeLabel}): sort`}
        >
          <span className="dg-th-name">{column.name}</span>
          <span className="dg-th-type" aria-hidden="true">
            {column.typeLabel}
          </span>
          <span className="dg-sort" aria-hidden="true">
            {sort === 'asc' ? '▲' : sort === 'desc' ? '▼' : ''}
          </span>
        </button>
      ) : (
        <span className="dg-th-button" title={`${column.name} (${column.typeLabel})`}>
          <span className="dg-th-name">{column.name}</span>
          <span className="dg-th-type" aria-hidden="true">
            {column.typeLabel}
          </span>
        </span>
      )}
      <div
        className="dg-resize"
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${column.name}`}
        aria-valuenow={width}
        aria-valuemin={MIN_WIDTH}
        aria-valuemax={MAX_WIDTH}
        tabIndex={0}
        onPointerDown={(e) => {
          e.preventDefault();
          e.stopPropagation();
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { x: e.clientX, width };
        }}
        onPointerMove={(e) => {
          if (drag.current) onResize(drag.current.width + e.clientX - drag.current.x);
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onPointerCancel={() => {
          drag.current = null;
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
            e.preventDefault();
            onResize(width + (e.key === 'ArrowRight' ? 16 : -16));
          }
        }}
      />
    </div>
  );
}

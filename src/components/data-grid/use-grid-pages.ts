import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { Table, Vector } from 'apache-arrow';
import type { ColumnModel } from './column-model';
import type { GridSource } from '../../core/grid-source';
import { PageCache, pagesFor } from './page-cache';
import type { RowWindow } from './row-window';
import { onNextPaint } from '../after-paint/after-paint';

/** One Arrow page as the cells read it: the shown columns' vectors by column index. */
export interface PageView {
  vectors: (Vector | null)[];
  rowNumbers: Vector | null;
}

// One view per Arrow page and column list, made when the page is first painted.
const pageViews = new WeakMap<Table, { columns: readonly ColumnModel[]; view: PageView }>();

function pageView(
  table: Table,
  columns: readonly ColumnModel[],
  sourceNames: readonly string[],
  rowColumn: string,
): PageView {
  const cached = pageViews.get(table);
  if (cached?.columns === columns) return cached.view;
  const view = {
    vectors: columns.map((c) => (c.source === null ? null : table.getChild(sourceNames[c.source] ?? ''))),
    rowNumbers: table.getChild(rowColumn),
  };
  pageViews.set(table, { columns, view });
  return view;
}

/** The file's row index of page row `local` (the `__row` value), or the position when there is none. */
export function fileRowOf(view: PageView | undefined, local: number, row: number): number {
  const value: unknown = view?.rowNumbers?.get(local);
  return value === null || value === undefined ? row : Number(value);
}

export interface GridPages {
  cache: PageCache;
  /** The loaded page's view for a row (marking the page recently used), undefined while loading. */
  viewFor(row: number): PageView | undefined;
  /** Whether the page holding the first visible row is loaded (or there are no rows). */
  firstVisibleLoaded: boolean;
  /** The error of a wanted page that failed, if any. */
  pageError: unknown;
}

/**
 * Page fetching for the row window: one page cache per source (a new source is a new cache; the
 * old one's fetches are aborted), a re-render whenever a page lands, and the window's pages
 * wanted, visible ones first.
 */
export function useGridPages({
  source,
  pageSize,
  columns,
  rowNumberColumn,
  win,
}: {
  source: GridSource;
  pageSize: number;
  columns: readonly ColumnModel[];
  rowNumberColumn: string;
  win: RowWindow;
}): GridPages {
  const cache = useMemo(() => {
    const pages = new PageCache({
      pageSize,
      fetchPage: (offset, limit, signal) => source.fetchRows(offset, limit, signal),
    });
    // The first page when the source holds it already: the first render paints rows, not a frame
    // of empty ones and then, after a fetch that only waits a microtask, the rows.
    const first = source.peekRows?.(0, pageSize);
    if (first) pages.seed(0, first);
    return pages;
  }, [source, pageSize]);
  useEffect(() => () => cache.abortAll(), [cache]);
  useSyncExternalStore(cache.subscribe, cache.getVersion);

  const wantedPages = pagesFor(win.start, win.end, win.visibleStart, win.visibleEnd, pageSize);
  // A string dependency: the effect runs when the set of pages changes, not on every scroll frame.
  const wantedKey = wantedPages.join(',');
  useEffect(() => {
    cache.want(wantedKey ? wantedKey.split(',').map(Number) : []);
  }, [cache, wantedKey]);

  const sourceNames = useMemo(() => source.columns.map((c) => c.name), [source.columns]);
  const viewFor = useCallback(
    (row: number): PageView | undefined => {
      const table = cache.get(Math.floor(row / pageSize));
      return table ? pageView(table, columns, sourceNames, rowNumberColumn) : undefined;
    },
    [cache, pageSize, columns, sourceNames, rowNumberColumn],
  );

  return {
    cache,
    viewFor,
    firstVisibleLoaded: source.rowCount === 0 || cache.has(Math.floor(win.visibleStart / pageSize)),
    pageError: wantedPages.map((p) => cache.error(p)).find((e) => e !== undefined),
  };
}

/** Calls `onPainted` once per source key, after the frame that paints the first visible rows. */
export function useFirstRowsPainted(
  sourceKey: string,
  firstVisibleLoaded: boolean,
  onPainted: (() => void) | undefined,
): void {
  const reportedKey = useRef<string | null>(null);
  useEffect(() => {
    if (!onPainted || reportedKey.current === sourceKey || !firstVisibleLoaded) return;
    const key = sourceKey;
    return onNextPaint(() => {
      reportedKey.current = key;
      onPainted();
    });
  }, [onPainted, sourceKey, firstVisibleLoaded]);
}

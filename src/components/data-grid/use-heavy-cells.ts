import { useEffect, useState } from 'react';
import type { GridExtraColumn } from './column-model';
import { fileRowOf, type PageView } from './use-grid-pages';

// While the user drags the scrollbar, rows fly past faster than their heavy values could load:
// ask only once the window has stayed put this long.
const HEAVY_DEBOUNCE_MS = 40;

/**
 * Loads the heavy (extra) columns' values of the painted rows whose pages are loaded, and returns
 * a version that changes when some arrive, so extra cells re-read them. Leaving rows abort their
 * load.
 */
export function useHeavyCells({
  extraColumns,
  start,
  end,
  pagesVersion,
  pageSize,
  viewFor,
}: {
  extraColumns: readonly GridExtraColumn[] | undefined;
  /** The painted rows [start, end). */
  start: number;
  end: number;
  /** The page cache's version: rows whose page lands get their heavy values too. */
  pagesVersion: number;
  pageSize: number;
  viewFor(row: number): PageView | undefined;
}): number {
  const [heavyVersion, setHeavyVersion] = useState(0);
  useEffect(() => {
    const loaders = (extraColumns ?? []).filter((x) => x.load);
    if (loaders.length === 0 || end <= start) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const rows: number[] = [];
      for (let r = start; r < end; r++) {
        const view = viewFor(r);
        if (view) rows.push(fileRowOf(view, r % pageSize, r));
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
    }, HEAVY_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [extraColumns, start, end, pagesVersion, pageSize, viewFor]);
  return heavyVersion;
}

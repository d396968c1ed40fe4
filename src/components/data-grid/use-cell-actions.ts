import { useCallback, useEffect, useState } from 'react';
import { cellFullValue } from './cell-full-value';
import { copyText } from './clipboard';
import type { ColumnModel } from './column-model';
import type { FullValue } from './full-value-dialog';
import type { PageView } from './use-grid-pages';

// Long enough to read "Copied", short enough not to sit beside the next action's result.
const NOTICE_MS = 1500;

export interface CellActions {
  /** The status line's short notice ("Copied"), empty when there is none. */
  notice: string;
  /** The value the full-value dialog shows, null when it is closed. */
  dialog: FullValue | null;
  closeDialog(): void;
  copy(text: string): Promise<void>;
  copyCell(row: number, col: number): void;
  openFull(row: number, col: number): void;
}

/** Copy (with a notice in the status line) and the full-value dialog, for a cell by row and column. */
export function useCellActions({
  columns,
  viewFor,
  pageSize,
  hasRowNumbers,
}: {
  columns: readonly ColumnModel[];
  viewFor(row: number): PageView | undefined;
  pageSize: number;
  hasRowNumbers: boolean;
}): CellActions {
  const fullValueOf = useCallback(
    (row: number, col: number) =>
      cellFullValue(columns, col, viewFor(row), row, row % pageSize, hasRowNumbers),
    [columns, viewFor, pageSize, hasRowNumbers],
  );

  const [notice, setNotice] = useState('');
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(''), NOTICE_MS);
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
  const closeDialog = useCallback(() => setDialog(null), []);

  return { notice, dialog, closeDialog, copy, copyCell, openFull };
}

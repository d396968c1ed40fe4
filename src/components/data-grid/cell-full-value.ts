import { FULL_FORMAT } from '../../core/format/cell-value';
import { cellCopyText, formatCell, fullText } from '../../core/format/format-cell';
import type { ColumnModel } from './column-model';
import type { FullValue } from './full-value-dialog';
import { fileRowOf, type PageView } from './use-grid-pages';

/**
 * One cell in full, for the full-value dialog and for copy: formatted with nothing cut, the raw
 * bytes of a binary value, the text a copy puts on the clipboard, and the row as the gutter shows
 * it. Null while the cell's page (or its heavy value) is not loaded.
 */
export function cellFullValue(
  columns: readonly ColumnModel[],
  col: number,
  view: PageView | undefined,
  row: number,
  local: number,
  hasRowNumbers: boolean,
): FullValue | null {
  const column = columns[col];
  if (!column || !view) return null;
  const fileRow = fileRowOf(view, local, row);
  const rowLabel = `row ${hasRowNumbers ? fileRow : row + 1}`;
  if (column.extra) {
    const cell = column.extra.getCell(fileRow, 'full');
    if (!cell) return null;
    return {
      column: column.label,
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
    column: column.label,
    rowLabel,
    cell,
    bytes: raw instanceof Uint8Array ? raw : undefined,
    copy: cellCopyText(vector, local),
  };
}

import type { CellValue } from '../../core/format/cell-value';
import { isNumericType, typeLabel } from '../../core/format/type-label';
import { columnWidth, headerWidth } from './column-layout';
import { columnLabel, type GridSort, type GridColumn } from '../../core/grid-source';

/**
 * A column that is not in the grid source's pages: heavy columns (vectors, blobs) kept outside
 * DuckDB and joined by the row-number column (`__row`). The grid asks for the values of the rows
 * it paints and repaints when `load` settles.
 */
export interface GridExtraColumn {
  name: string;
  /** Shown instead of `name` when set (see GridColumn.label). */
  label?: string;
  typeLabel: string;
  width?: number;
  /** The cell for the row whose row number is `fileRow`; undefined while not loaded. */
  getCell(fileRow: number, mode: 'cell' | 'full'): CellValue | undefined;
  /** Raw bytes for the full-value view of binary values. */
  getBytes?(fileRow: number): Uint8Array | undefined;
  /** Loads the values of these rows; the grid aborts the signal when the rows scroll away. */
  load?(fileRows: readonly number[], signal: AbortSignal): Promise<void>;
}

/** One shown column: a source column or an extra (heavy) one. */
export interface ColumnModel {
  key: string;
  /** The column's key (what sort names). */
  name: string;
  /** What the header shows. */
  label: string;
  typeLabel: string;
  numeric: boolean;
  sortable: boolean;
  /** Position in source.columns; null for extra columns. */
  source: number | null;
  extra: GridExtraColumn | null;
  defaultWidth: number;
  /** Text marked in this column's string cells (a full-text filter's), or null. */
  highlight: string | null;
}

/** A column the horizontal window paints: its index in the shown columns, left edge and width. */
export interface VisibleColumn {
  index: number;
  start: number;
  size: number;
}

export const MIN_WIDTH = 48;
export const MAX_WIDTH = 1200;
const EXTRA_WIDTH = 160;

/**
 * The shown columns: the source's, minus the hidden ones (the row-number column is always hidden:
 * it is the gutter), then the extra columns. Extra columns cannot be sorted: DuckDB does not have
 * them.
 */
export function gridColumns(
  sourceColumns: readonly GridColumn[],
  extraColumns: readonly GridExtraColumn[] | undefined,
  hidden: ReadonlySet<string>,
  highlight?: { columns: readonly string[]; text: string } | null,
): ColumnModel[] {
  const marked = (name: string) =>
    highlight && highlight.text !== '' && highlight.columns.includes(name) ? highlight.text : null;
  const out: ColumnModel[] = [];
  sourceColumns.forEach((c, i) => {
    if (hidden.has(c.name)) return;
    const shownType = c.typeLabel ?? typeLabel(c.type);
    out.push({
      key: `s:${c.name}`,
      name: c.name,
      label: columnLabel(c),
      typeLabel: shownType,
      numeric: isNumericType(c.type),
      sortable: true,
      source: i,
      extra: null,
      defaultWidth: columnWidth(c.type, columnLabel(c), shownType),
      highlight: marked(c.name),
    });
  });
  for (const extra of extraColumns ?? []) {
    out.push({
      key: `x:${extra.name}`,
      name: extra.name,
      label: columnLabel(extra),
      typeLabel: extra.typeLabel,
      numeric: false,
      sortable: false,
      source: null,
      extra,
      defaultWidth: extra.width ?? Math.max(EXTRA_WIDTH, headerWidth(columnLabel(extra), extra.typeLabel)),
      highlight: null,
    });
  }
  return out;
}

/** A dragged or keyed width, kept in whole pixels within [MIN_WIDTH, MAX_WIDTH]. */
export function clampWidth(width: number): number {
  return Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width)));
}

/** A header click cycles ascending -> descending -> off; another column starts ascending. */
export function nextSort(sort: GridSort | null, column: string): GridSort | null {
  if (sort?.column !== column) return { column, direction: 'asc' };
  return sort.direction === 'asc' ? { column, direction: 'desc' } : null;
}

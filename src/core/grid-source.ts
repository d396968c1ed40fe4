import type { DataType, Table } from 'apache-arrow';

/**
 * What the data grid reads: a row count, the columns, and pages of rows as Arrow, fetched on
 * demand. The grid knows nothing of DuckDB or Parquet; src/data adapts a DuckDB table (sort,
 * filters), a SQL result and a file in file order to this one shape.
 */
export interface GridSource {
  /** Equal keys mean equal rows: the grid keys its page cache by it. Every new source gets a new key. */
  key: string;
  rowCount: number;
  columns: readonly GridColumn[];
  /**
   * The rows per page this source serves best, where it is not the grid's default: a source that
   * reads each page by key wants screen-sized pages (data/db/grid-source.ts).
   */
  pageSize?: number;
  /** Rows [offset, offset + limit) as Arrow (fewer at the end); rejects with 'cancelled' on abort. */
  fetchRows(offset: number, limit: number, signal?: AbortSignal): Promise<Table>;
  /**
   * The rows `fetchRows` would give, when the source already holds them (no fetch, no wait); else
   * null. A grid paints them in its first render instead of a frame of empty rows first.
   */
  peekRows?(offset: number, limit: number): Table | null;
}

export interface GridColumn {
  /** The column's key: its name in the pages' Arrow schema and in SQL (sort, filters). */
  name: string;
  type: DataType;
  /** The name shown to the user when it is not the key (a file's own name: core/schema/column-keys.ts). */
  label?: string;
  /** The type shown to the user when it is not `type`'s (the file's, where DuckDB holds another: ColumnPlan.typeLabel). */
  typeLabel?: string;
}

/** What a column is called on screen: its label, or its key; "(no name)" for a file's empty name. */
export function columnLabel(column: { name: string; label?: string | undefined }): string {
  const label = column.label ?? column.name;
  return label === '' ? NO_NAME : label;
}

const NO_NAME = '(no name)';

/**
 * One name per column for a list to pick from (a filter's column, a facet): the label, with the key
 * beside it where the label alone would not say which column (`x` twice, an empty name).
 */
export function columnChoices(columns: readonly { name: string; label?: string | undefined }[]): string[] {
  const seen = new Map<string, number>();
  for (const c of columns) seen.set(columnLabel(c), (seen.get(columnLabel(c)) ?? 0) + 1);
  return columns.map((c) => {
    const label = columnLabel(c);
    return label !== NO_NAME && seen.get(label) === 1 ? label : `${label} · ${c.name}`;
  });
}

/**
 * The same source with its columns labelled: `labels` maps keys to the names the user knows
 * (only the ones that differ need be there). The same object when nothing changes.
 */
export function withColumnLabels(
  source: GridSource,
  labels: ReadonlyMap<string, string>,
  typeLabels: ReadonlyMap<string, string> = new Map(),
): GridSource {
  const changed = (c: GridColumn) =>
    (labels.get(c.name) ?? c.name) !== columnLabel(c) ||
    (typeLabels.has(c.name) && typeLabels.get(c.name) !== c.typeLabel);
  if (!source.columns.some(changed)) return source;
  const columns = source.columns.map((c) => {
    const label = labels.get(c.name);
    const typeLabel = typeLabels.get(c.name);
    return {
      ...c,
      ...(label === undefined || label === c.name ? {} : { label }),
      ...(typeLabel === undefined ? {} : { typeLabel }),
    };
  });
  return {
    key: source.key,
    get rowCount() {
      return source.rowCount;
    },
    columns,
    ...(source.pageSize === undefined ? {} : { pageSize: source.pageSize }),
    fetchRows: (offset, limit, signal) => source.fetchRows(offset, limit, signal),
    ...(source.peekRows ? { peekRows: source.peekRows.bind(source) } : {}),
  };
}

export interface GridSort {
  column: string;
  direction: 'asc' | 'desc';
}

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
  /** Rows [offset, offset + limit) as Arrow (fewer at the end); rejects with 'cancelled' on abort. */
  fetchRows(offset: number, limit: number, signal?: AbortSignal): Promise<Table>;
}

export interface GridColumn {
  name: string;
  type: DataType;
}

export interface GridSort {
  column: string;
  direction: 'asc' | 'desc';
}

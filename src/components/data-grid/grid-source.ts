import type { DataType, Table } from 'apache-arrow';

/**
 * What the grid reads: a row count, the columns, and pages of rows as Arrow. The grid knows nothing
 * about DuckDB; src/data/db/grid-source.ts adapts a DuckDB table (sort, filters) to this shape.
 */
export interface GridSource {
  /** Changes whenever the rows change (other table, sort or filter): cached pages are keyed by it. */
  key: string;
  rowCount: number;
  columns: readonly GridSourceColumn[];
  /** Rows [offset, offset + limit) as Arrow; columns by name as in `columns`. */
  fetchRows(offset: number, limit: number, signal?: AbortSignal): Promise<Table>;
}

export interface GridSourceColumn {
  name: string;
  type: DataType;
}

export interface GridSort {
  column: string;
  direction: 'asc' | 'desc';
}

/**
 * Where each column of an opened file goes, decided once from the Arrow schema and the footer's
 * size statistics (see docs/data-path.md):
 * - 'duckdb': scalar and list columns, queryable in SQL, sortable, filterable;
 * - 'heavy': vectors, binary and very long text; kept as Arrow buffers outside DuckDB, read per
 *   row group on demand and joined to query results by `__row`.
 */
export type ColumnRole = 'id' | 'category' | 'entities' | 'embedding' | 'diff' | 'time' | 'text' | 'other';

export interface ColumnPlan {
  /**
   * The column's key: its identifier in DuckDB and its name in every request inside the app
   * (decoder, heavy store, filters, sort, facets, export). Unique ignoring case, never empty, never
   * `__row` (core/schema/column-keys.ts).
   */
  name: string;
  /** The column's name as the file writes it, shown to the user; equal to `name` for most files. */
  label: string;
  /** Arrow type as apache-arrow prints it (`Utf8`, `FixedSizeList[384]<Float32>`, ...), after normalization. */
  arrowType: string;
  /**
   * The same type as every view shows it (core/format/type-label.ts: `timestamp[ms, UTC]`): the
   * file's, even where DuckDB holds it otherwise (a millisecond timestamp is microseconds in DuckDB).
   * Absent for plans made before it existed and in tests: views then fall back to `arrowType`.
   */
  typeLabel?: string;
  role: ColumnRole;
  destination: 'duckdb' | 'heavy';
  /** For vector columns: the dimension every row shares. */
  vectorDim?: number;
  /** Why the column went where it did, shown in the schema panel. */
  reason: string;
}

/** The row-index column every DuckDB table gets: the row's position in its file. */
export const ROW_INDEX_COLUMN = '__row';

import type { ColumnPlan } from '../../core/schema/column-plan';
import { duckdbColumns, vectorDimsOf } from '../../core/schema/plan-columns';
import type { ParquetFooter, ReadRequest } from './parquet-reader';

/** Rows decoded ahead for the grid's first page (the grid's page size: one page, not a whole group). */
export const FIRST_PAGE_ROWS = 256;

/**
 * The read of file rows [start, end): the row groups that hold them, from the first one's row
 * `offset`, `limit` rows. Null when no row group holds them. The file-order source reads every
 * page of a loading file this way; `firstPageRequest` is its first page.
 */
export function rowsRequest(
  footer: Pick<ParquetFooter, 'rowGroups'>,
  columns: readonly string[],
  vectors: Record<string, number>,
  start: number,
  end: number,
): ReadRequest | null {
  const groups: number[] = [];
  footer.rowGroups.forEach((g, i) => {
    if (g.firstRow < end && g.firstRow + g.rows > start) groups.push(i);
  });
  const first = footer.rowGroups[groups[0] ?? -1];
  if (!first) return null;
  return {
    rowGroups: groups,
    columns: [...columns],
    vectors,
    offset: start - first.firstRow,
    limit: end - start,
  };
}

/**
 * What the load reads of every row: the DuckDB-bound columns (by key, in plan order) and the
 * vector dimensions they are decoded with. Its row groups' reads and the first page's use it.
 */
export function loadReadOf(plan: readonly ColumnPlan[]): {
  columns: string[];
  vectors: Record<string, number>;
} {
  return { columns: duckdbColumns(plan), vectors: Object.fromEntries(vectorDimsOf(plan)) };
}

/**
 * The first page's read exactly as the load asks for it (load-parquet.ts, through the file-order
 * source's prefetch): the plan's DuckDB-bound columns, rows [0, FIRST_PAGE_ROWS). Null when the
 * file has no rows. The load worker decodes it before the main thread asks (reads-ahead.ts).
 */
export function firstPageRequest(footer: ParquetFooter, plan: readonly ColumnPlan[]): ReadRequest | null {
  const { columns, vectors } = loadReadOf(plan);
  return rowsRequest(footer, columns, vectors, 0, Math.min(footer.rows, FIRST_PAGE_ROWS));
}

/** Equal requests give equal keys (both sides build them with the functions above). */
export function requestKey(request: ReadRequest): string {
  return JSON.stringify(request);
}

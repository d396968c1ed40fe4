import { quoteIdentifier } from './identifiers';
import type { SqlWithParams } from './table-query';

/**
 * The row index: a DuckDB (ART) index on a file table's `__row`, so that a sorted page can be read
 * in two steps — the page's keys by a narrow top-N, then its rows by key (buildKeyPageQuery and
 * buildRowsByKeyQuery in table-query.ts).
 *
 * Why: DuckDB answers `SELECT <every column> … ORDER BY x LIMIT n` with a top-N heap that carries
 * every column of every row it takes in. When many rows match and the newest come last (a store
 * sorted newest first), that is most of the matching rows' text: 310–330 ms at 1M rows, against
 * 16–21 ms for the same top-N over `__row` alone. Its own late materialization (`SELECT *`) joins
 * the keys back over the whole table and costs the same. Rows fetched by key through the index read
 * only those rows: keys + 1,000 rows in 71–93 ms at 1M (docs/benchmarks.md, "Table pages").
 *
 * Below TWO_STEP_MIN_MATCHES matching rows the one query wins (at 100K rows, 25K matching: 17 ms
 * against 26 ms), so small tables get no index at all. The index costs ~9 MB and ~240 ms at 1M
 * rows, once, after the file has loaded.
 */

/** Tables with fewer rows get no row index: no filter of theirs can reach TWO_STEP_MIN_MATCHES. */
export const ROW_INDEX_MIN_ROWS = 50_000;

/**
 * A sorted page of a source with at least this many matching rows is read in two steps (when the
 * table has its row index). Measured crossover: ~35K matching rows (docs/benchmarks.md).
 */
export const TWO_STEP_MIN_MATCHES = 50_000;

/** The index's name: the table's, plus a suffix no file column key can make alone. */
export function rowIndexName(table: string): string {
  return `${table}__row_index`;
}

export function buildCreateRowIndex(table: string, key: string): string {
  return `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(rowIndexName(table))} ON ${quoteIdentifier(table)} (${quoteIdentifier(key)})`;
}

export function buildDropRowIndex(table: string): string {
  return `DROP INDEX IF EXISTS ${quoteIdentifier(rowIndexName(table))}`;
}

/** One row (`n`: 0 or 1): whether `table` has its row index. */
export function buildRowIndexLookup(table: string): SqlWithParams {
  return {
    sql: `SELECT count(*) AS n FROM duckdb_indexes() WHERE table_name = ? AND index_name = ?`,
    params: [table, rowIndexName(table)],
  };
}

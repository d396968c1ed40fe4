import { quoteIdentifier } from './identifiers';

/**
 * The row index: a DuckDB (ART) index on a file table's `__row`, so that a sorted page can be read
 * in two steps — its keys by a narrow top-N, then its rows by key (buildKeyPageQuery and
 * buildRowsByKeyQuery in table-query.ts).
 *
 * Why: DuckDB answers `SELECT <every column> … WHERE f ORDER BY x LIMIT n` by scanning every
 * column of every vector that holds a matching row, and its top-N carries every column of every
 * row it takes in. The wide columns (text, lists) are most of that work: at 100K rows, 25K
 * matching, 17.6 ms for the one query against 6.0 ms for the same top-N over `__row` alone; at 1M,
 * 310–330 ms against 16–21 ms. Its own late materialization (`SELECT *`) joins the keys back over
 * the whole table and costs the same. Rows fetched by key through the index read only those rows.
 *
 * So a sorted view of an indexed table reads its keys in blocks of KEY_BLOCK_ROWS (the view's
 * "filter + sort + LIMIT 1000", cached by the doorway), and its pages are screen-sized
 * (KEYED_PAGE_ROWS), each one lookup of those keys: a row's columns are read when its page is
 * painted; the first block comes with the count of every match (buildKeyPageQuery's `withCount`).
 * Lookups cost per row (1,000 rows by key: 19 ms at 100K, as much as the one query), so
 * a fetch of more than KEYED_FETCH_MAX_ROWS rows takes the one query, unless so many rows match
 * (TWO_STEP_MIN_MATCHES) that the one query's scan costs more than the lookups. Figures:
 * docs/benchmarks.md, "Table pages".
 *
 * The index costs ~9 MB and ~240 ms at 1M rows, once, after the file has loaded. Tables under
 * ROW_INDEX_MIN_ROWS rows get none: their one query is cheap.
 */

/** Tables with fewer rows get no row index: their one query costs a few milliseconds. */
export const ROW_INDEX_MIN_ROWS = 50_000;

/**
 * A fetch of more than KEYED_FETCH_MAX_ROWS rows goes by key when at least this many rows match.
 * Measured crossover: ~35K matching rows for 1,000-row fetches (docs/benchmarks.md).
 */
export const TWO_STEP_MIN_MATCHES = 50_000;

/** A sorted view's keys are read this many at a time (the top-N over `__row`). */
export const KEY_BLOCK_ROWS = 1000;

/**
 * The page of a source read by key: a screen of rows (28 px rows: 32 at 900 px) and some, one
 * lookup each. A lookup costs per row (at 100K: 32 rows 2.85 ms, 64 rows 3.45 ms, 128 rows
 * 5.35 ms), and the first page is on the path to the first painted rows of every sorted view.
 */
export const KEYED_PAGE_ROWS = 64;

/** Fetches of up to this many rows go by key; more, and the one query is as fast or faster. */
export const KEYED_FETCH_MAX_ROWS = 256;

/** Whether a fetch of `limit` rows of an indexed, sorted source with `matches` rows goes by key. */
export function fetchesByKey(limit: number, matches: number): boolean {
  return limit <= KEYED_FETCH_MAX_ROWS || matches >= TWO_STEP_MIN_MATCHES;
}

/**
 * The key blocks that rows [offset, offset + limit) fall in: block b holds the keys of rows
 * [b * blockRows, (b + 1) * blockRows). Empty when limit is 0.
 */
export function keyBlocksOf(offset: number, limit: number, blockRows = KEY_BLOCK_ROWS): number[] {
  if (!(limit > 0)) return [];
  const first = Math.floor(offset / blockRows);
  const last = Math.floor((offset + limit - 1) / blockRows);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

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

/**
 * Every row index in the catalog (`table_name`, `index_name`): a constant statement, so it runs
 * unprepared in one worker round trip and one cached answer serves every table; the caller picks
 * its table with hasRowIndexIn.
 */
export const ROW_INDEXES_SQL = `SELECT table_name, index_name FROM duckdb_indexes() WHERE index_name LIKE '%\\_\\_row\\_index' ESCAPE '\\'`;

/** Whether ROW_INDEXES_SQL's rows hold `table`'s row index. */
export function hasRowIndexIn(
  rows: Iterable<{ table_name?: unknown; index_name?: unknown }>,
  table: string,
): boolean {
  const name = rowIndexName(table);
  for (const row of rows) if (row.table_name === table && row.index_name === name) return true;
  return false;
}

import { quoteIdentifier } from './identifiers';
import {
  buildOrderBy,
  buildSelectList,
  buildWhere,
  type SqlWithParams,
  type TableQuery,
} from './table-query';

/**
 * Keyset paging in a sort's order — `ORDER BY <key> ASC|DESC NULLS LAST, <tiebreaker>` — for
 * reading a whole sorted table without OFFSET. An OFFSET page makes DuckDB sort the whole table
 * again and skip every row before it (at 1M rows ~0.5 s a page, a minute for an export).
 *
 * Two steps: one query sorts the keys alone once (the sort key and the tiebreaker, no other column)
 * and returns every `every`-th position's key (buildSortBoundsQuery); then each read takes the rows
 * between two such positions (buildSortedRangeQuery), which DuckDB answers with a scan filtered on
 * the key, no sort of the table.
 *
 * The bounds come back as DuckDB's own text of the key (`CAST(key AS VARCHAR)`) with its type
 * (`typeof`), and go back into SQL as `CAST('<text>' AS <type>)`: DuckDB's text of these types
 * reads back to the same value (doubles in their shortest round-trip form, `nan`, `inf`, timestamps
 * to the microsecond), so no value passes through a JS number or Date. They are literals, not bound
 * parameters, because DuckDB pushes a comparison into the table scan (skipping row groups, reading
 * the other columns only for the rows that pass) only against a constant: bound, a 1M-row sorted
 * read by created_at took twice as long. The text is quoted as a string literal and the type must be
 * one of KEYSET_TYPES; other keys (lists, structs, enums) are not paged this way.
 *
 * The order matched is DuckDB's: NULLs last, NaN above +∞, and NaN equal to NaN (DuckDB's
 * comparisons agree with its sort, so `k > K` and `k = K` cut the order where ORDER BY puts K).
 */

/** One position in the sorted order: the key as DuckDB's text (null: NULL), its type, and the tiebreaker. */
export interface SortPosition {
  key: string | null;
  type: string;
  row: bigint | number;
}

export interface SortedKeysetQuery extends TableQuery {
  sort: NonNullable<TableQuery['sort']>;
  tiebreaker: string;
}

/**
 * DuckDB types whose VARCHAR text casts back to the same value and whose comparisons follow the
 * sort. Not here: lists and structs (their text is ambiguous for strings holding `,` or `'`), ENUM
 * (sorted by position, not text), BLOB, INTERVAL.
 */
const KEYSET_TYPES =
  /^(BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d{1,2},\d{1,2}\)|VARCHAR|DATE|TIME|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE|UUID)$/;

/** Whether a position can bound a read: its key's type is one of KEYSET_TYPES and its text a literal. */
export function isKeysetBound(p: SortPosition): boolean {
  return KEYSET_TYPES.test(p.type) && !(p.key?.includes('\u0000') ?? false);
}

/**
 * Every `every`-th position of the sorted (filtered) rows, in order: `key` (text), `type`, `row`.
 * The last rows after the last bound are read with `through` absent.
 */
export function buildSortBoundsQuery(q: SortedKeysetQuery & { every: number }): SqlWithParams {
  if (!Number.isSafeInteger(q.every) || q.every < 1) throw new Error(`Invalid bound spacing: ${q.every}`);
  const key = quoteIdentifier(q.sort.column);
  const row = quoteIdentifier(q.tiebreaker);
  const where = buildWhere(q.filters);
  const order = buildOrderBy(q.sort, q.tiebreaker);
  return {
    sql:
      `SELECT CAST(k AS VARCHAR) AS "key", typeof(k) AS "type", r AS "row" FROM (` +
      `SELECT ${key} AS k, ${row} AS r, row_number() OVER (${order}) AS p ` +
      `FROM ${quoteIdentifier(q.table)}${where.sql ? ` ${where.sql}` : ''}) AS bounds ` +
      `WHERE p % ? = 0 ORDER BY p`,
    params: [...where.params, q.every],
  };
}

/**
 * The (filtered) rows after `after` (exclusive; null: from the first) through `through`
 * (inclusive; null: to the last), in the sort's order.
 */
export function buildSortedRangeQuery(
  q: SortedKeysetQuery & { after: SortPosition | null; through: SortPosition | null },
): SqlWithParams {
  const where = buildWhere(q.filters);
  const clauses = where.sql ? [`(${where.sql.replace(/^WHERE /, '')})`] : [];
  const col = quoteIdentifier(q.sort.column);
  const row = quoteIdentifier(q.tiebreaker);
  const desc = q.sort.direction === 'desc';
  // "Comes before K in the order" and "comes after K", for a non-NULL K.
  const before = desc ? '>' : '<';
  const beyond = desc ? '<' : '>';
  const { after, through } = q;
  if (after) {
    const r = rowLiteral(after.row);
    if (after.key === null) clauses.push(`${col} IS NULL AND ${row} > ${r}`);
    else {
      const k = keyLiteral(after);
      clauses.push(`(${col} ${beyond} ${k} OR (${col} = ${k} AND ${row} > ${r}) OR ${col} IS NULL)`);
      // The same cut as a plain comparison DuckDB can push into the scan, when no NULL can follow.
      if (through && through.key !== null) clauses.push(`${col} ${desc ? '<=' : '>='} ${k}`);
    }
  }
  if (through) {
    const r = rowLiteral(through.row);
    if (through.key === null) clauses.push(`(${col} IS NOT NULL OR ${row} <= ${r})`);
    else {
      const k = keyLiteral(through);
      clauses.push(`(${col} ${before} ${k} OR (${col} = ${k} AND ${row} <= ${r}))`);
      clauses.push(`${col} ${desc ? '>=' : '<='} ${k}`);
    }
  }
  return {
    sql:
      `SELECT ${buildSelectList(q.columns)} FROM ${quoteIdentifier(q.table)}` +
      `${clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : ''} ${buildOrderBy(q.sort, q.tiebreaker)}`,
    params: where.params,
  };
}

function keyLiteral(p: SortPosition): string {
  if (p.key === null || !isKeysetBound(p))
    throw new Error(`A sort key of type ${p.type} cannot bound a page.`);
  return `CAST('${p.key.replaceAll("'", "''")}' AS ${p.type})`;
}

function rowLiteral(n: bigint | number): string {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new Error(`Invalid keyset position: ${n}`);
  return BigInt(n).toString();
}

import { quoteIdentifier } from './identifiers';

/**
 * Parameterized query builders for the table view. Identifiers (table and column names come from
 * user files) are quoted; values are always bound as `?` parameters, never spliced into SQL.
 */

/** A value bound to a `?` placeholder. The DbClient documents how each kind binds in DuckDB-WASM. */
export type SqlParam = string | number | bigint | boolean | null;

export interface SqlWithParams {
  sql: string;
  params: SqlParam[];
}

export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  column: string;
  direction: SortDirection;
}

export type FilterOp =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  /** Case-insensitive substring match on the value's text (ILIKE with % and _ escaped). */
  | 'contains'
  | 'is null'
  | 'is not null'
  /** For list columns: the list has an element equal to `value`. */
  | 'list-contains'
  /** Full-text: any of `columns` contains `value`, case-insensitively (ILIKE, wildcards escaped). */
  | 'text-search'
  /**
   * The (integer) column is one of a set: `value` is the set as the text of a JSON list of integers
   * (`[3,17,42]`), bound once and cast to BIGINT[] (a map selection of thousands of rows is one
   * parameter, not thousands).
   */
  | 'in-set';

export const FILTER_OPS: readonly FilterOp[] = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'contains',
  'is null',
  'is not null',
  'list-contains',
  'text-search',
  'in-set',
];

export interface Filter {
  /** The column compared (for 'text-search': a name for the filter; `columns` are searched). */
  column: string;
  op: FilterOp;
  /** 'text-search' only: the columns searched. */
  columns?: readonly string[];
  /** Ignored by 'is null' / 'is not null'. '=' / '!=' with null mean IS NULL / IS NOT NULL. */
  value?: SqlParam;
}

export interface TableQuery {
  table: string;
  /** Columns to select, in order; null or absent selects every column. */
  columns?: readonly string[] | null;
  sort?: SortSpec | null;
  filters?: readonly Filter[];
  /**
   * A unique column (e.g. `__row`) appended to ORDER BY when sorting, so that rows with equal sort
   * keys keep one order and pages neither repeat nor skip rows. Unsorted queries add no ORDER BY:
   * DuckDB preserves insertion order on a plain scan, and sorting 1M rows per page would cost.
   */
  tiebreaker?: string;
}

export interface PageQuery extends TableQuery {
  limit: number;
  offset: number;
}

const COMPARISONS: Readonly<Record<string, string>> = {
  '=': '=',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/** Escapes LIKE wildcards so user text matches literally (pairs with `ESCAPE '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `WHERE ...` (or '') and its params, filters ANDed in order. */
export function buildWhere(filters: readonly Filter[] | undefined): SqlWithParams {
  if (!filters || filters.length === 0) return { sql: '', params: [] };
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  for (const f of filters) {
    const col = quoteIdentifier(f.column);
    switch (f.op) {
      case 'is null':
        clauses.push(`${col} IS NULL`);
        break;
      case 'is not null':
        clauses.push(`${col} IS NOT NULL`);
        break;
      case 'contains':
        // Cast to text so 'contains' works on numbers, dates and lists too.
        clauses.push(`CAST(${col} AS VARCHAR) ILIKE ? ESCAPE '\\'`);
        params.push(`%${escapeLike(String(f.value ?? ''))}%`);
        break;
      case 'list-contains':
        clauses.push(`list_contains(${col}, ?)`);
        params.push(requireValue(f));
        break;
      case 'in-set': {
        const set = String(requireValue(f));
        if (!/^\[(-?\d+(,-?\d+)*)?\]$/.test(set))
          throw new Error(`The filter ${f.column} in-set needs a JSON list of integers.`);
        clauses.push(`list_contains(CAST(? AS BIGINT[]), ${col})`);
        params.push(set);
        break;
      }
      case 'text-search': {
        const searched = f.columns ?? [];
        if (searched.length === 0) throw new Error('A text search needs columns to search.');
        const pattern = `%${escapeLike(String(f.value ?? ''))}%`;
        clauses.push(`(${searched.map((c) => `${quoteIdentifier(c)} ILIKE ? ESCAPE '\\'`).join(' OR ')})`);
        for (let i = 0; i < searched.length; i++) params.push(pattern);
        break;
      }
      default: {
        const op = COMPARISONS[f.op];
        if (op === undefined) throw new Error(`Unknown filter operator: ${String(f.op)}`);
        if (f.value === null || f.value === undefined) {
          if (f.op === '=') clauses.push(`${col} IS NULL`);
          else if (f.op === '!=') clauses.push(`${col} IS NOT NULL`);
          else throw new Error(`The filter ${f.column} ${f.op} needs a value.`);
          break;
        }
        clauses.push(`${col} ${op} ?`);
        params.push(f.value);
      }
    }
  }
  return { sql: `WHERE ${clauses.join(' AND ')}`, params };
}

export function buildOrderBy(sort: SortSpec | null | undefined, tiebreaker?: string): string {
  if (!sort) return '';
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const keys = [`${quoteIdentifier(sort.column)} ${dir} NULLS LAST`];
  if (tiebreaker !== undefined && tiebreaker !== sort.column) keys.push(`${quoteIdentifier(tiebreaker)} ASC`);
  return `ORDER BY ${keys.join(', ')}`;
}

export function buildSelectList(columns: readonly string[] | null | undefined): string {
  if (!columns || columns.length === 0) return '*';
  return columns.map(quoteIdentifier).join(', ');
}

export function buildPageQuery(q: PageQuery): SqlWithParams {
  return pageQuery(q, buildSelectList(q.columns));
}

function pageQuery(q: PageQuery, selectList: string): SqlWithParams {
  assertPaging(q.limit, q.offset);
  const where = buildWhere(q.filters);
  const parts = [`SELECT ${selectList} FROM ${quoteIdentifier(q.table)}`];
  if (where.sql) parts.push(where.sql);
  const order = buildOrderBy(q.sort, q.tiebreaker);
  if (order) parts.push(order);
  // Paging inlined as checked integers (our numbers, not user text): a page without filters then
  // has no parameters, and DuckDB-WASM runs it as one interruptible pending query rather than a
  // prepared statement (three worker round trips, not interruptible; see DbClient).
  parts.push(`LIMIT ${q.limit} OFFSET ${q.offset}`);
  return { sql: parts.join(' '), params: where.params };
}

/**
 * Keyset paging in the tiebreaker's order (file order: `__row`), for reading a whole table page by
 * page, in two queries: buildKeysetEndQuery finds the last key of the next page (keys only), then
 * buildKeysetPageQuery reads the rows between. A page by OFFSET makes DuckDB sort and skip every
 * row before it, and one `ORDER BY key LIMIT n` over every column is a top-N that DuckDB 1.4
 * answers by late materialization over the whole table: at 1M rows, 300–800 ms a page, against
 * ~5 ms for the keys and ~15–30 ms for the rows between. Positions are inlined as checked integer
 * literals, not bound: DuckDB skips the row groups whose key range lies outside only for constants.
 */
export interface KeysetQuery extends TableQuery {
  tiebreaker: string;
  /** The last key already read (null: from the start). */
  after: bigint | number | null;
}

/** `SELECT max(key) AS last` over the next `limit` keys after `after` (NULL: no rows left). */
export function buildKeysetEndQuery(q: KeysetQuery & { limit: number }): SqlWithParams {
  assertPaging(q.limit, 0);
  const key = quoteIdentifier(q.tiebreaker);
  const where = keysetWhere(q, null);
  return {
    sql: `SELECT max(${key}) AS last FROM (SELECT ${key} FROM ${quoteIdentifier(q.table)}${where.sql} ORDER BY ${key} LIMIT ?) AS keys`,
    params: [...where.params, q.limit],
  };
}

/** The rows with `after < key <= through`, in key order. */
export function buildKeysetPageQuery(q: KeysetQuery & { through: bigint | number }): SqlWithParams {
  const where = keysetWhere(q, q.through);
  return {
    sql: `SELECT ${buildSelectList(q.columns)} FROM ${quoteIdentifier(q.table)}${where.sql} ORDER BY ${quoteIdentifier(q.tiebreaker)}`,
    params: where.params,
  };
}

function keysetWhere(q: KeysetQuery, through: bigint | number | null): SqlWithParams {
  const where = buildWhere(q.filters);
  const key = quoteIdentifier(q.tiebreaker);
  // The filters as one parenthesized term, whatever they hold.
  const clauses = where.sql ? [`(${where.sql.replace(/^WHERE /, '')})`] : [];
  if (q.after !== null) clauses.push(`${key} > ${integerLiteral(q.after)}`);
  if (through !== null) clauses.push(`${key} <= ${integerLiteral(through)}`);
  return { sql: clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '', params: where.params };
}

function integerLiteral(n: bigint | number): string {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new Error(`Invalid key: ${n}`);
  return BigInt(n).toString();
}

/**
 * A sorted page in two steps (core/sql/row-index.ts says when and why): first its keys, the
 * tiebreaker alone in the page's order (`withCount`: and, as column `n`, the count of every
 * matching row — a window over them all, cheaper than a second statement)...
 */
export function buildKeyPageQuery(q: PageQuery & { tiebreaker: string; withCount?: boolean }): SqlWithParams {
  const key = quoteIdentifier(q.tiebreaker);
  return pageQuery(q, q.withCount ? `${key}, count(*) OVER () AS n` : key);
}

/**
 * ...then the rows with those keys, in the same order (the same ORDER BY over the same rows, so
 * the order equals the keys'). Keys are inlined as checked integer literals: DuckDB reads them
 * through the row index only for a constant IN list.
 */
export function buildRowsByKeyQuery(
  q: TableQuery & { tiebreaker: string; keys: readonly (bigint | number)[] },
): SqlWithParams {
  const key = quoteIdentifier(q.tiebreaker);
  const where = q.keys.length === 0 ? 'FALSE' : `${key} IN (${q.keys.map(integerLiteral).join(', ')})`;
  const order = buildOrderBy(q.sort, q.tiebreaker);
  const sql = `SELECT ${buildSelectList(q.columns)} FROM ${quoteIdentifier(q.table)} WHERE ${where}`;
  return { sql: order ? `${sql} ${order}` : sql, params: [] };
}

export function buildCountQuery(q: TableQuery): SqlWithParams {
  const where = buildWhere(q.filters);
  const sql = `SELECT count(*) AS n FROM ${quoteIdentifier(q.table)}${where.sql ? ` ${where.sql}` : ''}`;
  return { sql, params: where.params };
}

/**
 * One page of a user's read-only query (the `body` from classifySql). LIMIT and OFFSET are inlined
 * as validated integers, not bound: a statement without parameters runs as a DuckDB pending query,
 * which can be interrupted, while a prepared one cannot (see DbClient). They are our numbers, not
 * user text. The body sits on its own lines because it may end in a `--` comment.
 */
export function buildSqlPageQuery(body: string, limit: number, offset: number): string {
  assertPaging(limit, offset);
  return `SELECT * FROM (\n${body}\n) AS memscope_q LIMIT ${limit} OFFSET ${offset}`;
}

export function buildSqlCountQuery(body: string): string {
  return `SELECT count(*) AS n FROM (\n${body}\n) AS memscope_q`;
}

function assertPaging(limit: number, offset: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`Invalid LIMIT: ${limit}`);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`Invalid OFFSET: ${offset}`);
}

function requireValue(f: Filter): SqlParam {
  if (f.value === undefined || f.value === null)
    throw new Error(`The filter ${f.column} ${f.op} needs a value.`);
  return f.value;
}

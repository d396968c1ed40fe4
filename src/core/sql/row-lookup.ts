import { quoteIdentifier } from './identifiers';
import { buildOrderBy, buildWhere, type Filter, type SortSpec, type SqlWithParams } from './table-query';

export interface RowLookupQuery {
  table: string;
  /** The id column (by role). */
  idColumn: string;
  /** False for integer ids: compared as text, so whatever the user typed binds without a cast error. */
  idIsText: boolean;
  id: string;
  /** The view the row is looked for in: the grid's sort and filters. */
  sort?: SortSpec | null;
  filters?: readonly Filter[];
  /** The grid's unique tiebreaker (`__row`); without a sort it is also the view's order. */
  tiebreaker?: string;
}

/**
 * One query for "Go to memory": whether the id exists in the table at all (`found`) and its
 * 0-based position in the current view (`pos`, NULL when a filter hides it). The position is the
 * row's number under the same ORDER BY the grid pages with (buildPageQuery), so the grid can scroll
 * straight to it. The id is bound, never spliced.
 */
export function buildRowLookupQuery(q: RowLookupQuery): SqlWithParams {
  const table = quoteIdentifier(q.table);
  const id = quoteIdentifier(q.idColumn);
  const key = q.idIsText ? id : `CAST(${id} AS VARCHAR)`;
  const where = buildWhere(q.filters);
  const order = q.sort
    ? buildOrderBy(q.sort, q.tiebreaker)
    : q.tiebreaker !== undefined
      ? `ORDER BY ${quoteIdentifier(q.tiebreaker)} ASC`
      : '';
  const view =
    `SELECT ${key} AS memscope_key, row_number() OVER (${order}) - 1 AS pos FROM ${table}` +
    (where.sql ? ` ${where.sql}` : '');
  return {
    sql:
      `SELECT (SELECT CAST(count(*) AS DOUBLE) FROM ${table} WHERE ${key} = ?) AS found, ` +
      `(SELECT CAST(min(pos) AS DOUBLE) FROM (${view}) AS memscope_v WHERE memscope_key = ?) AS pos`,
    params: [q.id, ...where.params, q.id],
  };
}

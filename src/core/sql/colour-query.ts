import { quoteIdentifier } from './identifiers';
import type { SqlParam, SqlWithParams } from './table-query';

/**
 * The two queries behind the map's "Colour by" (docs/similar.md): the column's most frequent values
 * (with how many distinct values there are), then one code per `__row` — value i of the first answer
 * is code i + 1, anything else 0 ("Other") — as narrow Arrow columns (UINTEGER, USMALLINT).
 */

/** Up to `limit` values, most rows first (ties by value), each with its count and the distinct total. */
export function colourValuesQuery(table: string, column: string, limit: number): SqlWithParams {
  const c = quoteIdentifier(column);
  return {
    sql:
      `WITH g AS (SELECT CAST(${c} AS VARCHAR) AS v, count(*) AS n FROM ${quoteIdentifier(table)} GROUP BY 1) ` +
      `SELECT v, CAST(n AS DOUBLE) AS n, CAST((SELECT count(*) FROM g) AS DOUBLE) AS distinct_values ` +
      `FROM g ORDER BY n DESC, v ASC NULLS LAST LIMIT ${Math.max(1, Math.floor(limit))}`,
    params: [],
  };
}

/** `__row` and its code for every row of `table`; values are bound as parameters (never spliced). */
export function colourCodesQuery(
  table: string,
  column: string,
  rowColumn: string,
  values: readonly (string | null)[],
): SqlWithParams {
  const c = quoteIdentifier(column);
  const params: SqlParam[] = [];
  const arms = values.map((v, i) => {
    if (v === null) return `WHEN ${c} IS NULL THEN ${i + 1}`;
    params.push(v);
    return `WHEN CAST(${c} AS VARCHAR) = ? THEN ${i + 1}`;
  });
  const code = arms.length ? `CASE ${arms.join(' ')} ELSE 0 END` : '0';
  return {
    sql: `SELECT CAST(${quoteIdentifier(rowColumn)} AS UINTEGER) AS r, CAST(${code} AS USMALLINT) AS code FROM ${quoteIdentifier(table)}`,
    params,
  };
}

import { quoteIdentifier } from './identifiers';
import type { SqlParam, SqlWithParams } from './table-query';

/**
 * The rows of one search over several files (docs/similar.md, "One search over several files"),
 * from DuckDB in one query: each file's hit rows by `__row`, united by column name (a column one
 * file lacks is NULL in its rows) and ordered by rank. The view adds the file column itself.
 */

export interface RowsAcrossPart {
  /** The file's DuckDB table. */
  table: string;
  /** For errors only. */
  fileName: string;
  /** Its `__row`s among the results and the rank (0-based, over every file) of each. */
  rows: readonly number[];
  ranks: readonly number[];
  /** Columns of its table not to read (vectors added to SQL: the results read them from the file). */
  exclude?: readonly string[];
}

/** The file column's name: `file`, unless a file has a column of that name (`__file`, `__file_1`, …). */
export function fileColumnName(taken: Iterable<string>): string {
  const names = new Set(Array.from(taken, (n) => n.toLowerCase()));
  if (!names.has('file')) return 'file';
  let name = '__file';
  for (let i = 1; names.has(name); i++) name = `__file_${i}`;
  return name;
}

/**
 * `SELECT * EXCLUDE (rank) FROM (SELECT q.rank, t.* FROM t1 t JOIN (…) q USING (__row) UNION ALL
 * BY NAME …) ORDER BY rank`. The lists are bound as text (`[7,3,11]`) and unnested side by side.
 * BY NAME orders the columns by first appearance: the first file's columns, then what later files
 * add. Columns whose types
 * differ between files are settled by DuckDB's union rules (or the query fails: the caller shows
 * the results without their columns).
 */
export function buildRowsAcrossQuery(parts: readonly RowsAcrossPart[], rowColumn = '__row'): SqlWithParams {
  const used = parts.filter((p) => p.rows.length > 0);
  if (used.length === 0) throw new Error('No rows to read.');
  const row = quoteIdentifier(rowColumn);
  const params: SqlParam[] = [];
  const selects = used.map((p) => {
    if (p.rows.length !== p.ranks.length) throw new Error(`${p.fileName}: one rank per row is needed.`);
    const all = p.exclude?.length ? `t.* EXCLUDE (${p.exclude.map(quoteIdentifier).join(', ')})` : 't.*';
    params.push(listText(p.rows), listText(p.ranks));
    return (
      `SELECT q.memscope_rank, ${all} FROM ${quoteIdentifier(p.table)} t ` +
      `JOIN (SELECT unnest(?::BIGINT[]) AS ${row}, unnest(?::BIGINT[]) AS memscope_rank) q USING (${row})`
    );
  });
  return {
    sql: `SELECT * EXCLUDE (memscope_rank) FROM (${selects.join(' UNION ALL BY NAME ')}) AS memscope_hits ORDER BY memscope_rank`,
    params,
  };
}

function listText(values: readonly number[]): string {
  for (const v of values) if (!Number.isSafeInteger(v)) throw new Error(`Not a row number: ${v}`);
  return `[${values.join(',')}]`;
}

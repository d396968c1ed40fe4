import type { ColumnPlan } from '../schema/column-plan';
import type { Filter } from './table-query';

/** The columns "Search text" looks in: text by role (content, summary), else every string column in DuckDB. */
export function textSearchColumns(columns: readonly ColumnPlan[]): ColumnPlan[] {
  const inDb = columns.filter((c) => c.destination === 'duckdb');
  const text = inDb.filter((c) => c.role === 'text');
  return text.length > 0 ? text : inDb.filter((c) => /^(Large)?Utf8/.test(c.arrowType));
}

/** The filter a search text stands for (none when empty or when nothing can be searched). */
export function textSearchFilter(search: string, columns: readonly ColumnPlan[]): Filter[] {
  const searched = textSearchColumns(columns);
  if (search === '' || searched.length === 0) return [];
  return [{ column: 'text', op: 'text-search', value: search, columns: searched.map((c) => c.name) }];
}

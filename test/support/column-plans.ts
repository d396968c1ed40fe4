import type { ColumnPlan } from '../../src/core/schema/column-plan';

/** A column kept in DuckDB under its own name, as the facet and histogram tests describe tables. */
export const duckdbColumn = (name: string, arrowType: string, role: ColumnPlan['role']): ColumnPlan => ({
  name,
  label: name,
  arrowType,
  role,
  destination: 'duckdb',
  reason: '',
});

import { quoteIdentifier } from './identifiers';
import { buildWhere, escapeLike, type Filter, type SqlParam, type SqlWithParams } from './table-query';

/**
 * Facets that filter each other (cross-filtering in the manner of mosaic): every facet's counts are
 * computed under the table's filters and every OTHER facet's selection, never its own, so a facet
 * keeps showing the values one could switch to. Pure builders: identifiers quoted, values bound.
 */

/** 'value': one value per row (a category-like string column); 'list': a list column, one count per element. */
export type FacetKind = 'value' | 'list';

export interface FacetSpec {
  column: string;
  kind: FacetKind;
}

/**
 * What is selected in one value or list facet. A value facet selects one value (a row has one); a
 * list facet may select several, and a row must contain all of them (narrowing, like adding
 * entities to a search).
 */
export interface ValueSelection {
  column: string;
  kind: FacetKind;
  values: readonly string[];
}

/**
 * How a histogram's column is binned and compared: 'time' (timestamps and dates, bounds in epoch
 * milliseconds, UTC), 'integer' (bounds exact as bigints: ids and counters may pass 2^53) or
 * 'number' (floats and decimals, bounds as doubles).
 */
export type RangeScale = 'number' | 'integer' | 'time';
export type RangeBound = number | bigint;

/**
 * A histogram's brush: the rows with `lo <= column < hi` (half-open, so adjacent bins never share a
 * row). Either side may be open (null), not both.
 */
export interface RangeSelection {
  column: string;
  kind: 'range';
  scale: RangeScale;
  lo: RangeBound | null;
  hi: RangeBound | null;
}

export type FacetSelection = ValueSelection | RangeSelection;

/**
 * A range bound as the value bound to `?`: epoch ms as ISO 8601 UTC text (DuckDB casts it to the
 * column's TIMESTAMP, TIMESTAMPTZ or DATE by context), an integer as a bigint (never rounded), a
 * number as itself (DuckDB compares a double parameter with FLOAT and DOUBLE columns as doubles).
 */
export function rangeBoundParam(scale: RangeScale, bound: RangeBound): SqlParam {
  // x >= 2.5 and x < 2.5 hold for the same integers as x >= 3 and x < 3.
  if (scale === 'integer') return typeof bound === 'bigint' ? bound : BigInt(Math.ceil(bound));
  const n = Number(bound);
  if (scale === 'time') {
    const date = new Date(n);
    if (Number.isNaN(date.getTime())) throw new Error(`Invalid time bound: ${String(bound)}`);
    return date.toISOString();
  }
  return n;
}

/** The filters a set of selections stands for, in selection order, leaving out the facet `except`. */
export function selectionFilters(selections: readonly FacetSelection[], except?: string): Filter[] {
  const out: Filter[] = [];
  for (const s of selections) {
    if (s.column === except) continue;
    if (s.kind === 'range') {
      if (s.lo !== null) out.push({ column: s.column, op: '>=', value: rangeBoundParam(s.scale, s.lo) });
      if (s.hi !== null) out.push({ column: s.column, op: '<', value: rangeBoundParam(s.scale, s.hi) });
      continue;
    }
    for (const value of s.values) {
      out.push({ column: s.column, op: s.kind === 'list' ? 'list-contains' : '=', value });
    }
  }
  return out;
}

export interface FacetCountsQuery {
  table: string;
  facet: FacetSpec;
  /** The table's filters (filter bar) and every facet's selection; the facet's own is left out here. */
  filters: readonly Filter[];
  selections: readonly FacetSelection[];
  /** Most frequent values first; at most this many. */
  limit: number;
  /** Case-insensitive substring the values must contain (the facet's search box); empty for all. */
  search?: string;
}

/**
 * `SELECT value, n` for one facet: counts of each value (or list element) among the rows that pass
 * every filter but the facet's own selection. NULL values and elements are left out.
 * Ties are broken by value so the order is stable from one update to the next.
 */
export function buildFacetCountsQuery(q: FacetCountsQuery): SqlWithParams {
  if (!Number.isSafeInteger(q.limit) || q.limit <= 0) throw new Error(`Invalid facet limit: ${q.limit}`);
  const col = quoteIdentifier(q.facet.column);
  const where = buildWhere([...q.filters, ...selectionFilters(q.selections, q.facet.column)]);
  const params: SqlParam[] = [...where.params];
  const source = `FROM ${quoteIdentifier(q.table)}${where.sql ? ` ${where.sql}` : ''}`;
  const inner =
    q.facet.kind === 'list'
      ? `SELECT unnest(${col}) AS value ${source}`
      : `SELECT CAST(${col} AS VARCHAR) AS value ${source}`;
  const conditions = ['value IS NOT NULL'];
  const search = q.search?.trim() ?? '';
  if (search !== '') {
    conditions.push(`value ILIKE ? ESCAPE '\\'`);
    params.push(`%${escapeLike(search)}%`);
  }
  params.push(q.limit);
  return {
    sql:
      `SELECT value, CAST(count(*) AS DOUBLE) AS n FROM (${inner}) AS facet ` +
      `WHERE ${conditions.join(' AND ')} GROUP BY value ORDER BY n DESC, value ASC LIMIT ?`,
    params,
  };
}

/**
 * How many distinct values each candidate column has, in one scan, to decide which string columns
 * are low-cardinality enough to be facets. approx_count_distinct (HyperLogLog) is plenty for a
 * threshold and far cheaper than count(DISTINCT) at 1M rows.
 */
export function buildDistinctCountsQuery(table: string, columns: readonly string[]): SqlWithParams {
  if (columns.length === 0) throw new Error('No columns to count.');
  const list = columns
    .map((c, i) => `CAST(approx_count_distinct(${quoteIdentifier(c)}) AS DOUBLE) AS d${i}`)
    .join(', ');
  return { sql: `SELECT ${list} FROM ${quoteIdentifier(table)}`, params: [] };
}

import type { IdIndex } from '../../core/lookup/id-index';
import { ROW_INDEX_COLUMN, type ColumnPlan } from '../../core/schema/column-plan';
import {
  buildDistinctCountsQuery,
  buildFacetCountsQuery,
  type FacetCountsQuery,
  type FacetSpec,
} from '../../core/sql/facet-query';
import { buildRowLookupQuery, type RowLookupQuery } from '../../core/sql/row-lookup';
import type { DbClient } from './db-client';

/** Facet queries share one channel: a newer update cancels the older one's query still running. */
const FACET_CHANNEL = 'facets';

/** A string column with more distinct values than this is not a facet (ids, free text). */
export const MAX_FACET_VALUES = 50;

export interface FacetCount {
  value: string;
  count: number;
}

const isStringColumn = (c: ColumnPlan) => /Utf8/.test(c.arrowType) && !/List/.test(c.arrowType);

/**
 * The facets of a table: its list-of-strings column(s) by role ('entities') and every string column
 * that is category-like: the 'category' role, or another short string column with at most
 * MAX_FACET_VALUES distinct values (one approximate count over the candidates, run once per table).
 */
export async function pickFacets(
  db: DbClient,
  table: string,
  columns: readonly ColumnPlan[],
  signal?: AbortSignal,
): Promise<FacetSpec[]> {
  const inDb = columns.filter((c) => c.destination === 'duckdb');
  const candidates = inDb.filter((c) => isStringColumn(c) && (c.role === 'category' || c.role === 'other'));
  const facets: FacetSpec[] = [];
  if (candidates.length > 0) {
    const q = buildDistinctCountsQuery(
      table,
      candidates.map((c) => c.name),
    );
    const result = await db.query(q.sql, { params: q.params, signal, channel: FACET_CHANNEL });
    candidates.forEach((c, i) => {
      const distinct = Number(result.table.getChildAt(i)?.get(0) ?? Infinity);
      if (distinct <= MAX_FACET_VALUES) facets.push({ column: c.name, kind: 'value' });
    });
  }
  for (const c of inDb) if (c.role === 'entities') facets.push({ column: c.name, kind: 'list' });
  return facets;
}

/** One facet's counts (buildFacetCountsQuery), as plain values: a facet has at most `limit` of them. */
export async function facetCounts(
  db: DbClient,
  query: FacetCountsQuery,
  signal?: AbortSignal,
): Promise<FacetCount[]> {
  const q = buildFacetCountsQuery(query);
  const { table } = await db.query(q.sql, { params: q.params, signal, channel: FACET_CHANNEL });
  const values = table.getChildAt(0);
  const counts = table.getChildAt(1);
  const out: FacetCount[] = [];
  for (let i = 0; i < table.numRows; i++) {
    out.push({ value: String(values?.get(i)), count: Number(counts?.get(i) ?? 0) });
  }
  return out;
}

export type RowLookup = { found: false } | { found: true; position: number | null };

/** "Go to memory": whether the id exists, and its row position in the grid's current view. */
export async function lookupRow(
  db: DbClient,
  query: RowLookupQuery,
  signal?: AbortSignal,
): Promise<RowLookup> {
  const q = buildRowLookupQuery(query);
  const { table } = await db.query(q.sql, { params: q.params, signal, channel: 'row-lookup', cache: false });
  const found = Number(table.getChildAt(0)?.get(0) ?? 0);
  if (found === 0) return { found: false };
  const pos: unknown = table.getChildAt(1)?.get(0);
  return { found: true, position: pos === null || pos === undefined ? null : Number(pos) };
}

/**
 * "Go to memory" through the table's id index (buildIdIndex): an unknown id is answered without a
 * query; in file order without filters the row's position is its `__row`; otherwise one query
 * places the row, found by its `__row`, under the view's sort and filters.
 */
export async function lookupRowIndexed(
  db: DbClient,
  index: IdIndex,
  query: RowLookupQuery,
  signal?: AbortSignal,
): Promise<RowLookup> {
  const row = index.lookup(query.id);
  if (row === null) return { found: false };
  const fileOrder =
    !query.sort && (query.filters ?? []).length === 0 && query.tiebreaker === ROW_INDEX_COLUMN;
  if (fileOrder) return { found: true, position: row };
  return lookupRow(db, { ...query, idColumn: ROW_INDEX_COLUMN, idIsText: false, id: String(row) }, signal);
}

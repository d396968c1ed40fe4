import type { Data, List, Utf8 } from 'apache-arrow';
import type { FacetCube } from '../../core/facets/crossfilter';
import {
  buildCube,
  utf8Part,
  type CubeSource,
  type DimensionSource,
  type Utf8Part,
} from '../../core/facets/cube-source';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import type { FacetSpec } from '../../core/sql/facet-query';
import { buildNonFiniteRowsQuery, buildRowBinsQuery } from '../../core/sql/histogram-query';
import { quoteIdentifier } from '../../core/sql/identifiers';
import { buildWhere, type Filter, type SqlParam } from '../../core/sql/table-query';
import type { DbClient } from './db-client';
import type { Histogram } from './histograms';

/**
 * The facet cube of a table (src/core/facets/crossfilter.ts), read from DuckDB once: one query per
 * facet column returning each row's `__row` (less the table's first, so rows index typed arrays
 * from 0) and its value, list or bin. Values are dictionary-encoded over the Arrow buffers DuckDB
 * returned (core/facets/cube-source.ts, in the facet worker where there is one); no string per row
 * is made. At 1M rows a category column costs 4 MB of codes, a
 * histogram 2 MB, a list of ~3 entities 16 MB.
 *
 * The cube rests on `__row` numbering the table's rows without gaps (a file's table, and a store's
 * view, which numbers its files one after another); a table where it does not gets no cube (null)
 * and its facets stay with DuckDB.
 */

/**
 * The cube's queries have their own channel (their own connection, so the grid's pages never wait
 * behind them), not the facets' one, where each count query supersedes the one before it.
 */
const CHANNEL = 'facet-cube';
/** A filter bar's mask: a newer one supersedes an older one still running. */
const MASK_CHANNEL = 'facet-mask';

/** One of the cube's queries: its own channel, never cached (the results are read once, whole). */
async function cubeQuery(db: DbClient, sql: string, params: SqlParam[], signal?: AbortSignal) {
  return (await db.query(sql, { params, signal, channel: CHANNEL, cache: false })).table;
}
const ROW = quoteIdentifier(ROW_INDEX_COLUMN);

export interface TableRows {
  /** The first `__row`: row index r is `__row - base`. */
  base: number;
  rows: number;
}

/**
 * `__row`'s extent; null when it is not base .. base + n − 1 without gaps. `__row` is unique by
 * construction (the app numbers every file's rows, and a file's own `__row` column is renamed), so
 * n rows from min to max = min + n − 1 are exactly those numbers.
 */
export async function denseRows(
  db: DbClient,
  table: string,
  signal?: AbortSignal,
): Promise<TableRows | null> {
  const t = await cubeQuery(
    db,
    `SELECT CAST(min(${ROW}) AS DOUBLE) AS lo, CAST(max(${ROW}) AS DOUBLE) AS hi, ` +
      `CAST(count(*) AS DOUBLE) AS n FROM ${quoteIdentifier(table)}`,
    [],
    signal,
  );
  const [lo, hi, n] = ['lo', 'hi', 'n'].map((c) => Number(t.getChild(c)?.get(0) ?? NaN)) as [
    number,
    number,
    number,
  ];
  if (!(n > 0) || hi - lo + 1 !== n || !Number.isSafeInteger(lo) || n >= 2 ** 31) return null;
  return { base: lo, rows: n };
}

/** The r column of a batch (buildRowBinsQuery and the queries below put it first). */
function rowsOf(data: Data): Int32Array {
  return (data.values as Int32Array).subarray(0, data.length);
}

async function valueSource(
  db: DbClient,
  table: string,
  at: TableRows,
  column: string,
  signal?: AbortSignal,
): Promise<DimensionSource> {
  const t = await cubeQuery(
    db,
    `SELECT CAST(${ROW} - CAST(? AS BIGINT) AS INTEGER) AS r, CAST(${quoteIdentifier(column)} AS VARCHAR) AS v ` +
      `FROM ${quoteIdentifier(table)}`,
    [at.base],
    signal,
  );
  const parts: { rows: Int32Array; values: Utf8Part }[] = [];
  for (const batch of t.batches) {
    const r = batch.getChildAt(0)?.data[0];
    const v = batch.getChildAt(1)?.data[0] as Data<Utf8> | undefined;
    if (r && v) parts.push({ rows: rowsOf(r), values: utf8Part(v) });
  }
  return { kind: 'value', column, parts };
}

/** A list column in `__row` order (the offsets are the rows' own, so the rows come sorted). */
async function listSource(
  db: DbClient,
  table: string,
  at: TableRows,
  column: string,
  signal?: AbortSignal,
): Promise<DimensionSource> {
  const t = await cubeQuery(
    db,
    `SELECT CAST(${quoteIdentifier(column)} AS VARCHAR[]) AS v FROM ${quoteIdentifier(table)} ORDER BY ${ROW}`,
    [],
    signal,
  );
  if (t.numRows !== at.rows) throw new Error(`${column}: ${t.numRows} rows, expected ${at.rows}.`);
  const parts: { offsets: Int32Array; elements: Utf8Part }[] = [];
  for (const batch of t.batches) {
    const list = batch.getChildAt(0)?.data[0] as Data<List<Utf8>> | undefined;
    if (!list) continue;
    const offsets = list.valueOffsets.subarray(0, list.length + 1);
    const child = list.children[0] as Data<Utf8>;
    parts.push({ offsets, elements: utf8Part(child, offsets[0]!, offsets[list.length]!) });
  }
  return { kind: 'list', column, parts };
}

async function rangeSource(
  db: DbClient,
  table: string,
  at: TableRows,
  histogram: Histogram,
  signal?: AbortSignal,
): Promise<DimensionSource | null> {
  const { spec, bins } = histogram;
  if (!bins) return null;
  const parts: { rows: Int32Array; bins: Int32Array | Int16Array; clamp: boolean }[] = [];
  const collect = (result: Awaited<ReturnType<typeof cubeQuery>>, clamp: boolean) => {
    for (const batch of result.batches) {
      const r = batch.getChildAt(0)?.data[0];
      const b = batch.getChildAt(1)?.data[0];
      if (!r || !b) continue;
      const rows = rowsOf(r);
      parts.push({ rows, bins: (b.values as Int32Array | Int16Array).subarray(0, rows.length), clamp });
    }
  };
  const q = buildRowBinsQuery(table, spec, bins, at.base);
  collect(await cubeQuery(db, q.sql, q.params, signal), true);
  if (spec.scale === 'number') {
    const nf = buildNonFiniteRowsQuery(table, spec.column, at.base);
    collect(await cubeQuery(db, nf.sql, nf.params, signal), false);
  }
  return { kind: 'range', column: spec.column, bins, parts };
}

/**
 * DuckDB's results for the cube over a table's facets and histograms, as the typed-array views of
 * their buffers (core/facets/cube-source.ts), or null when `__row` has gaps. Nothing is encoded
 * here: the facet worker (or buildCube in-process) does that.
 */
export async function readCubeSource(
  db: DbClient,
  table: string,
  facets: readonly FacetSpec[],
  histograms: readonly Histogram[],
  signal?: AbortSignal,
): Promise<{ source: CubeSource; base: number } | null> {
  const at = await denseRows(db, table, signal);
  if (!at) return null;
  const dimensions: DimensionSource[] = [];
  for (const f of facets) {
    dimensions.push(
      f.kind === 'list'
        ? await listSource(db, table, at, f.column, signal)
        : await valueSource(db, table, at, f.column, signal),
    );
  }
  for (const h of histograms) {
    const d = await rangeSource(db, table, at, h, signal);
    if (d) dimensions.push(d);
  }
  return { source: { rows: at.rows, dimensions }, base: at.base };
}

/** The cube over a table's facets and histograms, built in-process, or null when `__row` has gaps. */
export async function buildFacetCube(
  db: DbClient,
  table: string,
  facets: readonly FacetSpec[],
  histograms: readonly Histogram[],
  signal?: AbortSignal,
): Promise<{ cube: FacetCube; base: number } | null> {
  const read = await readCubeSource(db, table, facets, histograms, signal);
  return read && { cube: buildCube(read.source), base: read.base };
}

/** The filter bar's rows as a mask over the cube's rows (1 = passes): one query. */
export async function filterMask(
  db: DbClient,
  table: string,
  at: TableRows,
  filters: readonly Filter[],
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const where = buildWhere(filters);
  const { table: t } = await db.query(
    `SELECT CAST(${ROW} - CAST(? AS BIGINT) AS INTEGER) AS r FROM ${quoteIdentifier(table)} ${where.sql}`,
    { params: [at.base, ...where.params], signal, channel: MASK_CHANNEL, cache: false },
  );
  const mask = new Uint8Array(at.rows);
  for (const batch of t.batches) {
    const r = batch.getChildAt(0)?.data[0];
    if (!r) continue;
    for (const row of rowsOf(r)) mask[row] = 1;
  }
  return mask;
}

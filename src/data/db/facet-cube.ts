import type { Data, List, Utf8 } from 'apache-arrow';
import {
  ABOVE_BINS,
  BELOW_BINS,
  NO_BIN,
  narrowCodes,
  type CubeDimension,
  type FacetCube,
} from '../../core/facets/crossfilter';
import { Utf8Dictionary } from '../../core/facets/utf8-dictionary';
import { utf8Chunk } from '../../core/lookup/id-index';
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
 * returned; no string per row is made. At 1M rows a category column costs 4 MB of codes, a
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

async function valueDimension(
  db: DbClient,
  table: string,
  at: TableRows,
  column: string,
  signal?: AbortSignal,
): Promise<CubeDimension> {
  const t = await cubeQuery(
    db,
    `SELECT CAST(${ROW} - CAST(? AS BIGINT) AS INTEGER) AS r, CAST(${quoteIdentifier(column)} AS VARCHAR) AS v ` +
      `FROM ${quoteIdentifier(table)}`,
    [at.base],
    signal,
  );
  const dictionary = new Utf8Dictionary();
  const codes = new Int32Array(at.rows).fill(-1);
  for (const batch of t.batches) {
    const r = batch.getChildAt(0)?.data[0];
    const v = batch.getChildAt(1)?.data[0] as Data<Utf8> | undefined;
    if (r && v) dictionary.encode(utf8Chunk(v), codes, rowsOf(r));
  }
  return { column, kind: 'value', codes: narrowCodes(codes, dictionary.size), dictionary: dictionary.values };
}

/** A list column in `__row` order (the offsets are the rows' own, so the rows come sorted). */
async function listDimension(
  db: DbClient,
  table: string,
  at: TableRows,
  column: string,
  signal?: AbortSignal,
): Promise<CubeDimension> {
  const t = await cubeQuery(
    db,
    `SELECT CAST(${quoteIdentifier(column)} AS VARCHAR[]) AS v FROM ${quoteIdentifier(table)} ORDER BY ${ROW}`,
    [],
    signal,
  );
  if (t.numRows !== at.rows) throw new Error(`${column}: ${t.numRows} rows, expected ${at.rows}.`);
  const dictionary = new Utf8Dictionary();
  const offsets = new Int32Array(at.rows + 1);
  let elements = 0;
  for (const batch of t.batches) {
    const list = batch.getChildAt(0)?.data[0] as Data<List<Utf8>> | undefined;
    if (list) elements += list.valueOffsets[list.length]! - list.valueOffsets[0]!;
  }
  const codes = new Int32Array(elements);
  let row = 0;
  let at0 = 0;
  for (const batch of t.batches) {
    const list = batch.getChildAt(0)?.data[0] as Data<List<Utf8>> | undefined;
    if (!list) continue;
    const first = list.valueOffsets[0]!;
    const last = list.valueOffsets[list.length]!;
    for (let i = 0; i < list.length; i++) {
      // A NULL list holds no element (its offsets are equal).
      offsets[row + i + 1] = at0 + list.valueOffsets[i + 1]! - first;
    }
    const child = list.children[0] as Data<Utf8>;
    dictionary.encode(utf8Chunk(child, first, last), codes.subarray(at0, at0 + last - first));
    row += list.length;
    at0 += last - first;
  }
  return {
    column,
    kind: 'list',
    offsets,
    codes: narrowCodes(codes, dictionary.size),
    dictionary: dictionary.values,
  };
}

async function rangeDimension(
  db: DbClient,
  table: string,
  at: TableRows,
  histogram: Histogram,
  signal?: AbortSignal,
): Promise<CubeDimension | null> {
  const { spec, bins } = histogram;
  if (!bins) return null;
  const codes = new Int16Array(at.rows).fill(NO_BIN);
  // `clamp`: a bin from the bins query, where a value outside the bins (the table changed after they
  // were made) is below or above every bin; the non-finite query's codes are already final.
  const scatter = (result: Awaited<ReturnType<typeof cubeQuery>>, clamp: boolean) => {
    for (const batch of result.batches) {
      const r = batch.getChildAt(0)?.data[0];
      const b = batch.getChildAt(1)?.data[0];
      if (!r || !b) continue;
      const rows = rowsOf(r);
      const values = b.values as Int32Array | Int16Array;
      for (let i = 0; i < rows.length; i++) {
        const bin = values[i]!;
        codes[rows[i]!] = !clamp ? bin : bin < 0 ? BELOW_BINS : bin >= bins.count ? ABOVE_BINS : bin;
      }
    }
  };
  const q = buildRowBinsQuery(table, spec, bins, at.base);
  scatter(await cubeQuery(db, q.sql, q.params, signal), true);
  if (spec.scale === 'number') {
    const nf = buildNonFiniteRowsQuery(table, spec.column, at.base);
    scatter(await cubeQuery(db, nf.sql, nf.params, signal), false);
  }
  return { column: spec.column, kind: 'range', bins, codes: narrowCodes(Int32Array.from(codes), bins.count) };
}

/** The cube over a table's facets and histograms, or null when `__row` has gaps. */
export async function buildFacetCube(
  db: DbClient,
  table: string,
  facets: readonly FacetSpec[],
  histograms: readonly Histogram[],
  signal?: AbortSignal,
): Promise<{ cube: FacetCube; base: number } | null> {
  const at = await denseRows(db, table, signal);
  if (!at) return null;
  const dimensions: CubeDimension[] = [];
  for (const f of facets) {
    dimensions.push(
      f.kind === 'list'
        ? await listDimension(db, table, at, f.column, signal)
        : await valueDimension(db, table, at, f.column, signal),
    );
  }
  for (const h of histograms) {
    const d = await rangeDimension(db, table, at, h, signal);
    if (d) dimensions.push(d);
  }
  return { cube: { rows: at.rows, dimensions }, base: at.base };
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

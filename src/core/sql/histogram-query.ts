import type { ColumnPlan } from '../schema/column-plan';
import { ROW_INDEX_COLUMN } from '../schema/column-plan';
import { selectionFilters, type FacetSelection, type RangeScale } from './facet-query';
import type { Bins } from './histogram-bins';
import { quoteIdentifier } from './identifiers';
import { buildWhere, type Filter, type SqlParam, type SqlWithParams } from './table-query';

/**
 * Histograms with a brush (docs/explore.md): a time histogram of the timestamp columns and one per
 * numeric column, cross-filtered like the value facets (facet-query.ts): each histogram's bins are
 * counted under the filter bar and every OTHER facet's selection, never its own brush, so brushing
 * a histogram requeries the others and not itself (mosaic's crossfilter). Pure builders:
 * identifiers quoted, values bound.
 */

export interface HistogramSpec {
  column: string;
  scale: RangeScale;
  /** A DATE column: bins of a day or more. */
  dateOnly: boolean;
}

/** Numeric Arrow types as apache-arrow prints them (ColumnPlan.arrowType). */
const INTEGER_TYPE = /^U?[Ii]nt(8|16|32|64)$/;
const NUMBER_TYPE = /^(Float(16|32|64)|Decimal\b)/;
const TIME_TYPE = /^(Timestamp|Date(32|64)?)</;

/**
 * The columns that get a histogram: the time-role columns (timestamps, dates) and the numeric
 * columns that are not ids, in the table's order; never vectors, lists, `__row` or columns kept
 * outside DuckDB.
 */
export function histogramSpecs(columns: readonly ColumnPlan[]): HistogramSpec[] {
  const out: HistogramSpec[] = [];
  for (const c of columns) {
    if (c.destination !== 'duckdb' || c.name === ROW_INDEX_COLUMN || c.name.startsWith('__')) continue;
    if (c.role === 'time' && TIME_TYPE.test(c.arrowType)) {
      out.push({ column: c.name, scale: 'time', dateOnly: c.arrowType.startsWith('Date') });
    } else if (c.role === 'other' && INTEGER_TYPE.test(c.arrowType)) {
      out.push({ column: c.name, scale: 'integer', dateOnly: false });
    } else if (c.role === 'other' && NUMBER_TYPE.test(c.arrowType)) {
      out.push({ column: c.name, scale: 'number', dateOnly: false });
    }
  }
  return out;
}

/**
 * min and max of every histogram column in one scan, run once per table: columns `lo<i>`, `hi<i>`.
 * Times come back as epoch ms (DOUBLE), integers as exact text (BIGINT, HUGEINT and UBIGINT pass
 * 2^53), numbers as DOUBLE over the finite values only (NaN sorts above every number in DuckDB).
 */
export function buildExtentQuery(table: string, specs: readonly HistogramSpec[]): SqlWithParams {
  if (specs.length === 0) throw new Error('No columns to measure.');
  const parts = specs.map((s, i) => {
    const col = quoteIdentifier(s.column);
    switch (s.scale) {
      case 'time':
        return `CAST(epoch_ms(min(${col})) AS DOUBLE) AS lo${i}, CAST(epoch_ms(max(${col})) AS DOUBLE) AS hi${i}`;
      case 'integer':
        return `CAST(min(${col}) AS VARCHAR) AS lo${i}, CAST(max(${col}) AS VARCHAR) AS hi${i}`;
      case 'number': {
        const finite = `FILTER (WHERE isfinite(CAST(${col} AS DOUBLE)))`;
        return `CAST(min(${col}) ${finite} AS DOUBLE) AS lo${i}, CAST(max(${col}) ${finite} AS DOUBLE) AS hi${i}`;
      }
    }
  });
  return { sql: `SELECT ${parts.join(', ')} FROM ${quoteIdentifier(table)}`, params: [] };
}

export interface HistogramQuery {
  table: string;
  spec: HistogramSpec;
  bins: Bins;
  /** The filter bar (and text search): every histogram counts under them. */
  filters: readonly Filter[];
  /** Every facet's selection; this histogram's own brush is left out. */
  selections: readonly FacetSelection[];
}

/**
 * `SELECT bin, n` for one histogram: rows per bin (0 .. bins.count − 1; empty bins are absent)
 * among the rows that pass every filter but the histogram's own brush. NULLs (and NaN and ±inf in
 * float columns) are in no bin.
 */
export function buildHistogramQuery(q: HistogramQuery): SqlWithParams {
  if (q.bins.scale !== q.spec.scale)
    throw new Error(
      `Bins for ${q.bins.scale} values cannot count the ${q.spec.scale} column ${q.spec.column}.`,
    );
  const col = quoteIdentifier(q.spec.column);
  const where = buildWhere([...q.filters, ...selectionFilters(q.selections, q.spec.column)]);
  const present = q.spec.scale === 'number' ? `isfinite(CAST(${col} AS DOUBLE))` : `${col} IS NOT NULL`;
  const conditions = where.sql ? `${where.sql} AND ${present}` : `WHERE ${present}`;
  const source = `FROM ${quoteIdentifier(q.table)} ${conditions}`;
  const bin = binExpression(col, q.bins);
  return {
    sql:
      `SELECT bin, CAST(count(*) AS DOUBLE) AS n FROM (${bin.select(source)}) AS histogram ` +
      `GROUP BY bin ORDER BY bin`,
    params: [...bin.params, ...where.params],
  };
}

/**
 * Every row's bin for the facet cube (src/core/facets/crossfilter.ts): `r` (the row's `__row` less
 * `rowBase`, from 0) and `bin`, for the rows the histogram counts; a row left out is in no bin. The
 * bins are the histogram's own (binExpression), so the cube and buildHistogramQuery agree.
 */
export function buildRowBinsQuery(
  table: string,
  spec: HistogramSpec,
  bins: Bins,
  rowBase: number,
): SqlWithParams {
  const col = quoteIdentifier(spec.column);
  const present = spec.scale === 'number' ? `isfinite(CAST(${col} AS DOUBLE))` : `${col} IS NOT NULL`;
  const bin = binExpression(col, bins, { sql: rowExpression(), params: [rowBase] });
  return { sql: bin.select(`FROM ${quoteIdentifier(table)} WHERE ${present}`), params: bin.params };
}

/**
 * The rows of a number column outside every bin that a range still compares with: `bin` is -2 for
 * −∞ (below every bound) and -3 for +∞ and NaN (DuckDB sorts NaN above every number).
 */
export function buildNonFiniteRowsQuery(table: string, column: string, rowBase: number): SqlWithParams {
  const v = `CAST(${quoteIdentifier(column)} AS DOUBLE)`;
  return {
    sql:
      `SELECT ${rowExpression()}, CAST(CASE WHEN ${v} < 0 THEN -2 ELSE -3 END AS SMALLINT) AS bin ` +
      `FROM ${quoteIdentifier(table)} WHERE NOT isfinite(${v})`,
    params: [rowBase],
  };
}

/** `r`: a row's `__row` less a bound base, as INTEGER (the cube's row index). */
function rowExpression(): string {
  return `CAST(${quoteIdentifier(ROW_INDEX_COLUMN)} - CAST(? AS BIGINT) AS INTEGER) AS r`;
}

/**
 * `SELECT <bin> AS bin` over the column, the same edges as binEdge (histogram-bins.ts):
 * - integers and times in exact integer arithmetic (`//` over BIGINT);
 * - calendar months from the UTC year and month (epoch_ms(epoch_ms(x)) is the instant as a plain
 *   TIMESTAMP: year() and month() of a TIMESTAMPTZ need ICU, which DuckDB-WASM here does not load);
 * - numbers by floor((x − lo) / width), then moved by one where that rounding disagrees with the
 *   exact edge (loUnits + b × widthUnits) / divisor that the brush's `x >= ?` compares with.
 */
function binExpression(
  col: string,
  bins: Bins,
  carry?: SqlWithParams,
): { select(source: string): string; params: SqlParam[] } {
  const int = (p: string) => `CAST(${p} AS BIGINT)`;
  // A column carried beside the bin (buildRowBinsQuery's row), selected first: its parameters come
  // first, except where the bin is computed outside the subquery that selects it (numbers).
  const first = carry ? `${carry.sql}, ` : '';
  const carried = carry?.params ?? [];
  switch (bins.scale) {
    case 'integer':
      return {
        select: (source) =>
          `SELECT ${first}CAST((${col} - ${int('?')}) // ${int('?')} AS INTEGER) AS bin ${source}`,
        params: [...carried, bins.lo, bins.width],
      };
    case 'time': {
      if (bins.unit === 'ms')
        return {
          select: (source) =>
            `SELECT ${first}CAST((epoch_ms(${col}) - ${int('?')}) // ${int('?')} AS INTEGER) AS bin ${source}`,
          params: [...carried, bins.lo, bins.width],
        };
      const instant = `epoch_ms(epoch_ms(${col}))`;
      return {
        select: (source) =>
          `SELECT ${first}CAST((year(${instant}) * 12 + month(${instant}) - 1 - ${int('?')}) // ${int('?')} AS INTEGER) AS bin ${source}`,
        params: [...carried, bins.lo, bins.width],
      };
    }
    case 'number': {
      const v = `CAST(${col} AS DOUBLE)`;
      const edge = (b: string) => `(? + (${b}) * ?) / ?`;
      const edgeParams = [bins.loUnits, bins.widthUnits, bins.divisor];
      const b0 = `floor((${v} - ?) / ?)`;
      return {
        select: (source) =>
          `SELECT ${carry ? 'r, ' : ''}CAST(b0 + CASE WHEN v >= ${edge('b0 + 1')} THEN 1 WHEN v < ${edge('b0')} THEN -1 ELSE 0 END AS INTEGER) AS bin ` +
          `FROM (SELECT ${first}${v} AS v, ${b0} AS b0 ${source}) AS binned`,
        params: [
          ...edgeParams,
          ...edgeParams,
          ...carried,
          bins.loUnits / bins.divisor,
          bins.widthUnits / bins.divisor,
        ],
      };
    }
  }
}

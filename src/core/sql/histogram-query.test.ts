import { describe, expect, it } from 'vitest';
import type { ColumnPlan } from '../schema/column-plan';
import type { FacetSelection } from './facet-query';
import {
  buildExtentQuery,
  buildHistogramQuery,
  histogramSpecs,
  type HistogramQuery,
  type HistogramSpec,
} from './histogram-query';
import type { SqlParam } from './table-query';

const plan = (
  name: string,
  arrowType: string,
  role: ColumnPlan['role'],
  destination: ColumnPlan['destination'] = 'duckdb',
): ColumnPlan => ({
  name,
  label: name,
  arrowType,
  role,
  destination,
  reason: '',
});

describe('histogramSpecs: which columns get a histogram', () => {
  it('time and numeric columns, in order; not ids, vectors, lists, text or internal columns', () => {
    const columns = [
      plan('__row', 'Int64', 'other'),
      plan('memory_id', 'Utf8', 'id'),
      plan('seq_id', 'Int64', 'id'),
      plan('category', 'Utf8', 'category'),
      plan('entities', 'List<Utf8>', 'entities'),
      plan('embedding', 'FixedSizeList[384]<Float32>', 'embedding', 'heavy'),
      plan('created_at', 'Timestamp<MILLISECOND, UTC>', 'time'),
      plan('day', 'Date32<DAY>', 'time'),
      plan('at', 'Time32<MILLISECOND>', 'time'),
      plan('importance', 'Float32', 'other'),
      plan('access_count', 'Int32', 'other'),
      plan('big', 'Uint64', 'other'),
      plan('price', 'Decimal[10e+2]', 'other'),
      plan('flag', 'Bool', 'other'),
      plan('__file_row', 'Int64', 'other'),
    ];
    expect(histogramSpecs(columns)).toEqual([
      { column: 'created_at', scale: 'time', dateOnly: false },
      { column: 'day', scale: 'time', dateOnly: true },
      { column: 'importance', scale: 'number', dateOnly: false },
      { column: 'access_count', scale: 'integer', dateOnly: false },
      { column: 'big', scale: 'integer', dateOnly: false },
      { column: 'price', scale: 'number', dateOnly: false },
    ]);
  });
});

const time: HistogramSpec = { column: 'created_at', scale: 'time', dateOnly: false };
const weird: HistogramSpec = { column: 'my "odd" col', scale: 'number', dateOnly: false };
const count: HistogramSpec = { column: 'access_count', scale: 'integer', dateOnly: false };

describe('buildExtentQuery', () => {
  it('min and max of every column in one scan, identifiers quoted', () => {
    expect(buildExtentQuery('my table', [time, weird, count])).toEqual({
      sql:
        'SELECT CAST(epoch_ms(min("created_at")) AS DOUBLE) AS lo0, CAST(epoch_ms(max("created_at")) AS DOUBLE) AS hi0, ' +
        'CAST(min("my ""odd"" col") FILTER (WHERE isfinite(CAST("my ""odd"" col" AS DOUBLE))) AS DOUBLE) AS lo1, ' +
        'CAST(max("my ""odd"" col") FILTER (WHERE isfinite(CAST("my ""odd"" col" AS DOUBLE))) AS DOUBLE) AS hi1, ' +
        'CAST(min("access_count") AS VARCHAR) AS lo2, CAST(max("access_count") AS VARCHAR) AS hi2 FROM "my table"',
      params: [],
    });
  });
  it('refuses no columns', () => expect(() => buildExtentQuery('t', [])).toThrow());
});

describe('buildHistogramQuery', () => {
  const months = { scale: 'time', unit: 'month', lo: 2024 * 12, width: 1, count: 34 } as const;
  const category: FacetSelection = { column: 'category', kind: 'value', values: ['skills'] };
  const ownBrush: FacetSelection = {
    column: 'created_at',
    kind: 'range',
    scale: 'time',
    lo: Date.UTC(2025, 0, 1),
    hi: Date.UTC(2025, 6, 1),
  };
  const importanceBrush: FacetSelection = {
    column: 'importance',
    kind: 'range',
    scale: 'number',
    lo: 0.5,
    hi: null,
  };
  const cases: [string, HistogramQuery, string, SqlParam[]][] = [
    [
      'calendar months; its own brush left out, the other selections and the filter bar applied',
      {
        table: 'experiences',
        spec: time,
        bins: months,
        filters: [{ column: 'topic', op: '=', value: 'rust' }],
        selections: [category, ownBrush, importanceBrush],
      },
      'SELECT bin, CAST(count(*) AS DOUBLE) AS n FROM (' +
        'SELECT CAST((year(epoch_ms(epoch_ms("created_at"))) * 12 + month(epoch_ms(epoch_ms("created_at"))) - 1 - CAST(? AS BIGINT)) // CAST(? AS BIGINT) AS INTEGER) AS bin ' +
        'FROM "experiences" WHERE "topic" = ? AND "category" = ? AND "importance" >= ? AND "created_at" IS NOT NULL' +
        ') AS histogram GROUP BY bin ORDER BY bin',
      [24288, 1, 'rust', 'skills', 0.5],
    ],
    [
      'fixed time steps in integer milliseconds',
      {
        table: 't',
        spec: time,
        bins: { scale: 'time', unit: 'ms', lo: 0, width: 3_600_000, count: 5 },
        filters: [],
        selections: [],
      },
      'SELECT bin, CAST(count(*) AS DOUBLE) AS n FROM (' +
        'SELECT CAST((epoch_ms("created_at") - CAST(? AS BIGINT)) // CAST(? AS BIGINT) AS INTEGER) AS bin ' +
        'FROM "t" WHERE "created_at" IS NOT NULL) AS histogram GROUP BY bin ORDER BY bin',
      [0, 3_600_000],
    ],
    [
      'integers exactly, bounds as bigints',
      {
        table: 't',
        spec: count,
        bins: { scale: 'integer', lo: 9007199254740950n, width: 50n, count: 21 },
        filters: [],
        selections: [ownBrush],
      },
      'SELECT bin, CAST(count(*) AS DOUBLE) AS n FROM (' +
        'SELECT CAST(("access_count" - CAST(? AS BIGINT)) // CAST(? AS BIGINT) AS INTEGER) AS bin ' +
        'FROM "t" WHERE "created_at" >= ? AND "created_at" < ? AND "access_count" IS NOT NULL) AS histogram GROUP BY bin ORDER BY bin',
      [9007199254740950n, 50n, '2025-01-01T00:00:00.000Z', '2025-07-01T00:00:00.000Z'],
    ],
    [
      'numbers: floor, then settled against the exact edges; a column named with quotes and spaces',
      {
        table: 'a "t"',
        spec: weird,
        bins: { scale: 'number', loUnits: -35, widthUnits: 5, divisor: 10, count: 23 },
        filters: [],
        selections: [{ ...importanceBrush, column: weird.column }],
      },
      'SELECT bin, CAST(count(*) AS DOUBLE) AS n FROM (' +
        'SELECT CAST(b0 + CASE WHEN v >= (? + (b0 + 1) * ?) / ? THEN 1 WHEN v < (? + (b0) * ?) / ? THEN -1 ELSE 0 END AS INTEGER) AS bin ' +
        'FROM (SELECT CAST("my ""odd"" col" AS DOUBLE) AS v, floor((CAST("my ""odd"" col" AS DOUBLE) - ?) / ?) AS b0 ' +
        'FROM "a ""t""" WHERE isfinite(CAST("my ""odd"" col" AS DOUBLE))) AS binned) AS histogram GROUP BY bin ORDER BY bin',
      [-35, 5, 10, -35, 5, 10, -3.5, 0.5],
    ],
  ];
  it.each(cases)('%s', (_name, query, sql, params) => {
    expect(buildHistogramQuery(query)).toEqual({ sql, params });
  });

  it('refuses bins of another scale', () => {
    expect(() =>
      buildHistogramQuery({ table: 't', spec: count, bins: months, filters: [], selections: [] }),
    ).toThrow(/cannot count/);
  });
});

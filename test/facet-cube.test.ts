import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileSelections,
  crossfilterCounts,
  topCounts,
  type FacetCube,
} from '../src/core/facets/crossfilter';
import type { FacetSelection, FacetSpec } from '../src/core/sql/facet-query';
import { binEdge } from '../src/core/sql/histogram-bins';
import { histogramSpecs } from '../src/core/sql/histogram-query';
import type { Filter } from '../src/core/sql/table-query';
import type { DbClient } from '../src/data/db/db-client';
import { buildFacetCube, denseRows, filterMask } from '../src/data/db/facet-cube';
import { facetCounts } from '../src/data/db/facets';
import { histogramBins, histogramCounts, type Histogram } from '../src/data/db/histograms';
import { duckdbColumn } from './support/column-plans';
import { createNodeDb } from './support/node-db';

// The cube must answer exactly what the facet and histogram queries answer, for every selection it
// accepts. 2,000 rows made in DuckDB with NULLs everywhere, NULL list elements, repeated elements
// in one list, NaN and ±inf in a float column, integers past 2^53, and `__row` starting at 7 (a
// store's second file); each case compares every facet's counts both ways.
const N = 2000;
const SCORE = 'my "odd" score';

const plan = duckdbColumn;
const columns = [
  plan('category', 'Utf8', 'category'),
  plan('entities', 'List<Utf8>', 'entities'),
  plan('created_at', 'Timestamp<MILLISECOND, UTC>', 'time'),
  plan(SCORE, 'Float64', 'other'),
  plan('access_count', 'Int32', 'other'),
  plan('big', 'Int64', 'other'),
];
const facets: FacetSpec[] = [
  { column: 'category', kind: 'value' },
  { column: 'entities', kind: 'list' },
];

let db: DbClient;
let histograms: Histogram[];
let cube: FacetCube;
let base: number;
beforeAll(async () => {
  db = await createNodeDb();
  await db.query(`
    CREATE TABLE mem AS SELECT
      i + 7 AS __row,
      CASE WHEN i % 13 = 0 THEN NULL
           ELSE ['skills', 'knowledge', 'experiences', 'préférences', 'Skills'][1 + (i * 7) % 5] END AS category,
      CASE WHEN i % 17 = 0 THEN NULL
           ELSE ['e' || (i % 9), 'e' || ((i * 5) % 9), CASE WHEN i % 11 = 0 THEN NULL ELSE 'E' || (i % 4) END][1:(i % 4)] END
        AS entities,
      CASE WHEN i % 19 = 0 THEN NULL ELSE TIMESTAMP '2024-01-01' + INTERVAL (i * 37) HOUR END AS created_at,
      CASE WHEN i % 23 = 0 THEN 'nan'::DOUBLE WHEN i % 29 = 0 THEN 'inf'::DOUBLE WHEN i % 31 = 0 THEN '-inf'::DOUBLE
           WHEN i % 37 = 0 THEN NULL ELSE ((i * 37) % 100) / 100.0 END AS "${SCORE.replace(/"/g, '""')}",
      CASE WHEN i % 41 = 0 THEN NULL ELSE CAST((i * 13) % 400 AS INTEGER) END AS access_count,
      CAST(9007199254740993 + (i * 7) % 50 AS BIGINT) AS big
    FROM range(${N}) t(i)`);
  histograms = await histogramBins(db, 'mem', histogramSpecs(columns));
  const built = await buildFacetCube(db, 'mem', facets, histograms);
  if (!built) throw new Error('no cube');
  ({ cube, base } = built);
});
afterAll(async () => {
  await db?.close();
});

const bins = (column: string) => {
  const b = histograms.find((h) => h.spec.column === column)?.bins;
  if (!b) throw new Error(`no bins for ${column}`);
  return b;
};
const edge = (column: string, i: number) => binEdge(bins(column), i);
const range = (column: string, lo: number | null, hi: number | null): FacetSelection => {
  const h = histograms.find((x) => x.spec.column === column)!;
  return {
    column,
    kind: 'range',
    scale: h.spec.scale,
    lo: lo === null ? null : edge(column, lo),
    hi: hi === null ? null : edge(column, hi),
  };
};

/** Every facet's and histogram's counts from DuckDB, as the panel asks for them. */
async function fromSql(selections: FacetSelection[], filters: Filter[] = [], search = '') {
  const out: Record<string, unknown> = {};
  for (const facet of facets) {
    out[facet.column] = await facetCounts(db, {
      table: 'mem',
      facet,
      filters,
      selections,
      limit: 1000,
      search: facet.kind === 'list' ? search : '',
    });
  }
  for (const { spec, bins } of histograms) {
    if (bins) out[spec.column] = await histogramCounts(db, { table: 'mem', spec, bins, filters, selections });
  }
  return out;
}

/** The same from the cube. */
async function fromCube(selections: FacetSelection[], filters: Filter[] = [], search = '') {
  const predicates = compileSelections(cube, selections);
  if (!predicates) throw new Error('the cube refused the selections');
  const mask = filters.length > 0 ? await filterMask(db, 'mem', { base, rows: cube.rows }, filters) : null;
  const counts = crossfilterCounts(cube, predicates, mask);
  const out: Record<string, unknown> = {};
  cube.dimensions.forEach((d, i) => {
    out[d.column] =
      d.kind === 'range'
        ? Array.from(counts[i]!)
        : topCounts(counts[i]!, d.dictionary, 1000, d.kind === 'list' ? search : '');
  });
  return out;
}

describe('the facet cube answers as the facet queries do', () => {
  it('numbers the rows from the first __row', async () => {
    expect(await denseRows(db, 'mem')).toEqual({ base: 7, rows: N });
    expect(cube.dimensions.map((d) => d.column)).toEqual([
      'category',
      'entities',
      'created_at',
      SCORE,
      'access_count',
      'big',
    ]);
  });

  const cases: [string, () => FacetSelection[], Filter[]?][] = [
    ['no selection', () => []],
    ['a category', () => [{ column: 'category', kind: 'value', values: ['skills'] }]],
    [
      'a category that differs only in case',
      () => [{ column: 'category', kind: 'value', values: ['Skills'] }],
    ],
    ['a category no row has', () => [{ column: 'category', kind: 'value', values: ['nope'] }]],
    ['one entity', () => [{ column: 'entities', kind: 'list', values: ['e3'] }]],
    ['two entities (both)', () => [{ column: 'entities', kind: 'list', values: ['e3', 'e6'] }]],
    ['a time brush', () => [range('created_at', 2, 9)]],
    ['a number brush open above (NaN and +inf inside)', () => [range(SCORE, 5, null)]],
    ['a number brush open below (-inf inside)', () => [range(SCORE, null, 7)]],
    ['an integer brush past 2^53', () => [range('big', 3, 20)]],
    [
      'a category, an entity and two brushes',
      () => [
        { column: 'category', kind: 'value', values: ['knowledge'] },
        { column: 'entities', kind: 'list', values: ['e1'] },
        range('access_count', 1, 12),
        range('created_at', 0, 20),
      ],
    ],
    [
      'a selection and the filter bar',
      () => [{ column: 'category', kind: 'value', values: ['experiences'] }],
      [{ column: 'access_count', op: '>', value: 100 }],
    ],
    ['the filter bar alone, keeping no row', () => [], [{ column: 'access_count', op: '>', value: 10_000 }]],
  ];
  it.each(cases)('%s', async (_name, selections, filters = []) => {
    const s = selections();
    expect(await fromCube(s, filters)).toEqual(await fromSql(s, filters));
  });

  it('searches list values as ILIKE does, over ASCII', async () => {
    const s: FacetSelection[] = [{ column: 'category', kind: 'value', values: ['skills'] }];
    expect(await fromCube(s, [], 'e')).toEqual(await fromSql(s, [], 'e'));
    expect(await fromCube([], [], 'E2')).toEqual(await fromSql([], [], 'E2'));
  });

  it('is not built over a table whose __row has a gap (the facets stay with DuckDB)', async () => {
    await db.query('CREATE TABLE gappy AS SELECT * FROM mem WHERE __row <> 100');
    expect(await buildFacetCube(db, 'gappy', facets, histograms)).toBeNull();
  });

  it('refuses what it cannot answer exactly: a bound inside a bin, a column it does not hold, a non-ASCII search', () => {
    const inside = range('created_at', 2, 9) as Extract<FacetSelection, { kind: 'range' }>;
    expect(compileSelections(cube, [{ ...inside, lo: (inside.lo as number) + 1 }])).toBeNull();
    expect(compileSelections(cube, [{ column: 'topic', kind: 'value', values: ['x'] }])).toBeNull();
    const entities = cube.dimensions[1]!;
    if (entities.kind !== 'list') throw new Error('entities is not a list dimension');
    expect(topCounts(crossfilterCounts(cube, [])[1]!, entities.dictionary, 10, 'é')).toBeNull();
  });
});

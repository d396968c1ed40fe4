import {
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacetSelection } from '../src/core/sql/facet-query';
import { binEdge, type Bins } from '../src/core/sql/histogram-bins';
import { histogramSpecs } from '../src/core/sql/histogram-query';
import type { DbClient } from '../src/data/db/db-client';
import { facetCounts } from '../src/data/db/facets';
import { histogramBins, histogramCounts, type Histogram } from '../src/data/db/histograms';
import { duckdbColumn } from './support/column-plans';
import { createNodeDb } from './support/node-db';

// Seven memories; every bin and count below is worked out by hand from them. The score column is
// named with quotes and a space, and holds values on decimal edges (0.35 / 0.05 is 6.999… in doubles).
const SCORE = 'my "odd" score';
const rows = [
  { category: 'skills', at: Date.UTC(2024, 0, 15), score: 0.35, access: 0, big: 9007199254740993n },
  {
    category: 'skills',
    at: Date.UTC(2024, 0, 31, 23, 59, 59, 999),
    score: 0.3,
    access: 5,
    big: 9007199254740994n,
  },
  { category: 'knowledge', at: Date.UTC(2024, 1, 1), score: 0.7, access: 20, big: 9007199254740995n },
  { category: 'knowledge', at: Date.UTC(2024, 2, 10, 12), score: 0.05, access: 39, big: 9007199254741000n },
  { category: 'knowledge', at: Date.UTC(2025, 6, 4), score: 1, access: 40, big: 9007199254741020n },
  { category: 'skills', at: Date.UTC(2026, 5, 1), score: 0, access: 402, big: 9007199254741033n },
  { category: 'skills', at: null, score: null, access: null, big: null },
];

const plan = duckdbColumn;
const columns = [
  plan('category', 'Utf8', 'category'),
  plan('created_at', 'Timestamp<MILLISECOND, UTC>', 'time'),
  plan(SCORE, 'Float64', 'other'),
  plan('access_count', 'Int32', 'other'),
  plan('big', 'Int64', 'other'),
];

let db: DbClient;
let histograms: Histogram[];
beforeAll(async () => {
  db = await createNodeDb();
  const table = new Table({
    category: vectorFromArray(
      rows.map((r) => r.category),
      new Utf8(),
    ),
    created_at: vectorFromArray(
      rows.map((r) => r.at),
      new TimestampMillisecond('UTC'),
    ),
    [SCORE]: vectorFromArray(
      rows.map((r) => r.score),
      new Float64(),
    ),
    access_count: vectorFromArray(
      rows.map((r) => r.access),
      new Int32(),
    ),
    big: vectorFromArray(
      rows.map((r) => r.big),
      new Int64(),
    ),
  });
  await db.insertArrowIpc('mem', tableToIPC(table, 'stream'), { create: true });
  histograms = await histogramBins(db, 'mem', histogramSpecs(columns));
});
afterAll(async () => {
  await db?.close();
});

const histogram = (column: string) => {
  const h = histograms.find((x) => x.spec.column === column);
  if (!h?.bins) throw new Error(`no bins for ${column}`);
  return { spec: h.spec, bins: h.bins };
};
/** Counts as a sparse map bin → n, for readable expectations. */
async function counts(column: string, selections: FacetSelection[] = []): Promise<Record<number, number>> {
  const { spec, bins } = histogram(column);
  const all = await histogramCounts(db, { table: 'mem', spec, bins, filters: [], selections });
  expect(all).toHaveLength(bins.count);
  return Object.fromEntries(all.flatMap((n, i) => (n > 0 ? [[i, n]] : [])));
}

describe('histograms over DuckDB', () => {
  it('bins every column from one min/max scan', () => {
    const bins: Record<string, Bins | null> = Object.fromEntries(
      histograms.map((h) => [h.spec.column, h.bins]),
    );
    expect(bins).toEqual({
      created_at: { scale: 'time', unit: 'month', lo: 2024 * 12, width: 1, count: 30 },
      [SCORE]: { scale: 'number', loUnits: 0, widthUnits: 5, divisor: 100, count: 21 },
      access_count: { scale: 'integer', lo: 0n, width: 20n, count: 21 },
      big: { scale: 'integer', lo: 9007199254740993n, width: 1n, count: 41 },
    });
  });

  it('counts rows per bin: calendar months, decimal edges, exact integers past 2^53; NULLs in none', async () => {
    expect(await counts('created_at')).toEqual({ 0: 2, 1: 1, 2: 1, 18: 1, 29: 1 });
    expect(await counts(SCORE)).toEqual({ 0: 1, 1: 1, 6: 1, 7: 1, 14: 1, 20: 1 });
    expect(await counts('access_count')).toEqual({ 0: 2, 1: 2, 2: 1, 20: 1 });
    expect(await counts('big')).toEqual({ 0: 1, 1: 1, 2: 1, 7: 1, 27: 1, 40: 1 });
  });

  it("a row on an edge is in the bin the brush's >= filter puts it in", async () => {
    const { spec, bins } = histogram(SCORE);
    const perBin = await histogramCounts(db, { table: 'mem', spec, bins, filters: [], selections: [] });
    for (let k = 0; k <= bins.count; k++) {
      const { table } = await db.query(
        `SELECT count(*)::DOUBLE AS n FROM mem WHERE "my ""odd"" score" >= ?`,
        {
          params: [binEdge(bins, k) as number],
        },
      );
      const above = perBin.slice(k).reduce((a, b) => a + b, 0);
      expect([k, above]).toEqual([k, Number(table.getChild('n')?.get(0))]);
    }
  });

  const january: FacetSelection = {
    column: 'created_at',
    kind: 'range',
    scale: 'time',
    lo: Date.UTC(2024, 0, 1),
    hi: Date.UTC(2024, 2, 1),
  };
  it('a time brush filters the other facets and histograms, not its own histogram', async () => {
    const category = { column: 'category', kind: 'value' as const };
    const before = await facetCounts(db, {
      table: 'mem',
      facet: category,
      filters: [],
      selections: [],
      limit: 10,
    });
    expect(before).toEqual([
      { value: 'skills', count: 4 },
      { value: 'knowledge', count: 3 },
    ]);
    expect(
      await facetCounts(db, { table: 'mem', facet: category, filters: [], selections: [january], limit: 10 }),
    ).toEqual([
      { value: 'skills', count: 2 },
      { value: 'knowledge', count: 1 },
    ]);
    expect(await counts(SCORE, [january])).toEqual({ 6: 1, 7: 1, 14: 1 });
    expect(await counts('created_at', [january])).toEqual({ 0: 2, 1: 1, 2: 1, 18: 1, 29: 1 });
  });

  it('a number brush is half-open: [0.35, 0.75) holds 0.35 and 0.7, not 0.3', async () => {
    const brush: FacetSelection = { column: SCORE, kind: 'range', scale: 'number', lo: 0.35, hi: 0.75 };
    expect(await counts('created_at', [brush])).toEqual({ 0: 1, 1: 1 });
  });

  it('an integer brush past 2^53 is exact', async () => {
    const brush: FacetSelection = {
      column: 'big',
      kind: 'range',
      scale: 'integer',
      lo: 9007199254740994n,
      hi: 9007199254741000n,
    };
    expect(await counts('access_count', [brush, january])).toEqual({ 0: 1, 1: 1 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileSelections,
  crossfilterCounts,
  topCounts,
  type FacetCube,
} from '../src/core/facets/crossfilter';
import { buildCube, cubeShell, cubeSourceBuffers } from '../src/core/facets/cube-source';
import type { FacetSelection, FacetSpec } from '../src/core/sql/facet-query';
import { histogramSpecs } from '../src/core/sql/histogram-query';
import type { DbClient } from '../src/data/db/db-client';
import { FacetCounter, type FacetUpdate } from '../src/data/db/facet-counter';
import { buildFacetCube, readCubeSource } from '../src/data/db/facet-cube';
import { facetCounts } from '../src/data/db/facets';
import { histogramBins, histogramCounts, type Histogram } from '../src/data/db/histograms';
import { duckdbColumn } from './support/column-plans';
import { createNodeDb } from './support/node-db';

/**
 * The facet cube built where the app builds it: DuckDB's results read on the page as typed-array
 * views of their Arrow buffers (readCubeSource), moved to the facet worker with those buffers in the
 * transfer list — structuredClone with `transfer` is postMessage's own algorithm — and encoded
 * there (buildCube). The cube built from the moved source must be the in-process one (which
 * test/facet-cube.test.ts checks against DuckDB), and its counts DuckDB's. Several Arrow batches
 * per column (3,000 rows), NULL values, lists and elements, NaN and ±inf, `__row` from 11.
 */
const N = 3000;
const columns = [
  duckdbColumn('category', 'Utf8', 'category'),
  duckdbColumn('entities', 'List<Utf8>', 'entities'),
  duckdbColumn('created_at', 'Timestamp<MILLISECOND, UTC>', 'time'),
  duckdbColumn('score', 'Float64', 'other'),
];
const facets: FacetSpec[] = [
  { column: 'category', kind: 'value' },
  { column: 'entities', kind: 'list' },
];

let db: DbClient;
let histograms: Histogram[];
beforeAll(async () => {
  db = await createNodeDb();
  await db.query(`
    CREATE TABLE mem AS SELECT
      i + 11 AS __row,
      CASE WHEN i % 13 = 0 THEN NULL ELSE ['skills', 'knowledge', 'expériences', 'x'][1 + (i * 7) % 4] END AS category,
      CASE WHEN i % 17 = 0 THEN NULL
           ELSE ['e' || (i % 9), CASE WHEN i % 11 = 0 THEN NULL ELSE 'E' || (i % 4) END, 'e' || (i % 5)][1:(i % 4)] END
        AS entities,
      CASE WHEN i % 19 = 0 THEN NULL ELSE TIMESTAMP '2024-01-01' + INTERVAL (i * 37) HOUR END AS created_at,
      CASE WHEN i % 23 = 0 THEN 'nan'::DOUBLE WHEN i % 29 = 0 THEN 'inf'::DOUBLE WHEN i % 31 = 0 THEN '-inf'::DOUBLE
           WHEN i % 37 = 0 THEN NULL ELSE ((i * 37) % 100) / 100.0 END AS score
    FROM range(${N}) t(i)`);
  histograms = await histogramBins(db, 'mem', histogramSpecs(columns));
});
afterAll(async () => {
  await db?.close();
});

/** The source as the worker receives it: moved, its buffers detached on this side. */
async function movedSource() {
  const read = await readCubeSource(db, 'mem', facets, histograms);
  if (!read) throw new Error('no source');
  const buffers = cubeSourceBuffers(read.source);
  const moved = structuredClone(read.source, { transfer: buffers });
  return { read, buffers, moved };
}

async function sqlCounts(selections: FacetSelection[]) {
  const out: Record<string, unknown> = {};
  for (const facet of facets)
    out[facet.column] = await facetCounts(db, {
      table: 'mem',
      facet,
      filters: [],
      selections,
      limit: 1000,
      search: '',
    });
  for (const { spec, bins } of histograms)
    if (bins)
      out[spec.column] = await histogramCounts(db, { table: 'mem', spec, bins, filters: [], selections });
  return out;
}

/** Counts as FacetCounter counts with a worker: selections compiled on the shell, counted on the worker's cube. */
function cubeCounts(shell: FacetCube, cube: FacetCube, selections: FacetSelection[]) {
  const predicates = compileSelections(shell, selections);
  if (!predicates) throw new Error('refused');
  const counts = crossfilterCounts(cube, predicates);
  const out: Record<string, unknown> = {};
  shell.dimensions.forEach((d, i) => {
    out[d.column] =
      d.kind === 'range' ? Array.from(counts[i]!) : topCounts(counts[i]!, d.dictionary, 1000, '');
  });
  return out;
}

describe('the facet cube built in the worker from moved Arrow buffers', () => {
  it('moves DuckDB’s buffers (detached here, none copied value by value) and builds the same cube', async () => {
    const { read, buffers, moved } = await movedSource();
    expect(buffers.length).toBeGreaterThan(0);
    // Several batches per column: the parts are the batches' own views.
    expect(read.source.dimensions[0]!.parts.length).toBeGreaterThan(1);
    expect(buffers.every((b) => b.byteLength === 0)).toBe(true);
    const fromWorker = buildCube(moved);
    const inProcess = await buildFacetCube(db, 'mem', facets, histograms);
    expect(inProcess?.base).toBe(11);
    expect(fromWorker).toEqual(inProcess!.cube);
  });

  it.each<[string, FacetSelection[]]>([
    ['no selection', []],
    ['a category', [{ column: 'category', kind: 'value', values: ['expériences'] }]],
    ['an entity', [{ column: 'entities', kind: 'list', values: ['e3'] }]],
  ])('counts as DuckDB does, the page holding only the shell: %s', async (_name, selections) => {
    const { moved } = await movedSource();
    const cube = buildCube(moved);
    const shell = structuredClone(cubeShell(cube));
    expect(cubeCounts(shell, cube, selections)).toEqual(await sqlCounts(selections));
  });

  it('a facet worker that crashes while it builds leaves the counts to DuckDB', async () => {
    // A Worker that fails as a crashed one does: an error event after the source is posted.
    class CrashingWorker extends EventTarget {
      posted = 0;
      postMessage() {
        this.posted++;
        setTimeout(() => this.dispatchEvent(Object.assign(new Event('error'), { message: 'crash' })), 0);
      }
      terminate() {}
    }
    const g = globalThis as { Worker?: unknown };
    const before = g.Worker;
    const started: CrashingWorker[] = [];
    g.Worker = class extends CrashingWorker {
      constructor() {
        super();
        started.push(this);
      }
    };
    try {
      const counter = new FacetCounter(db, 'mem', facets, histograms, { offThread: true });
      expect(await counter.buildCube()).toBe(false);
      expect(started.map((w) => w.posted)).toEqual([1]);
      expect(counter.hasCube).toBe(false);
      const updates: FacetUpdate[] = [];
      const view = { filters: [], selections: [], searches: {} };
      expect(await counter.count(view, (u) => updates.push(u))).toBe('sql');
      expect(updates.map((u) => u.column)).toEqual(['category', 'entities', 'created_at', 'score']);
      counter.dispose();
    } finally {
      g.Worker = before;
    }
  });
});

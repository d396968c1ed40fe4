import {
  compileSelections,
  crossfilterCounts,
  topCounts,
  type FacetCube,
} from '../../core/facets/crossfilter';
import { buildCube } from '../../core/facets/cube-source';
import type { FacetSelection, FacetSpec } from '../../core/sql/facet-query';
import { buildHistogramQuery } from '../../core/sql/histogram-query';
import type { Filter } from '../../core/sql/table-query';
import type { DbClient } from './db-client';
import { FacetCountWorker } from './facet-count-worker';
import { filterMask, readCubeSource } from './facet-cube';
import { facetCounts, MAX_FACET_VALUES, type FacetCount } from './facets';
import { histogramCounts, type Histogram } from './histograms';

/** List elements shown (most frequent first); the search box reaches the rest. */
export const LIST_FACET_LIMIT = 12;

export interface FacetView {
  /** The filter bar's filters (and text search): every facet counts under them. */
  filters: readonly Filter[];
  selections: readonly FacetSelection[];
  /** A list facet's search box, by column. */
  searches: Readonly<Record<string, string>>;
}

/** What one update produced: a facet's values or a histogram's bins, by column. */
export type FacetUpdate =
  | { column: string; kind: 'facet'; counts: FacetCount[] }
  | { column: string; kind: 'histogram'; counts: number[] };

const keyOf = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

/**
 * The counts of one table's facets and histograms (docs/explore.md, "Facets at scale"), by one of
 * two routes that answer the same: the facet cube (src/core/facets/crossfilter.ts), one pass over
 * typed arrays, once it is built; and DuckDB, one GROUP BY per facet, before that or where the
 * cube cannot answer exactly (a typed brush bound inside a bin, a non-ASCII search). The cube is
 * built on request — the panel asks when the pointer or focus first enters it, as mosaic builds its
 * pre-aggregates — so a table nobody filters costs nothing.
 */
export class FacetCounter {
  private cube: { cube: FacetCube; base: number } | null = null;
  /** Where the cube's codes live when counting runs off the main thread (the app's case). */
  private worker: FacetCountWorker | null = null;
  private disposed = false;
  private building: Promise<boolean> | null = null;
  private mask: { key: string; mask: Promise<Uint8Array> } | null = null;
  /** The query each histogram's counts answer (DuckDB route): an unchanged one is not asked again. */
  private readonly histogramKeys = new Map<string, string>();

  constructor(
    private readonly db: DbClient,
    private readonly table: string,
    readonly facets: readonly FacetSpec[],
    readonly histograms: readonly Histogram[],
    private readonly options: { offThread?: boolean } = {},
  ) {}

  get hasCube(): boolean {
    return this.cube !== null;
  }

  /**
   * Builds the cube once (later calls share the first); false when the table cannot have one
   * (`__row` with gaps) or the build failed or was aborted, and the DuckDB route stays.
   */
  buildCube(signal?: AbortSignal): Promise<boolean> {
    if (this.cube) return Promise.resolve(true);
    this.building ??= readCubeSource(this.db, this.table, this.facets, this.histograms, signal)
      .then(async (read) => {
        if (!read) return false;
        // Off the main thread, the worker builds the cube from DuckDB's buffers and keeps its codes;
        // here (or where there are no workers) it is built in-process.
        const started = this.options.offThread ? await FacetCountWorker.start(read.source) : null;
        this.worker = started?.worker ?? null;
        const cube = started?.shell ?? buildCube(read.source);
        if (this.disposed) this.worker?.dispose();
        else this.cube = { cube, base: read.base };
        return true;
      })
      .catch(() => {
        // A failed build (or a worker that would not start) leaves the DuckDB route; a later
        // request may try again.
        this.building = null;
        return false;
      });
    return this.building;
  }

  /** Stops the cube's worker; the counter answers through DuckDB from then on. */
  dispose(): void {
    this.disposed = true;
    this.dropCube();
  }

  private dropCube(): void {
    this.worker?.dispose();
    this.worker = null;
    this.cube = null;
  }

  /**
   * Counts every facet and histogram for the view, reporting each as it is known (the cube reports
   * them all at once). Throws the first DuckDB error; an aborted update reports nothing more.
   */
  async count(
    view: FacetView,
    report: (u: FacetUpdate) => void,
    signal?: AbortSignal,
  ): Promise<'cube' | 'sql'> {
    if (this.cube && (await this.countWithCube(this.cube, view, report, signal))) return 'cube';
    await this.countWithSql(view, report, signal);
    return 'sql';
  }

  private async countWithCube(
    { cube, base }: { cube: FacetCube; base: number },
    view: FacetView,
    report: (u: FacetUpdate) => void,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const predicates = compileSelections(cube, view.selections);
    if (!predicates) return false;
    const mask = view.filters.length > 0 ? await this.filterMask(cube, base, view.filters, signal) : null;
    if (signal?.aborted) return true;
    let counts: Int32Array[];
    if (this.worker) {
      try {
        counts = await this.worker.count(predicates, mask);
      } catch {
        // The worker crashed and took the codes with it: DuckDB answers from now on.
        this.dropCube();
        return false;
      }
      if (signal?.aborted) return true;
    } else counts = crossfilterCounts(cube, predicates, mask);
    const updates: FacetUpdate[] = [];
    for (let i = 0; i < cube.dimensions.length; i++) {
      const d = cube.dimensions[i]!;
      if (d.kind === 'range') {
        updates.push({ column: d.column, kind: 'histogram', counts: Array.from(counts[i]!) });
        continue;
      }
      const limit = d.kind === 'list' ? LIST_FACET_LIMIT : MAX_FACET_VALUES;
      const shown = topCounts(counts[i]!, d.dictionary, limit, view.searches[d.column] ?? '');
      if (!shown) return false;
      updates.push({ column: d.column, kind: 'facet', counts: shown });
    }
    // DuckDB's route may have skipped histograms since; the cube has answered them all.
    this.histogramKeys.clear();
    updates.forEach(report);
    return true;
  }

  private filterMask(cube: FacetCube, base: number, filters: readonly Filter[], signal?: AbortSignal) {
    const key = keyOf(filters);
    if (this.mask?.key !== key) {
      const mask = filterMask(this.db, this.table, { base, rows: cube.rows }, filters, signal);
      this.mask = { key, mask };
      // A failed or aborted mask is asked again next time.
      mask.catch(() => {
        if (this.mask?.key === key) this.mask = null;
      });
    }
    return this.mask.mask;
  }

  /** One query per facet, then per histogram whose query changed, one after another. */
  private async countWithSql(view: FacetView, report: (u: FacetUpdate) => void, signal?: AbortSignal) {
    const { filters, selections } = view;
    for (const facet of this.facets) {
      const counts = await facetCounts(
        this.db,
        {
          table: this.table,
          facet,
          filters,
          selections,
          // A value facet has at most MAX_FACET_VALUES values: show them all.
          limit: facet.kind === 'list' ? LIST_FACET_LIMIT : MAX_FACET_VALUES,
          search: view.searches[facet.column] ?? '',
        },
        signal,
      );
      if (signal?.aborted) return;
      report({ column: facet.column, kind: 'facet', counts });
    }
    for (const { spec, bins } of this.histograms) {
      if (!bins) continue;
      const query = { table: this.table, spec, bins, filters, selections };
      // A brush changes only its own histogram's selection, which its query leaves out.
      const key = keyOf(buildHistogramQuery(query));
      if (this.histogramKeys.get(spec.column) === key) continue;
      const counts = await histogramCounts(this.db, query, signal);
      if (signal?.aborted) return;
      this.histogramKeys.set(spec.column, key);
      report({ column: spec.column, kind: 'histogram', counts });
    }
  }
}

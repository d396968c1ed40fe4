import type { ErrorPayload } from '../core/errors';
import { getBrowserDb } from '../data/db/browser-db';
import { createTableGridSource, type TableGridOptions } from '../data/db/grid-source';
import type { GridSource } from '../core/grid-source';
import type { DbClient } from '../data/db/db-client';
import { warmParquetWorkers } from '../data/parquet/worker-pool';
import { RememberedFiles } from '../data/files/remembered-files';
import { Workspace } from '../data/workspace';
import type { IdIndex } from '../core/lookup/id-index';
import type { ExportFormat } from '../core/export/encode-rows';
import { ROW_INDEX_COLUMN, type ColumnPlan } from '../core/schema/column-plan';
import { binEdge } from '../core/sql/histogram-bins';
import { histogramSpecs } from '../core/sql/histogram-query';
import { FacetCounter } from '../data/db/facet-counter';
import { histogramBins } from '../data/db/histograms';
import type { RowLookupQuery } from '../core/sql/row-lookup';
import type { SortSpec } from '../core/sql/table-query';
import { lookupRow, lookupRowIndexed, pickFacets, type RowLookup } from '../data/db/facets';
import { buildIdIndex } from '../data/db/id-index';
import { exportTable } from '../data/export/export-table';
import { runExport } from '../data/export/run-export';

/** What the app runs on: one DuckDB doorway and one workspace per tab. */
export interface AppServices {
  db: DbClient;
  workspace: Workspace;
  /** Files picked through the File System Access API, remembered for "Reopen last files". */
  remembered: RememberedFiles;
  /** Internal errors caught by the guard (internal-errors.ts), for the e2e fixture and debugging. */
  internalErrors: ErrorPayload[];
}

declare global {
  interface Window {
    __memscope?: AppServices & {
      /** The table view's own query path (count + page), for the benchmarks. */
      tableSource: (options: TableGridOptions) => Promise<GridSource>;
      /** "Go to memory" and "Export" as the views run them, for the benchmarks (bench/scenarios/explore-ops.mjs). */
      explore: {
        buildIdIndex(table: string, idColumn: string): Promise<IdIndex>;
        lookupRow(query: RowLookupQuery): Promise<RowLookup>;
        lookupRowIndexed(index: IdIndex, query: RowLookupQuery): Promise<RowLookup>;
        /** Exports the whole table in file order, or sorted; resolves with the file's size in bytes. */
        exportTable(table: string, format: ExportFormat, sort?: SortSpec): Promise<number>;
        /**
         * The facet panel's counter over a table (its facets and histograms picked as the panel
         * does); `offThread` as the panel sets it (true), or false to count on the main thread.
         */
        facetCounter(
          table: string,
          columns: readonly ColumnPlan[],
          offThread?: boolean,
        ): Promise<FacetCounter>;
        binEdge: typeof binEdge;
      };
    };
  }
}

/**
 * The one place the app starts its engines (main.tsx calls it once; importing a module starts
 * nothing). DuckDB starts lazily on first use; two parquet workers (a file's load and its pages)
 * compile parquet-wasm while the page is idle, before any drop.
 */
export function startApp(): AppServices {
  const db = getBrowserDb();
  warmParquetWorkers(2);
  // The first group's decode waits (at most 400 ms) until the grid has painted the first rows. A
  // dropped file is shown with its first rows when they come within 150 ms: no loading view first.
  const workspace = new Workspace({ db, firstRowsWaitMs: 400, quietStartMs: 150 });
  const remembered = new RememberedFiles();
  // Closing a file forgets it; what is open when the page is left is offered after a reload.
  workspace.subscribe(() => remembered.sync(() => new Set(workspace.all().map((f) => f.file))));
  const services: AppServices = { db, workspace, remembered, internalErrors: [] };
  // Exposed for the benchmarks and for debugging from the console; it holds nothing that is not
  // already on the page.
  window.__memscope = {
    ...services,
    tableSource: (options) => createTableGridSource(db, options),
    explore: {
      buildIdIndex: (table, idColumn) => buildIdIndex(db, table, idColumn),
      lookupRow: (query) => lookupRow(db, query),
      lookupRowIndexed: (index, query) => lookupRowIndexed(db, index, query),
      exportTable: async (table, format, sort) => {
        const outcome = await runExport(
          format,
          table,
          (sink) => exportTable(db, { table, sort, tiebreaker: ROW_INDEX_COLUMN }, sink),
          { to: 'download' },
        );
        return outcome.to === 'nothing' ? 0 : outcome.bytes;
      },
      facetCounter: async (table, columns, offThread = true) =>
        new FacetCounter(
          db,
          table,
          await pickFacets(db, table, columns),
          await histogramBins(db, table, histogramSpecs(columns)),
          { offThread },
        ),
      binEdge,
    },
  };
  return services;
}

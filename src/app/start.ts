import type { ErrorPayload } from '../core/errors';
import { getBrowserDb } from '../data/db/browser-db';
import { createTableGridSource, type TableGridOptions } from '../data/db/grid-source';
import type { GridSource } from '../core/grid-source';
import type { DbClient } from '../data/db/db-client';
import { warmParquetWorkers } from '../data/parquet/worker-pool';
import { RememberedFiles } from '../data/files/remembered-files';
import { Workspace } from '../data/workspace';

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
  // The first group's decode waits (at most 400 ms) until the grid has painted the first rows.
  const workspace = new Workspace({ db, firstRowsWaitMs: 400 });
  const remembered = new RememberedFiles();
  // Closing a file forgets it; what is open when the page is left is offered after a reload.
  workspace.subscribe(() => remembered.sync(new Set(workspace.all().map((f) => f.file))));
  const services: AppServices = { db, workspace, remembered, internalErrors: [] };
  // Exposed for the benchmarks and for debugging from the console; it holds nothing that is not
  // already on the page.
  window.__memscope = { ...services, tableSource: (options) => createTableGridSource(db, options) };
  return services;
}

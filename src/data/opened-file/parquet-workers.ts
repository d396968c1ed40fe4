import { MemscopeError } from '../../core/errors';
import { WorkerParquetSource } from '../parquet/worker-source';
import {
  DEFAULT_BUDGETS,
  type ParquetFooter,
  type ParquetSource,
  type ReadRequest,
} from '../parquet/parquet-reader';
import type { FileBytes, OpenDeps } from './load-context';

/**
 * The two parquet workers of one open file, and the one switch between "loading" and "loaded"
 * (docs/data-path.md, "Worker lifecycle"):
 * - the load worker reads the footer, the column plan and every row group for DuckDB, and after
 *   the load the heavy cells;
 * - the page worker decodes grid pages and heavy cells while the load worker is busy, so a page
 *   never queues behind a whole row group's decode. It is started by the first such read, not with
 *   the file: a store's files load together, and only the ones on screen read pages while they
 *   load (the first page itself comes from the load worker, load-parquet.ts). The sample store's
 *   four files started eight workers on two cores; now five. It is closed when the load ends: from
 *   then on pages come from DuckDB (file-order source) and heavy cells from the load worker.
 */
export class ParquetWorkers {
  readonly load: ParquetSource;
  /** Started by the first view read while loading; null before that and after the load. */
  private pages: ParquetSource | null = null;
  private readonly startPages: () => ParquetSource;
  readonly footer: Promise<ParquetFooter>;
  private isLoaded = false;
  private disposed = false;

  constructor(file: FileBytes, fileName: string, deps: OpenDeps) {
    const budgets = deps.budgets ?? DEFAULT_BUDGETS;
    const create = deps.createSource ?? ((f, n, b) => new WorkerParquetSource(f, n, b));
    this.load = create(file, fileName, budgets);
    this.startPages = () => (deps.createPageSource ?? create)(file, fileName, budgets);
    // The load worker decodes the load's probe and first page right after the footer
    // (reads-ahead.ts): the load asks for them first (load-parquet.ts).
    this.footer = this.load.footer({ firstPageAhead: true });
    this.footer.catch(() => undefined);
  }

  /** True once every row group is in DuckDB. */
  get loaded(): boolean {
    return this.isLoaded;
  }

  /** Every row is in DuckDB: the page worker is no longer needed. */
  markLoaded(): void {
    this.isLoaded = true;
    this.pages?.close();
    this.pages = null;
  }

  /**
   * A read for something on screen (a grid page, a heavy cell): the page worker while the file
   * loads, the load worker after. A read in flight when the page worker closes moves over.
   */
  async readForView(request: ReadRequest, signal?: AbortSignal): Promise<Uint8Array> {
    if (this.isLoaded || this.disposed) return this.load.read(request, signal);
    // Errors of the page worker (its footer included) surface on the read that needs it.
    const pages = (this.pages ??= this.startPages());
    try {
      return await pages.read(request, signal);
    } catch (err) {
      const closedUnderUs = err instanceof MemscopeError && err.code === 'cancelled' && !signal?.aborted;
      if (closedUnderUs && this.isLoaded) return this.load.read(request, signal);
      throw err;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.load.close();
    this.pages?.close();
    this.pages = null;
  }
}

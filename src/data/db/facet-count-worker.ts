import type { CubePredicate, FacetCube } from '../../core/facets/crossfilter';
import { cubeSourceBuffers, type CubeSource } from '../../core/facets/cube-source';
import { RpcClient } from '../../workers/rpc';
import type { FacetWorkerApi } from '../../workers/facet.worker';

/**
 * The main-thread side of the facet worker (src/workers/facet.worker.ts): DuckDB's results for the
 * cube move to the worker once (their Arrow buffers are transferred), the worker builds the cube
 * and keeps its codes, and the page gets back the cube's dictionaries and bins (its shell: all that
 * compileSelections and topCounts read). Each count is asked for there.
 */
export class FacetCountWorker {
  private readonly client: RpcClient<FacetWorkerApi>;
  private crashed = false;

  private constructor(worker: Worker) {
    this.client = new RpcClient<FacetWorkerApi>(worker, () => {
      this.crashed = true;
    });
  }

  /**
   * Starts a worker, moves the source's buffers into it (they are detached here) and has it build
   * the cube; the worker and the cube's shell, or null where workers are not available (the source
   * is then untouched).
   */
  static async start(source: CubeSource): Promise<{ worker: FacetCountWorker; shell: FacetCube } | null> {
    if (typeof Worker === 'undefined') return null;
    const w = new FacetCountWorker(
      new Worker(new URL('../../workers/facet.worker.ts', import.meta.url), {
        type: 'module',
        name: 'memscope-facets',
      }),
    );
    try {
      const shell = await w.client.call('build', source, cubeSourceBuffers(source));
      return { worker: w, shell };
    } catch (err) {
      w.dispose();
      throw err;
    }
  }

  get alive(): boolean {
    return !this.crashed && this.client.alive;
  }

  count(predicates: CubePredicate[], mask: Uint8Array | null): Promise<Int32Array[]> {
    // The mask is kept here for the next update with the same filters: copied, not moved.
    return this.client.call('count', { predicates, mask });
  }

  dispose(): void {
    this.client.terminate();
  }
}

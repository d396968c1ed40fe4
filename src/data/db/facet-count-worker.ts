import type { CubePredicate, FacetCube } from '../../core/facets/crossfilter';
import { RpcClient } from '../../workers/rpc';
import type { FacetWorkerApi } from '../../workers/facet.worker';

/**
 * The main-thread side of the facet worker (src/workers/facet.worker.ts): the cube's codes move to
 * the worker once (their buffers are transferred: the cube left here keeps its dictionaries and bins,
 * which is all compileSelections reads), and each count is asked for there.
 */
export class FacetCountWorker {
  private readonly client: RpcClient<FacetWorkerApi>;
  private crashed = false;

  private constructor(worker: Worker) {
    this.client = new RpcClient<FacetWorkerApi>(worker, () => {
      this.crashed = true;
    });
  }

  /** Starts a worker and moves the cube's codes into it; null where workers are not available. */
  static async start(cube: FacetCube): Promise<FacetCountWorker | null> {
    if (typeof Worker === 'undefined') return null;
    const w = new FacetCountWorker(
      new Worker(new URL('../../workers/facet.worker.ts', import.meta.url), {
        type: 'module',
        name: 'memscope-facets',
      }),
    );
    const buffers = new Set<ArrayBuffer>();
    for (const d of cube.dimensions) {
      buffers.add(d.codes.buffer as ArrayBuffer);
      if (d.kind === 'list') buffers.add(d.offsets.buffer as ArrayBuffer);
    }
    await w.client.call('load', cube, [...buffers]);
    return w;
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

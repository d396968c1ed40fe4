/**
 * The facet cube's counting off the main thread (docs/explore.md, "Facets at scale"): the cube's
 * per-row codes are moved here once (transferred, not copied) and every update is counted here, so
 * a click at 1M rows never holds the page for the ~20–30 ms the passes take. The counts are moved
 * back.
 */
import { crossfilterCounts, type CubePredicate, type FacetCube } from '../core/facets/crossfilter';
import { serveRpc, withTransfer } from './rpc';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let cube: FacetCube | null = null;

const api = {
  async load(c: FacetCube): Promise<number> {
    cube = c;
    return c.rows;
  },
  async count(arg: { predicates: CubePredicate[]; mask: Uint8Array | null }): Promise<Int32Array[]> {
    if (!cube) throw new Error('The facet worker has no cube.');
    const counts = crossfilterCounts(cube, arg.predicates, arg.mask);
    return withTransfer(
      counts,
      counts.map((c) => c.buffer),
    );
  },
};

export type FacetWorkerApi = typeof api;

serveRpc(scope, api);

/**
 * The facet cube off the main thread (docs/explore.md, "Facets at scale"). The page reads DuckDB's
 * results for each facet column and moves their Arrow buffers here (transferred, not copied); this
 * worker builds the cube — the dictionary encoding of up to a million strings per column and the
 * scattering of codes by row — keeps the codes, and sends back only the dictionaries and bins the
 * page needs to turn a selection into codes. Every update is then counted here, so neither the
 * build nor a click at 1M rows holds the page (the passes take ~10–30 ms). The counts are moved
 * back.
 */
import { crossfilterCounts, type CubePredicate, type FacetCube } from '../core/facets/crossfilter';
import { buildCube, cubeShell, type CubeSource } from '../core/facets/cube-source';
import { serveRpc, withTransfer } from './rpc';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let cube: FacetCube | null = null;

const api = {
  async build(source: CubeSource): Promise<FacetCube> {
    cube = buildCube(source);
    return cubeShell(cube);
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

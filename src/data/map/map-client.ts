import { MemscopeError, type ErrorPayload } from '../../core/errors';
import type { Bounds } from '../../core/map/view';
import { RpcClient } from '../../workers/rpc';
import type { MapEngineApi, PickResult, RenderRequest, RenderResult } from './map-engine';

/**
 * The main-thread side of one map worker (owned by the map view: started with a projection,
 * terminated when the view goes). Renders are coalesced: while one is running, only the newest
 * request waits, so a fast drag never queues up stale pictures.
 */
export interface MapClient {
  load(xy: Float32Array, rows: Float64Array): Promise<{ bounds: Bounds; count: number }>;
  /** Builds the hover grid now (else the first pick does). */
  index(): Promise<{ ms: number }>;
  colour(codes: Uint16Array | null, colours: Uint32Array): Promise<void>;
  /** Resolves with the picture for `request`, or null when a newer request replaced it first. */
  render(request: RenderRequest): Promise<RenderResult | null>;
  pick(x: number, y: number, radius: number): Promise<PickResult | null>;
  select(box: Bounds): Promise<Float64Array>;
  /** The rows inside a lasso: a polygon in data units (x, y pairs). */
  selectPolygon(polygon: Float64Array): Promise<Float64Array>;
  dispose(): void;
}

export function createMapClient(onCrash: (error: MemscopeError) => void): MapClient {
  const worker = new Worker(new URL('../../workers/map.worker.ts', import.meta.url), {
    type: 'module',
    name: 'map',
  });
  const rpc = new RpcClient<MapEngineApi>(worker, (e) => onCrash(new MemscopeError(e)));
  const typed = <T>(p: Promise<T>): Promise<T> =>
    p.catch((err: ErrorPayload) => {
      throw new MemscopeError(err);
    });
  let running = false;
  let waiting: { request: RenderRequest; resolve: (r: RenderResult | null) => void } | null = null;

  const pump = () => {
    if (running || !waiting) return;
    const { request, resolve } = waiting;
    waiting = null;
    running = true;
    rpc.call('render', request).then(
      (r) => {
        running = false;
        resolve(r);
        pump();
      },
      () => {
        running = false;
        resolve(null);
        pump();
      },
    );
  };

  return {
    load: (xy, rows) =>
      typed(rpc.call('load', { xy, rows }, [xy.buffer as ArrayBuffer, rows.buffer as ArrayBuffer])),
    index: () => typed(rpc.call('index', undefined as never)),
    colour: (codes, colours) => typed(rpc.call('colour', { codes, colours })),
    render(request) {
      waiting?.resolve(null);
      return new Promise((resolve) => {
        waiting = { request, resolve };
        pump();
      });
    },
    pick: (x, y, radius) => typed(rpc.call('pick', { x, y, radius })),
    select: (box) => typed(rpc.call('select', { box })),
    selectPolygon: (polygon) => typed(rpc.call('selectPolygon', { polygon })),
    dispose() {
      waiting?.resolve(null);
      waiting = null;
      rpc.terminate();
    },
  };
}

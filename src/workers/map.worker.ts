/// <reference lib="webworker" />
import { createMapEngine, type MapEngineApi } from '../data/map/map-engine';
import { serveRpc, withTransfer } from './rpc';

/**
 * The map worker: binning the points into the picture and the hover/box index
 * (src/data/map/map-engine.ts) off the main thread, so pan and zoom never wait for a 1M-point pass.
 * Pictures and selections are transferred, not copied.
 */
const engine = createMapEngine();

const api: MapEngineApi = {
  ...engine,
  async render(arg) {
    const r = await engine.render(arg);
    return withTransfer(r, [r.pixels.buffer as ArrayBuffer]);
  },
  async select(arg) {
    const r = await engine.select(arg);
    return withTransfer(r, [r.buffer as ArrayBuffer]);
  },
  async selectPolygon(arg) {
    const r = await engine.selectPolygon(arg);
    return withTransfer(r, [r.buffer as ArrayBuffer]);
  },
};

serveRpc(self as unknown as DedicatedWorkerGlobalScope, api);

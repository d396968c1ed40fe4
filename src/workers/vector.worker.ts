/// <reference lib="webworker" />
import { initParquetWasmBrowser } from '../data/parquet/parquet-wasm-browser';
import { createVectorShard, type VectorShardApi } from '../data/vectors/vector-shard';
import { serveRpc, withTransfer } from './rpc';

/**
 * A vector worker: one shard of a file's vector index (src/data/vectors/vector-shard.ts). Two per
 * indexed file, so a search uses both cores without SharedArrayBuffer. Large results (scores of
 * every row, projections) are transferred, not copied.
 */

const shard = createVectorShard(initParquetWasmBrowser);

const api: VectorShardApi = {
  ...shard,
  async search(arg) {
    const r = await shard.search(arg);
    const transfer: Transferable[] = [r.rows.buffer as ArrayBuffer, r.scores.buffer as ArrayBuffer];
    if (r.allScores) transfer.push(r.allScores.buffer as ArrayBuffer);
    return withTransfer(r, transfer);
  },
  async project(arg) {
    const r = await shard.project(arg);
    return withTransfer(r, [r.rows.buffer as ArrayBuffer, r.xy.buffer as ArrayBuffer]);
  },
  async sample(arg) {
    const r = await shard.sample(arg);
    return withTransfer(r, [r.rows.buffer as ArrayBuffer, r.vectors.buffer as ArrayBuffer]);
  },
  async moments(arg) {
    const r = await shard.moments(arg);
    return withTransfer(r, [r.mean.buffer as ArrayBuffer, r.m2.buffer as ArrayBuffer]);
  },
};

serveRpc(self as unknown as DedicatedWorkerGlobalScope, api);

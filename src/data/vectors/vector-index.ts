import { MemscopeError, toMemscopeError, type ErrorPayload } from '../../core/errors';
import type { RemoteFileRef } from '../remote/http-range-source';
import { mergeTopK } from '../../core/vectors/top-k';
import type { Metric } from '../../core/vectors/metric';
import { addSkips, noSkips, totalSkipped, type SkipCounts } from '../../core/vectors/usable';
import type { ShardProgress, ShardSearchResult, VectorShardApi } from './vector-shard';
import { workerShard } from './shard-clients';
import type { FileSearch } from '../../core/vectors/combined-results';

/**
 * The vector index of one opened file (docs/similar.md, "The index"): its embedding column in
 * float32 blocks with norms, split across shards (two vector workers in the browser), built row
 * group by row group with progress and cancel, searchable before it is complete.
 *
 * The opened file owns it: createVectorIndex when the user opens Similar (or at load), dispose()
 * with the file.
 */

/** The main-thread side of one shard: a vector worker, or the shard itself in Node. */
export interface ShardClient {
  call<K extends keyof VectorShardApi & string>(
    method: K,
    arg: Parameters<VectorShardApi[K]>[0],
    transfer?: Transferable[],
  ): Promise<Awaited<ReturnType<VectorShardApi[K]>>>;
  terminate(): void;
}

export type ShardFactory = () => ShardClient;

/** Where the vectors come from. */
export type VectorSource =
  /**
   * A Parquet file: each shard reads its row groups' embedding column from the File, or from a URL
   * file by range requests (its workers allowed to connect to that origin: shard-clients.ts).
   */
  | { kind: 'parquet'; file: Blob | RemoteFileRef; rowGroups: readonly { firstRow: number; rows: number }[] }
  /** An Arrow IPC file already in memory: its record batches, each an IPC stream of the column (transferred). */
  | { kind: 'arrow'; batches: readonly { firstRow: number; rows: number; ipc: Uint8Array }[] };

export interface VectorIndexOptions {
  fileName: string;
  column: string;
  dim: number;
  source: VectorSource;
  /** Shards (workers); 2 by default: this machine class has two cores. */
  workers?: number;
  /** How a shard starts: a vector worker by default; `inProcessShard(...)` in Node. */
  createShard?: ShardFactory;
  /** Force the JS kernel (tests). */
  simd?: boolean;
}

export interface VectorIndexProgress {
  /** Rows of the file looked at so far (usable or not) of `total`. */
  indexed: number;
  total: number;
  /** Vectors searchable so far. */
  vectors: number;
  skipped: number;
  skips: SkipCounts;
  state: 'building' | 'ready' | 'cancelled' | 'error';
  error?: ErrorPayload;
}

export interface VectorSearchRequest {
  query: Float32Array;
  k: number;
  metric?: Metric;
  /** `__row` bitmap (bit r of byte r >> 3): only these rows may be returned. */
  allowed?: Uint8Array;
  /** Also return the score of every searched row (the histogram). */
  withScores?: boolean;
}

/** A search's ranking and counts (core/vectors/combined-results.ts), with its metric and skips by reason. */
export interface VectorSearchResult extends FileSearch {
  metric: Metric;
  skips: SkipCounts;
}

export interface VectorProjection {
  rows: Float64Array;
  /** x, y per row. */
  xy: Float32Array;
  variances: number[];
}

export interface VectorIndex {
  readonly fileName: string;
  readonly column: string;
  readonly dim: number;
  progress(): VectorIndexProgress;
  /** Called on every progress change; returns the unsubscribe function. */
  subscribe(listener: (p: VectorIndexProgress) => void): () => void;
  /** Resolves when every row has been indexed (or the build was cancelled); rejects on error. */
  readonly ready: Promise<VectorIndexProgress>;
  search(request: VectorSearchRequest): Promise<VectorSearchResult>;
  /** The stored vector of a row, or null when the row was skipped (or not indexed yet). */
  vectorOf(row: number): Promise<Float32Array | null>;
  /** Every indexed row projected to 2-D (PCA from a sample of `sampleSize`, default 10,000). */
  project(method?: 'pca', options?: { sampleSize?: number }): Promise<VectorProjection>;
  /** An evenly spread sample of about `size` indexed rows and their vectors (row-major), for UMAP. */
  sample(size: number): Promise<{ rows: Float64Array; vectors: Float32Array }>;
  /** Stops building; what is indexed stays searchable. */
  cancel(): void;
  /** Cancels and terminates the shards. */
  dispose(): void;
}

export function createVectorIndex(options: VectorIndexOptions): VectorIndex {
  const { fileName, column, dim, source } = options;
  const units = source.kind === 'parquet' ? source.rowGroups : source.batches;
  const total = units.reduce((n, u) => n + u.rows, 0);
  const shardCount = Math.max(1, Math.min(options.workers ?? 2, Math.max(1, units.length)));
  const createShard = options.createShard ?? workerShard;
  const shards = Array.from({ length: shardCount }, () => createShard());
  // Row groups dealt to the shard with the fewest rows so far, in file order: each shard's rows
  // stay ascending (vectorOf bisects) and the shards finish together.
  const queues: number[][] = shards.map(() => []);
  const load = shards.map(() => 0);
  units.forEach((u, i) => {
    let s = 0;
    for (let j = 1; j < shardCount; j++) if ((load[j] as number) < (load[s] as number)) s = j;
    (queues[s] as number[]).push(i);
    load[s] = (load[s] as number) + u.rows;
  });

  let progress: VectorIndexProgress = {
    indexed: 0,
    total,
    vectors: 0,
    skipped: 0,
    skips: noSkips(),
    state: total === 0 ? 'ready' : 'building',
  };
  const listeners = new Set<(p: VectorIndexProgress) => void>();
  const update = (next: Partial<VectorIndexProgress>) => {
    progress = { ...progress, ...next };
    for (const l of listeners) l(progress);
  };
  let stopped = false;
  let disposed = false;

  const fail = (err: unknown): never => {
    const e = toMemscopeError(err, { code: 'internal', file: fileName });
    throw new MemscopeError({ ...e.toPayload(), file: e.file ?? fileName });
  };

  const onShardProgress = (p: ShardProgress) => {
    const skips = addSkips(progress.skips, p.skips);
    update({
      indexed: progress.indexed + p.rows,
      vectors: progress.vectors + p.added,
      skips,
      skipped: totalSkipped(skips),
    });
  };

  const build = async (): Promise<VectorIndexProgress> => {
    await Promise.all(
      shards.map((shard) =>
        shard.call('open', {
          file: source.kind === 'parquet' ? source.file : null,
          fileName,
          column,
          dim,
          ...(options.simd === undefined ? {} : { simd: options.simd }),
        }),
      ),
    );
    await Promise.all(
      shards.map(async (shard, s) => {
        for (const unit of queues[s] as number[]) {
          if (stopped) return;
          if (source.kind === 'parquet') onShardProgress(await shard.call('indexGroup', { group: unit }));
          else {
            const batch = source.batches[unit] as { firstRow: number; ipc: Uint8Array };
            onShardProgress(
              await shard.call('indexIpc', { ipc: batch.ipc, firstRow: batch.firstRow }, [
                batch.ipc.buffer as ArrayBuffer,
              ]),
            );
          }
        }
      }),
    );
    if (progress.state === 'building') update({ state: stopped ? 'cancelled' : 'ready' });
    return progress;
  };
  const opened = build().catch((err: unknown) => {
    if (disposed || stopped) {
      if (progress.state === 'building') update({ state: 'cancelled' });
      return progress;
    }
    const e = toMemscopeError(err, { code: 'internal', file: fileName });
    update({ state: 'error', error: { ...e.toPayload(), file: e.file ?? fileName } });
    return fail(e);
  });

  const all = <T>(fn: (shard: ShardClient) => Promise<T>): Promise<T[]> => {
    if (disposed)
      return Promise.reject(
        new MemscopeError({
          code: 'cancelled',
          file: fileName,
          message: `The vector index of ${fileName} was closed.`,
        }),
      );
    return Promise.all(shards.map(fn)).catch(fail);
  };

  return {
    fileName,
    column,
    dim,
    progress: () => progress,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: opened,
    async search(request) {
      const metric = request.metric ?? 'cosine';
      if (request.query.length !== dim) {
        throw new MemscopeError({
          code: 'invalid-input',
          file: fileName,
          message: `The query vector has ${request.query.length} dimensions, but ${column} in ${fileName} has ${dim}.`,
        });
      }
      const parts: ShardSearchResult[] = await all((shard) =>
        shard.call('search', {
          query: request.query,
          k: request.k,
          metric,
          allowed: request.allowed,
          withScores: request.withScores ?? false,
        }),
      );
      const merged = mergeTopK(parts, request.k, metric);
      const skips = parts.reduce((s, p) => addSkips(s, p.skips), noSkips());
      const result: VectorSearchResult = {
        metric,
        rows: merged.rows,
        scores: merged.scores,
        covered: parts.reduce((n, p) => n + p.covered, 0),
        total,
        searched: parts.reduce((n, p) => n + p.searched, 0),
        skipped: totalSkipped(skips),
        skips,
      };
      if (request.withScores) {
        const scores = new Float32Array(parts.reduce((n, p) => n + (p.allScores?.length ?? 0), 0));
        let at = 0;
        for (const p of parts) {
          if (!p.allScores) continue;
          scores.set(p.allScores, at);
          at += p.allScores.length;
        }
        result.allScores = scores;
      }
      return result;
    },
    async vectorOf(row) {
      const found = await all((shard) => shard.call('vectorOf', { row }));
      return found.find((v) => v !== null) ?? null;
    },
    async project(_method = 'pca', projectOptions = {}) {
      const sampleSize = projectOptions.sampleSize ?? 10_000;
      // Each shard samples in proportion to the vectors it holds, so the sample is even over the file.
      const stats = await all((shard) => shard.call('stats', undefined as never));
      const vectors = stats.reduce((n, s) => n + s.vectors, 0);
      const sums = await Promise.all(
        shards.map((shard, i) =>
          shard.call('moments', {
            sampleSize: Math.max(
              1,
              Math.round((sampleSize * (stats[i]?.vectors ?? 0)) / Math.max(1, vectors)),
            ),
          }),
        ),
      ).catch(fail);
      const basis = await (shards[0] as ShardClient).call('basis', { parts: sums, dim }).catch(fail);
      const parts = await all((shard) => shard.call('project', { basis }));
      const n = parts.reduce((m, p) => m + p.rows.length, 0);
      const rows = new Float64Array(n);
      const xy = new Float32Array(n * 2);
      let at = 0;
      for (const p of parts) {
        rows.set(p.rows, at);
        xy.set(p.xy, at * 2);
        at += p.rows.length;
      }
      return { rows, xy, variances: basis.variances };
    },
    async sample(size) {
      const stats = await all((shard) => shard.call('stats', undefined as never));
      const vectors = stats.reduce((n, s) => n + s.vectors, 0);
      const parts = await Promise.all(
        shards.map((shard, i) =>
          shard.call('sample', {
            sampleSize: Math.round((size * (stats[i]?.vectors ?? 0)) / Math.max(1, vectors)),
          }),
        ),
      ).catch(fail);
      const n = parts.reduce((m, p) => m + p.rows.length, 0);
      const rows = new Float64Array(n);
      const out = new Float32Array(n * dim);
      let at = 0;
      for (const p of parts) {
        rows.set(p.rows, at);
        out.set(p.vectors, at * dim);
        at += p.rows.length;
      }
      return { rows, vectors: out };
    },
    cancel() {
      stopped = true;
    },
    dispose() {
      if (disposed) return;
      stopped = true;
      disposed = true;
      for (const s of shards) s.terminate();
      listeners.clear();
    },
  };
}

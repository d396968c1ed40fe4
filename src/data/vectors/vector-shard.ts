import { tableFromIPC, type Data, type Table } from 'apache-arrow';
import { MemscopeError } from '../../core/errors';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import type { ExactSearchResult } from '../../core/vectors/exact-search';
import type { Metric } from '../../core/vectors/metric';
import {
  CovarianceAccumulator,
  pcaBasis,
  sampleIndexes,
  type Moments,
  type PcaBasis,
} from '../../core/vectors/pca';
import { addSkips, extractVectors, noSkips, type SkipCounts } from '../../core/vectors/usable';
import { ParquetDecoder } from '../parquet/parquet-decoder';
import { WasmVectorStore } from './wasm-vector-store';
import { HttpRangeSource, isRemoteRef, type RemoteFileRef } from '../remote/http-range-source';

/**
 * One shard of a vector index: what runs inside a vector worker (vector.worker.ts), or in-process
 * in Node tests. It reads its share of the file's row groups, embedding column only, straight from
 * the File with parquet-wasm (never through DuckDB), and keeps the usable vectors in a
 * WasmVectorStore. Every method takes and returns structured-clonable values (typed arrays).
 */

export interface ShardOpen {
  /**
   * A Parquet file (read lazily: a File, or a URL file read by HTTP range requests, only its row
   * groups' embedding column chunks) or null for vectors handed over as Arrow IPC (indexIpc).
   */
  file: Blob | RemoteFileRef | null;
  fileName: string;
  column: string;
  dim: number;
  /** Force the JS kernel (tests). */
  simd?: boolean;
}

export interface ShardProgress {
  /** Rows of the batch looked at (usable or not). */
  rows: number;
  added: number;
  skips: SkipCounts;
}

export interface ShardSearch {
  query: Float32Array;
  k: number;
  metric: Metric;
  allowed?: Uint8Array | undefined;
  withScores?: boolean;
}

export interface ShardStats {
  vectors: number;
  rowsSeen: number;
  skips: SkipCounts;
  bytes: number;
  simd: boolean;
}

export interface ShardSearchResult extends ExactSearchResult {
  /** Rows of the file this shard had looked at when it searched (usable or not). */
  covered: number;
  skips: SkipCounts;
}

export function createVectorShard(initParquet: () => Promise<void> | void) {
  let decoder: ParquetDecoder | null = null;
  let store: WasmVectorStore | null = null;
  let opened: ShardOpen | null = null;
  let skips = noSkips();
  let rowsSeen = 0;

  const need = (): { store: WasmVectorStore; opened: ShardOpen } => {
    if (!store || !opened) throw new Error('the vector shard is not open');
    return { store, opened };
  };

  /** Adds the usable vectors of a decoded table (the embedding column and `__row`). */
  function addTable(table: Table, firstRow: number): ShardProgress {
    const { store, opened } = need();
    const column = table.getChild(opened.column);
    if (!column) {
      throw new MemscopeError({
        code: 'invalid-input',
        file: opened.fileName,
        message: `${opened.fileName} has no column "${opened.column}" to index.`,
      });
    }
    const rowIndex = table.getChild(ROW_INDEX_COLUMN);
    let batchStart = firstRow;
    let batchSkips = noSkips();
    let added = 0;
    store.reserve(table.numRows);
    column.data.forEach((data: Data, b: number) => {
      const rowData = rowIndex?.data[b];
      const rowValues = rowData?.values as BigInt64Array | Int32Array | undefined;
      const base = batchStart;
      const before = store.count;
      try {
        batchSkips = addSkips(
          batchSkips,
          extractVectors(data, opened.dim, (i) => (rowValues ? Number(rowValues[i]) : base + i), store),
        );
      } catch (err) {
        throw new MemscopeError({
          code: 'unsupported',
          file: opened.fileName,
          message: `${opened.fileName}: the column "${opened.column}" cannot be searched as vectors.`,
          hint: 'Pick a column that is a list of floats.',
          detail: err instanceof Error ? err.message : String(err),
        });
      }
      added += store.count - before;
      batchStart += data.length;
    });
    skips = addSkips(skips, batchSkips);
    rowsSeen += table.numRows;
    return { rows: table.numRows, added, skips: batchSkips };
  }

  return {
    async open(arg: ShardOpen): Promise<void> {
      decoder?.close();
      decoder = null;
      opened = arg;
      skips = noSkips();
      rowsSeen = 0;
      store = new WasmVectorStore(arg.dim, arg.simd === undefined ? {} : { simd: arg.simd });
      if (arg.file) {
        await initParquet();
        const remote = isRemoteRef(arg.file);
        decoder = await ParquetDecoder.open(
          isRemoteRef(arg.file) ? new HttpRangeSource(arg.file) : arg.file,
          arg.fileName,
          { remote },
        );
      }
    },

    /** Reads one row group's embedding column from the file and indexes it. */
    async indexGroup(arg: { group: number }): Promise<ShardProgress> {
      const { opened } = need();
      if (!decoder) throw new Error('the vector shard has no Parquet file');
      // vectors: {} keeps lists as lists (no FixedSizeList conversion, which would reject a NULL
      // or a row of another length): this shard skips and counts those rows itself.
      const ipc = await decoder.read({ rowGroups: [arg.group], columns: [opened.column], vectors: {} });
      const firstRow = decoder.footer.rowGroups[arg.group]?.firstRow ?? 0;
      return addTable(tableFromIPC(ipc), firstRow);
    },

    /** Indexes vectors handed over as an Arrow IPC stream (an Arrow IPC file's record batches). */
    async indexIpc(arg: { ipc: Uint8Array; firstRow: number }): Promise<ShardProgress> {
      return addTable(tableFromIPC(arg.ipc), arg.firstRow);
    },

    async search(arg: ShardSearch): Promise<ShardSearchResult> {
      const { store } = need();
      const result = store.search(arg);
      return { ...result, covered: rowsSeen, skips: { ...skips } };
    },

    async vectorOf(arg: { row: number }): Promise<Float32Array | null> {
      const { store } = need();
      const i = store.indexOfRow(arg.row);
      return i < 0 ? null : Float32Array.from(store.vector(i));
    },

    /** An evenly spread sample of `sampleSize` rows and their vectors (row-major), for UMAP. */
    async sample(arg: { sampleSize: number }): Promise<{ rows: Float64Array; vectors: Float32Array }> {
      const { store } = need();
      const picks = sampleIndexes(store.count, arg.sampleSize);
      const rows = new Float64Array(picks.length);
      const vectors = new Float32Array(picks.length * store.dim);
      picks.forEach((i, s) => {
        rows[s] = store.rows[i] as number;
        vectors.set(store.vector(i), s * store.dim);
      });
      return { rows, vectors };
    },

    /** Mean and centered second moments of an evenly spread sample (for PCA; merged across shards). */
    async moments(arg: { sampleSize: number }): Promise<Moments> {
      return need().store.moments(arg.sampleSize);
    },

    /**
     * The PCA basis from every shard's moments: merged, then the d × d eigendecomposition (a second
     * or two at d = 384 on a busy machine), here in a worker rather than on the main thread.
     */
    async basis(arg: { parts: Moments[]; dim: number }): Promise<PcaBasis> {
      const acc = new CovarianceAccumulator(arg.dim);
      for (const part of arg.parts) acc.merge(part);
      return pcaBasis(acc);
    },

    async project(arg: { basis: PcaBasis }): Promise<{ rows: Float64Array; xy: Float32Array }> {
      const { store } = need();
      return { rows: store.rows.slice(0, store.count), xy: store.project(arg.basis) };
    },

    async stats(): Promise<ShardStats> {
      const { store } = need();
      return { vectors: store.count, rowsSeen, skips: { ...skips }, bytes: store.bytes, simd: store.simd };
    },

    async close(): Promise<void> {
      decoder?.close();
      decoder = null;
      store = null;
      opened = null;
    },
  };
}

export type VectorShardApi = ReturnType<typeof createVectorShard>;

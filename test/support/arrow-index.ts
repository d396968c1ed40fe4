import { FixedSizeList, Field, Float32, Table, makeData, makeVector, tableToIPC } from 'apache-arrow';
import { createVectorIndex, type ShardFactory, type VectorIndex } from '../../src/data/vectors/vector-index';

/**
 * A vector index over `vectors` (row-major, `dim` wide) handed over as Arrow IPC groups of
 * `groupRows` rows, as an Arrow file's are. Zero rows and NaN rows are skipped by the index.
 */
export function arrowIndex(
  fileName: string,
  vectors: Float32Array,
  dim: number,
  createShard: ShardFactory,
  groupRows = 100,
): VectorIndex {
  const n = vectors.length / dim;
  const type = new FixedSizeList(dim, new Field('item', new Float32(), false));
  const child = makeData({ type: new Float32(), length: vectors.length, data: vectors });
  const table = new Table({ embedding: makeVector(makeData({ type, length: n, nullCount: 0, child })) });
  const batches = [];
  for (let firstRow = 0; firstRow < n; firstRow += groupRows) {
    const slice = table.slice(firstRow, Math.min(n, firstRow + groupRows));
    batches.push({ firstRow, rows: slice.numRows, ipc: tableToIPC(slice, 'stream') });
  }
  return createVectorIndex({
    fileName,
    column: 'embedding',
    dim,
    source: { kind: 'arrow', batches },
    createShard,
  });
}

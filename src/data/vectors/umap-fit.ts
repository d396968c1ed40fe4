import { UMAP } from 'umap-js';
// The seeded generator the sample generators use (typed by its .d.mts): umap-js's `random`.
import { mulberry32 } from '../../../scripts/lib/mulberry32.mjs';

/**
 * UMAP of a sample of vectors to 2-D with umap-js (pure JavaScript: no eval, no wasm, so it runs
 * under the app's CSP), in the UMAP worker. Rows are normalized first, so UMAP's Euclidean distance
 * ranks neighbours as cosine does. Seeded: the same sample gives the same map.
 */
export interface UmapProgress {
  phase: 'neighbours' | 'layout';
  done: number;
  total: number;
}

export interface UmapOptions {
  nNeighbors?: number;
  seed?: number;
  onProgress?(p: UmapProgress): void;
}

/** x, y per row of `vectors` (n × dim, row-major). Fewer than 3 rows are placed on a line. */
export function fitUmap(vectors: Float32Array, dim: number, options: UmapOptions = {}): Float32Array {
  const n = Math.floor(vectors.length / dim);
  const xy = new Float32Array(n * 2);
  if (n < 3) {
    for (let i = 0; i < n; i++) xy[2 * i] = i;
    return xy;
  }
  // umap-js reads rows by index (data[i][j]): Float32Array rows work as its number[] rows.
  const rows: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = vectors.slice(i * dim, (i + 1) * dim);
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += (row[j] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dim; j++) row[j] = (row[j] as number) / norm;
    rows.push(row);
  }
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.max(2, Math.min(options.nNeighbors ?? 15, n - 1)),
    minDist: 0.1,
    random: mulberry32(options.seed ?? 42),
  });
  options.onProgress?.({ phase: 'neighbours', done: 0, total: n });
  const epochs = umap.initializeFit(rows as unknown as number[][]);
  for (let e = 0; e < epochs; e++) {
    umap.step();
    if (e % 10 === 0) options.onProgress?.({ phase: 'layout', done: e, total: epochs });
  }
  const embedding = umap.getEmbedding();
  for (let i = 0; i < n; i++) {
    const p = embedding[i] ?? [0, 0];
    xy[2 * i] = p[0] ?? 0;
    xy[2 * i + 1] = p[1] ?? 0;
  }
  return xy;
}

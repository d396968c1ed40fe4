import { tableFromIPC, type Data } from 'apache-arrow';
import { getBrowserDb } from '../../src/data/db/browser-db';
import { WorkerParquetSource } from '../../src/data/parquet/worker-source';
import { createVectorIndex, type VectorIndex } from '../../src/data/vectors/vector-index';
import { canvasMap, type CanvasMapReading } from './map-bench';

/**
 * The page behind bench/scenarios/similar.mjs (built as dist/bench/harness/similar.html): the
 * vector index exactly as the app builds it (two vector workers reading the File), and the two
 * alternatives of the issue measured beside it: DuckDB-WASM's array_cosine_similarity over a
 * FLOAT[384] table and a plain one-thread JavaScript loop. Timings are taken in the page.
 */

const input = document.querySelector('input') as HTMLInputElement;
const file = (): File => {
  const f = input.files?.[0];
  if (!f) throw new Error('no file set on the harness input');
  return f;
};

let index: VectorIndex | null = null;

/** The embedding column, row group by row group, as FixedSizeList<Float32>[dim] data. */
async function* embeddingGroups(f: File): AsyncGenerator<{ ipc: Uint8Array; data: readonly Data[] }> {
  const source = new WorkerParquetSource(f, f.name);
  try {
    const footer = await source.footer();
    for (let g = 0; g < footer.rowGroups.length; g++) {
      const ipc = await source.read({ rowGroups: [g], columns: ['embedding'] });
      yield { ipc, data: tableFromIPC(ipc).getChild('embedding')?.data ?? [] };
    }
  } finally {
    source.close();
  }
}

const api = {
  async buildIndex(dim: number): Promise<{ ms: number; vectors: number; skipped: number; updates: number }> {
    index?.dispose();
    const f = file();
    const t0 = performance.now();
    const source = new WorkerParquetSource(f, f.name);
    const footer = await source.footer();
    source.close();
    const ix = createVectorIndex({
      fileName: f.name,
      column: 'embedding',
      dim,
      source: { kind: 'parquet', file: f, rowGroups: footer.rowGroups },
    });
    index = ix;
    let updates = 0;
    ix.subscribe(() => updates++);
    const p = await ix.ready;
    return { ms: performance.now() - t0, vectors: p.vectors, skipped: p.skipped, updates };
  },

  /** One exact top-k per query row, timed around the call (worker round trips included). */
  async search(queryRows: number[], k: number): Promise<{ ms: number[]; top: number[][] }> {
    if (!index) throw new Error('no index');
    const ms: number[] = [];
    const top: number[][] = [];
    for (const row of queryRows) {
      const query = await index.vectorOf(row);
      if (!query) throw new Error(`row ${row} has no vector`);
      const t0 = performance.now();
      const r = await index.search({ query, k, metric: 'cosine' });
      ms.push(performance.now() - t0);
      top.push(Array.from(r.rows));
    }
    return { ms, top };
  },

  async project(): Promise<{ ms: number; points: number }> {
    if (!index) throw new Error('no index');
    const t0 = performance.now();
    const p = await index.project('pca');
    return { ms: performance.now() - t0, points: p.rows.length };
  },

  /** The app's canvas map (map worker + the view's frame code) over the PCA projection. */
  async canvasMap(): Promise<CanvasMapReading> {
    if (!index) throw new Error('no index');
    const p = await index.project('pca');
    return canvasMap({ rows: p.rows, xy: p.xy });
  },

  dispose(): void {
    index?.dispose();
    index = null;
  },

  /**
   * regl-scatterplot (WebGL) under this Chromium's GL (SwiftShader in the bench): time to the first
   * frame with the index's PCA projection (normalized to [-1, 1]), then rAF intervals while zooming
   * in step by step for 2 s. The view's canvas map is the fallback; this says whether WebGL is usable.
   */
  async scatter(): Promise<{ points: number; firstMs: number; frames: number[] }> {
    if (!index) throw new Error('no index');
    const { rows, xy } = await index.project('pca');
    const n = rows.length;
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, xy[2 * i] as number);
      x1 = Math.max(x1, xy[2 * i] as number);
      y0 = Math.min(y0, xy[2 * i + 1] as number);
      y1 = Math.max(y1, xy[2 * i + 1] as number);
    }
    const x = Float32Array.from(
      { length: n },
      (_, i) => (((xy[2 * i] as number) - x0) / (x1 - x0 || 1)) * 2 - 1,
    );
    const y = Float32Array.from(
      { length: n },
      (_, i) => (((xy[2 * i + 1] as number) - y0) / (y1 - y0 || 1)) * 2 - 1,
    );
    const { default: createScatterplot } = await import('regl-scatterplot');
    const canvas = document.createElement('canvas');
    canvas.style.width = '800px';
    canvas.style.height = '600px';
    document.body.append(canvas);
    const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
    const sp = createScatterplot({ canvas, width: 800, height: 600, pointSize: 2 });
    try {
      const t0 = performance.now();
      await sp.draw({ x, y });
      await frame();
      const firstMs = performance.now() - t0;
      const frames: number[] = [];
      let last = performance.now();
      const end = last + 2000;
      let distance = 1;
      while (performance.now() < end) {
        distance *= 0.97;
        await sp.zoomToLocation([0, 0], distance);
        const now = await frame();
        frames.push(now - last);
        last = now;
      }
      return { points: n, firstMs, frames };
    } finally {
      sp.destroy();
      canvas.remove();
    }
  },

  /** A plain one-thread loop: vectors in main-thread Float32Arrays, norms precomputed (not timed). */
  async jsLoop(queryRows: number[], k: number): Promise<{ ms: number[]; top: number[][] }> {
    const chunks: { values: Float32Array; rows: number }[] = [];
    let dim = 0;
    for await (const g of embeddingGroups(file())) {
      for (const d of g.data) {
        dim = (d.type as unknown as { listSize: number }).listSize;
        chunks.push({ values: (d.children[0] as Data).values as Float32Array, rows: d.length });
      }
    }
    const n = chunks.reduce((s, c) => s + c.rows, 0);
    const inv = new Float32Array(n);
    let at = 0;
    for (const c of chunks) {
      for (let i = 0; i < c.rows; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += (c.values[i * dim + j] as number) ** 2;
        inv[at++] = 1 / Math.sqrt(s);
      }
    }
    const vectorAt = (row: number): Float32Array => {
      let r = row;
      for (const c of chunks) {
        if (r < c.rows) return c.values.slice(r * dim, (r + 1) * dim);
        r -= c.rows;
      }
      throw new Error(`no row ${row}`);
    };
    const ms: number[] = [];
    const top: number[][] = [];
    // The first query warms the JIT up and is not recorded.
    for (const [q, row] of [queryRows[0] as number, ...queryRows].entries()) {
      const query = vectorAt(row);
      const t0 = performance.now();
      const bestScore = new Float64Array(k).fill(-Infinity);
      const bestRow = new Float64Array(k).fill(-1);
      let base = 0;
      for (const c of chunks) {
        const v = c.values;
        for (let i = 0; i < c.rows; i++) {
          let dot = 0;
          const o = i * dim;
          for (let j = 0; j < dim; j++) dot += (v[o + j] as number) * (query[j] as number);
          const s = dot * (inv[base + i] as number);
          if (s > (bestScore[k - 1] as number)) {
            let p = k - 1;
            while (p > 0 && (bestScore[p - 1] as number) < s) {
              bestScore[p] = bestScore[p - 1] as number;
              bestRow[p] = bestRow[p - 1] as number;
              p--;
            }
            bestScore[p] = s;
            bestRow[p] = base + i;
          }
        }
        base += c.rows;
      }
      if (q > 0) {
        ms.push(performance.now() - t0);
        top.push(Array.from(bestRow));
      }
    }
    return { ms, top };
  },

  /**
   * DuckDB-WASM: the embedding column inserted as FLOAT[dim] (Arrow FixedSizeList becomes an ARRAY),
   * then ORDER BY array_cosine_similarity(embedding, ?::FLOAT[dim]) DESC LIMIT k with the vector
   * bound as text. One warm-up query first.
   */
  async duckdb(
    queryRows: number[],
    k: number,
    dim: number,
  ): Promise<{ ms: number[]; top: number[][]; loadMs: number }> {
    const db = getBrowserDb();
    await db.ready();
    await db.dropTable('bench_vectors');
    const t0 = performance.now();
    let create = true;
    const texts = new Map<number, string>();
    let base = 0;
    for await (const g of embeddingGroups(file())) {
      for (const d of g.data) {
        const values = (d.children[0] as Data).values as Float32Array;
        for (const row of queryRows) {
          if (row >= base && row < base + d.length)
            texts.set(
              row,
              `[${Array.from(values.subarray((row - base) * dim, (row - base + 1) * dim)).join(',')}]`,
            );
        }
        base += d.length;
      }
      await db.insertArrowIpc('bench_vectors', g.ipc, { create });
      create = false;
    }
    const loadMs = performance.now() - t0;
    const sql = `SELECT __row FROM bench_vectors ORDER BY array_cosine_similarity(embedding, ?::FLOAT[${dim}]) DESC LIMIT ${k}`;
    const ms: number[] = [];
    const top: number[][] = [];
    for (const [q, row] of [queryRows[0] as number, ...queryRows].entries()) {
      const t1 = performance.now();
      const res = await db.query(sql, { params: [texts.get(row) as string], cache: false });
      const elapsed = performance.now() - t1;
      if (q > 0) {
        ms.push(elapsed);
        const col = res.table.getChild('__row');
        top.push(Array.from({ length: res.table.numRows }, (_, i) => Number(col?.get(i))));
      }
    }
    await db.dropTable('bench_vectors');
    return { ms, top, loadMs };
  },
};

declare global {
  interface Window {
    __similarBench?: typeof api;
  }
}
window.__similarBench = api;

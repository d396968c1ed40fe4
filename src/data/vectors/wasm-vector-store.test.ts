import { describe, expect, it } from 'vitest';
import { METRICS } from '../../core/vectors/metric';
import { vectorSquaredNorm } from '../../core/vectors/usable';
import { bruteForce, randomVectors, rankingMismatch } from '../../core/vectors/test-vectors';
import { CovarianceAccumulator, pcaBasis, projectRows } from '../../core/vectors/pca';
import { WasmVectorStore } from './wasm-vector-store';

function fill(store: WasmVectorStore, vectors: Float32Array, firstRow = 0): void {
  const n = vectors.length / store.dim;
  store.reserve(n);
  for (let i = 0; i < n; i++) {
    const sq = vectorSquaredNorm(vectors, i * store.dim, store.dim);
    if (typeof sq === 'number') store.append(firstRow + i, vectors, i * store.dim, sq);
  }
}

describe('WasmVectorStore', () => {
  const kernels = [
    { name: 'SIMD kernel', simd: true },
    { name: 'JS fallback', simd: false },
  ];
  // Dimensions that exercise each loop of the kernel: 16-wide steps, 4-wide steps, the scalar tail.
  const dims = [384, 20, 7, 3];
  for (const { name, simd } of kernels) {
    for (const dim of dims) {
      it.each(METRICS)(
        `${name}, dim ${dim}, %s: equals the brute force, growing past its first memory`,
        (metric) => {
          const store = new WasmVectorStore(dim, { simd, initialRows: 16 });
          expect(store.simd).toBe(simd);
          const n = 40_000 / dim + 100;
          const count = Math.floor(n);
          const vectors = randomVectors(dim, count, dim);
          // Appended in two batches: the memory grows in between and the views are refreshed.
          const half = Math.floor(count / 2) * dim;
          fill(store, vectors.subarray(0, half));
          fill(store, vectors.subarray(half), half / dim);
          const query = randomVectors(dim + 1, 1, dim);
          const got = store.search({ query, k: 10, metric });
          const rows = Float64Array.from({ length: count }, (_, i) => i);
          expect(rankingMismatch(got, bruteForce(vectors, rows, dim, query, metric, 10))).toBeNull();
        },
      );
    }
  }

  it('finds a vector by its __row', () => {
    const store = new WasmVectorStore(4);
    const v = randomVectors(5, 10, 4);
    fill(store, v, 100);
    expect(store.indexOfRow(103)).toBe(3);
    expect(store.indexOfRow(99)).toBe(-1);
    expect(Array.from(store.vector(3))).toEqual(Array.from(v.subarray(12, 16)));
  });

  it('projects with the kernel as the pure projection does', () => {
    const dim = 24;
    const v = randomVectors(7, 500, dim);
    const store = new WasmVectorStore(dim);
    fill(store, v);
    const acc = new CovarianceAccumulator(dim);
    for (let i = 0; i < 500; i++) acc.add(v, i * dim);
    const basis = pcaBasis(acc);
    const got = store.project(basis);
    const want = projectRows(v, 500, basis);
    got.forEach((x, i) => expect(x).toBeCloseTo(want[i] as number, 4));
    // The kernel's moments equal the float64 accumulator's (merged from two halves).
    const moments = store.moments(10_000);
    expect(moments.count).toBe(500);
    const halves = new CovarianceAccumulator(dim);
    const other = new CovarianceAccumulator(dim);
    for (let i = 0; i < 500; i++) (i < 200 ? halves : other).add(v, i * dim);
    halves.merge(other);
    const wantCov = halves.covariance();
    moments.m2.forEach((x, i) => expect(x / 500).toBeCloseTo(wantCov[i] as number, 5));
    moments.mean.forEach((x, i) => expect(x).toBeCloseTo(halves.mean[i] as number, 6));
  });
});

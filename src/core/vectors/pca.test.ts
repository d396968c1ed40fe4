import { describe, expect, it } from 'vitest';
import { CovarianceAccumulator, pcaBasis, projectRows, sampleIndexes, topEigenvectors } from './pca';
import { randomVectors } from './test-vectors';

/** An orthonormal basis of R^dim from seeded random vectors (Gram-Schmidt). */
function orthonormal(seed: number, dim: number): Float64Array[] {
  const raw = randomVectors(seed, dim, dim);
  const basis: Float64Array[] = [];
  for (let i = 0; i < dim; i++) {
    const v = Float64Array.from(raw.subarray(i * dim, (i + 1) * dim));
    for (const u of basis) {
      let p = 0;
      for (let j = 0; j < dim; j++) p += (v[j] as number) * (u[j] as number);
      for (let j = 0; j < dim; j++) v[j] = (v[j] as number) - p * (u[j] as number);
    }
    const n = Math.hypot(...v);
    basis.push(v.map((x) => x / n));
  }
  return basis;
}

const alignment = (a: Float64Array, b: Float64Array) =>
  Math.abs(a.reduce((s, x, i) => s + x * (b[i] as number), 0));

describe('PCA against a known decomposition', () => {
  // Points mean ± a_i·q_i for each axis i: the covariance is Σ (2 a_i² / N) q_i q_iᵀ exactly, so
  // its eigenvectors are the q_i and its eigenvalues 2 a_i² / N.
  const cases = [
    { dim: 3, amplitudes: [3, 2, 1] },
    { dim: 10, amplitudes: [5, 4, 1, 0.5, 0.5, 0.1, 0.1, 0.1, 0, 0] },
    { dim: 64, amplitudes: Array.from({ length: 64 }, (_, i) => (i < 2 ? 8 - i * 3 : 1 / (i + 1))) },
  ];
  it.each(cases)('dim $dim', ({ dim, amplitudes }) => {
    const q = orthonormal(dim, dim);
    const mean = Float64Array.from({ length: dim }, (_, j) => j * 0.1 - 0.3);
    const acc = new CovarianceAccumulator(dim);
    const points = new Float32Array(2 * dim * dim);
    let p = 0;
    for (let i = 0; i < dim; i++) {
      for (const sign of [1, -1]) {
        for (let j = 0; j < dim; j++)
          points[p * dim + j] =
            (mean[j] as number) + sign * (amplitudes[i] as number) * ((q[i] as Float64Array)[j] as number);
        acc.add(points, p * dim);
        p++;
      }
    }
    const n = 2 * dim;
    const basis = pcaBasis(acc);
    expect(basis.variances[0]).toBeCloseTo((2 * (amplitudes[0] as number) ** 2) / n, 3);
    expect(basis.variances[1]).toBeCloseTo((2 * (amplitudes[1] as number) ** 2) / n, 3);
    expect(alignment(basis.components[0] as Float64Array, q[0] as Float64Array)).toBeCloseTo(1, 3);
    expect(alignment(basis.components[1] as Float64Array, q[1] as Float64Array)).toBeCloseTo(1, 3);
    basis.mean.forEach((m, j) => expect(m).toBeCloseTo(mean[j] as number, 4));
    // The first point (mean + a_0 q_0) projects to (±a_0, 0).
    const xy = projectRows(points, n, basis);
    expect(Math.abs(xy[0] as number)).toBeCloseTo(amplitudes[0] as number, 3);
    expect(xy[1] as number).toBeCloseTo(0, 3);
  });

  it('merging two accumulators equals one over all rows', () => {
    const dim = 5;
    const v = randomVectors(60, 100, dim);
    const all = new CovarianceAccumulator(dim);
    const a = new CovarianceAccumulator(dim);
    const b = new CovarianceAccumulator(dim);
    for (let i = 0; i < 100; i++) {
      all.add(v, i * dim);
      (i < 37 ? a : b).add(v, i * dim);
    }
    a.merge(b);
    expect(a.count).toBe(100);
    a.covariance().forEach((c, i) => expect(c).toBeCloseTo(all.covariance()[i] as number, 12));
  });

  it('eigenvectors of a diagonal matrix are the axes, largest first', () => {
    const m = Float64Array.of(1, 0, 0, 0, 7, 0, 0, 0, 3);
    const { vectors, values } = topEigenvectors(m, 3, 2);
    expect(values[0]).toBeCloseTo(7, 10);
    expect(values[1]).toBeCloseTo(3, 10);
    expect(Array.from(vectors[0] as Float64Array).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0, 1, 0]);
  });

  it.each([
    [10, 20, 10],
    [1000, 10, 10],
    [7, 3, 3],
  ])('sampleIndexes(%i, %i) has %i distinct ascending indexes', (n, size, want) => {
    const s = sampleIndexes(n, size);
    expect(s.length).toBe(want);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1] as number);
    expect(s[s.length - 1]).toBeLessThan(n);
  });
});

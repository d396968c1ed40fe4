/**
 * PCA for the 2-D map (docs/similar.md, "The map"): the covariance of a sample is accumulated in
 * float64 (each worker over its share, then merged), its top two eigenvectors found by power
 * iteration with deflation, and every row projected onto them after subtracting the mean.
 */

export class CovarianceAccumulator {
  count = 0;
  readonly sum: Float64Array;
  /** Upper triangle (j ≥ i) of Σ x xᵀ, row-major d × d. */
  readonly cross: Float64Array;

  constructor(readonly dim: number) {
    this.sum = new Float64Array(dim);
    this.cross = new Float64Array(dim * dim);
  }

  add(values: ArrayLike<number>, start = 0): void {
    const { dim, sum, cross } = this;
    for (let i = 0; i < dim; i++) {
      const xi = values[start + i] as number;
      sum[i] = (sum[i] as number) + xi;
      const base = i * dim;
      for (let j = i; j < dim; j++)
        cross[base + j] = (cross[base + j] as number) + xi * (values[start + j] as number);
    }
    this.count++;
  }

  merge(other: { count: number; sum: Float64Array; cross: Float64Array }): void {
    for (let i = 0; i < this.sum.length; i++)
      this.sum[i] = (this.sum[i] as number) + (other.sum[i] as number);
    for (let i = 0; i < this.cross.length; i++)
      this.cross[i] = (this.cross[i] as number) + (other.cross[i] as number);
    this.count += other.count;
  }

  mean(): Float64Array {
    return this.sum.map((s) => (this.count > 0 ? s / this.count : 0));
  }

  /** The (population) covariance matrix, full d × d. */
  covariance(): Float64Array {
    const { dim, count } = this;
    const mean = this.mean();
    const c = new Float64Array(dim * dim);
    if (count === 0) return c;
    for (let i = 0; i < dim; i++) {
      for (let j = i; j < dim; j++) {
        const v = (this.cross[i * dim + j] as number) / count - (mean[i] as number) * (mean[j] as number);
        c[i * dim + j] = v;
        c[j * dim + i] = v;
      }
    }
    return c;
  }
}

export interface PcaBasis {
  dim: number;
  mean: Float64Array;
  /** Unit eigenvectors, largest eigenvalue first. */
  components: Float64Array[];
  /** Their eigenvalues (variance along each component). */
  variances: number[];
}

function matVec(m: Float64Array, v: Float64Array, out: Float64Array): void {
  const d = v.length;
  for (let i = 0; i < d; i++) {
    let s = 0;
    const base = i * d;
    for (let j = 0; j < d; j++) s += (m[base + j] as number) * (v[j] as number);
    out[i] = s;
  }
}

function dot64(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/**
 * The top `count` eigenpairs of a symmetric positive semi-definite matrix by power iteration with
 * deflation (Hotelling). The start vector is fixed pseudo-random, so the result is deterministic;
 * signs are chosen so that the largest-magnitude entry is positive.
 */
export function topEigenvectors(
  matrix: Float64Array,
  dim: number,
  count = 2,
  maxIterations = 1000,
): { vectors: Float64Array[]; values: number[] } {
  const m = Float64Array.from(matrix);
  const vectors: Float64Array[] = [];
  const values: number[] = [];
  let seed = 0x9e3779b9;
  const rand = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  for (let c = 0; c < Math.min(count, dim); c++) {
    let v: Float64Array<ArrayBufferLike> = Float64Array.from({ length: dim }, rand);
    let w: Float64Array<ArrayBufferLike> = new Float64Array(dim);
    let lambda = 0;
    for (let it = 0; it < maxIterations; it++) {
      // Keep the iterate orthogonal to the components found (deflation alone drifts in rounding).
      for (const u of vectors) {
        const p = dot64(v, u);
        for (let i = 0; i < dim; i++) v[i] = (v[i] as number) - p * (u[i] as number);
      }
      const n = Math.sqrt(dot64(v, v));
      if (n === 0) break;
      for (let i = 0; i < dim; i++) v[i] = (v[i] as number) / n;
      matVec(m, v, w);
      const next = dot64(v, w);
      const wn = Math.sqrt(dot64(w, w));
      if (wn === 0) {
        lambda = 0;
        break;
      }
      // Converged when v is (numerically) an eigenvector: |Av − λv| tiny relative to |Av|.
      let residual = 0;
      for (let i = 0; i < dim; i++) residual += ((w[i] as number) - next * (v[i] as number)) ** 2;
      lambda = next;
      const swap = v;
      v = w;
      w = swap;
      if (Math.sqrt(residual) <= 1e-10 * wn) break;
    }
    const n = Math.sqrt(dot64(v, v));
    if (n > 0) for (let i = 0; i < dim; i++) v[i] = (v[i] as number) / n;
    let big = 0;
    for (let i = 0; i < dim; i++) if (Math.abs(v[i] as number) > Math.abs(v[big] as number)) big = i;
    if ((v[big] as number) < 0) for (let i = 0; i < dim; i++) v[i] = -(v[i] as number);
    vectors.push(v);
    values.push(lambda);
    for (let i = 0; i < dim; i++)
      for (let j = 0; j < dim; j++)
        m[i * dim + j] = (m[i * dim + j] as number) - lambda * (v[i] as number) * (v[j] as number);
  }
  return { vectors, values };
}

export function pcaBasis(acc: CovarianceAccumulator, components = 2): PcaBasis {
  const { vectors, values } = topEigenvectors(acc.covariance(), acc.dim, components);
  return { dim: acc.dim, mean: acc.mean(), components: vectors, variances: values };
}

/**
 * The projection of rows [0, count) of row-major `vectors` onto the basis: 2 floats per row.
 * (The wasm store does the same with its dot kernel.)
 */
export function projectRows(vectors: Float32Array, count: number, basis: PcaBasis): Float32Array {
  const { dim, mean, components } = basis;
  const out = new Float32Array(count * components.length);
  const offsets = components.map((c) => dot64(c, mean));
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < components.length; c++) {
      const comp = components[c] as Float64Array;
      let s = 0;
      for (let j = 0; j < dim; j++) s += (vectors[i * dim + j] as number) * (comp[j] as number);
      out[i * components.length + c] = s - (offsets[c] as number);
    }
  }
  return out;
}

/** Indexes of an evenly spread sample of `size` out of `n` (all when n ≤ size), ascending. */
export function sampleIndexes(n: number, size: number): Int32Array {
  if (n <= size) return Int32Array.from({ length: n }, (_, i) => i);
  return Int32Array.from({ length: size }, (_, i) => Math.floor((i * n) / size));
}

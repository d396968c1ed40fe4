import { symmetricEigen } from './symmetric-eigen';

/**
 * PCA for the 2-D map (docs/similar.md, "The map"): the covariance of a sample is accumulated in
 * float64 (each worker over its share, then merged), its top two eigenvectors taken from its full
 * eigendecomposition, and every row projected onto them after subtracting the mean.
 */

/** Count, mean and Σ (x − mean)(x − mean)ᵀ of a set of vectors: what shards send to be merged. */
export interface Moments {
  count: number;
  mean: Float64Array;
  /** Full d × d, row-major. */
  m2: Float64Array;
}

/**
 * Mean and covariance accumulated in float64 around the running mean (Welford; merged with Chan
 * et al.'s pairwise formula), so that a large common offset does not cancel the spread away.
 */
export class CovarianceAccumulator implements Moments {
  count = 0;
  mean: Float64Array;
  m2: Float64Array;
  private readonly delta: Float64Array;

  constructor(readonly dim: number) {
    this.mean = new Float64Array(dim);
    this.m2 = new Float64Array(dim * dim);
    this.delta = new Float64Array(dim);
  }

  add(values: ArrayLike<number>, start = 0): void {
    const { dim, mean, m2, delta } = this;
    this.count++;
    for (let i = 0; i < dim; i++) {
      delta[i] = (values[start + i] as number) - (mean[i] as number);
      mean[i] = (mean[i] as number) + (delta[i] as number) / this.count;
    }
    for (let i = 0; i < dim; i++) {
      const di = delta[i] as number;
      const base = i * dim;
      for (let j = 0; j < dim; j++) {
        m2[base + j] = (m2[base + j] as number) + di * ((values[start + j] as number) - (mean[j] as number));
      }
    }
  }

  merge(other: Moments): void {
    if (other.count === 0) return;
    const { dim } = this;
    const na = this.count;
    const nb = other.count;
    const n = na + nb;
    const d = Float64Array.from(other.mean, (m, i) => m - (this.mean[i] as number));
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) {
        const k = i * dim + j;
        this.m2[k] =
          (this.m2[k] as number) +
          (other.m2[k] as number) +
          ((d[i] as number) * (d[j] as number) * na * nb) / n;
      }
    }
    for (let i = 0; i < dim; i++) this.mean[i] = (this.mean[i] as number) + ((d[i] as number) * nb) / n;
    this.count = n;
  }

  /** The (population) covariance matrix, full d × d. */
  covariance(): Float64Array {
    const n = this.count;
    return this.m2.map((v) => (n > 0 ? v / n : 0));
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

function dot64(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/**
 * The top `count` eigenpairs of a symmetric matrix (largest eigenvalue first), from its full
 * eigendecomposition (symmetric-eigen.ts). Signs are chosen so that the largest-magnitude entry
 * of each vector is positive: the map does not flip between runs.
 */
export function topEigenvectors(
  matrix: Float64Array,
  dim: number,
  count = 2,
): { vectors: Float64Array[]; values: number[] } {
  const { values, vectors: columns } = symmetricEigen(matrix, dim);
  const vectors: Float64Array[] = [];
  const top: number[] = [];
  for (let c = 0; c < Math.min(count, dim); c++) {
    const col = dim - 1 - c;
    const v = Float64Array.from({ length: dim }, (_, k) => columns[k * dim + col] as number);
    let big = 0;
    for (let i = 0; i < dim; i++) if (Math.abs(v[i] as number) > Math.abs(v[big] as number)) big = i;
    if ((v[big] as number) < 0) for (let i = 0; i < dim; i++) v[i] = -(v[i] as number);
    vectors.push(v);
    top.push(values[col] as number);
  }
  return { vectors, values: top };
}

export function pcaBasis(acc: CovarianceAccumulator, components = 2): PcaBasis {
  const { vectors, values } = topEigenvectors(acc.covariance(), acc.dim, components);
  return { dim: acc.dim, mean: Float64Array.from(acc.mean), components: vectors, variances: values };
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

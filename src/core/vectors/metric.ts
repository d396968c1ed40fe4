/**
 * Similarity metrics and the error bound of the float32 scan (docs/similar.md, "Exactness").
 *
 * Every search ranks by a key where larger is better: the cosine similarity, the dot product, or
 * minus the squared Euclidean distance. The score shown to the user is the cosine, the dot
 * product, or the Euclidean distance (smaller is better for that one).
 */

export type Metric = 'cosine' | 'dot' | 'euclidean';

export const METRICS: readonly Metric[] = ['cosine', 'dot', 'euclidean'];

/** True when a larger score ranks first. */
export function higherIsBetter(metric: Metric): boolean {
  return metric !== 'euclidean';
}

/** Unit roundoff of float32 (round to nearest). */
const U = 2 ** -24;
/** Spacing of float32 subnormals: the absolute error a product can lose to underflow. */
const SUBNORMAL = 2 ** -149;

/** Higham's gamma_n = n·u / (1 − n·u): the relative error bound of an n-term float32 sum of products. */
export function gamma(n: number): number {
  return (n * U) / (1 - n * U);
}

export interface BoundInput {
  metric: Metric;
  dim: number;
  /** L2 norm of the query (float64). */
  queryNorm: number;
  /** Largest and smallest L2 norm of an indexed vector (float64). */
  maxNorm: number;
  minNorm: number;
}

/**
 * E such that |key computed in float32 − key computed exactly| ≤ E for every indexed row. The
 * float32 dot product of q and x (any summation order, SIMD lanes included) is within
 * gamma(dim)·|q|·|x| of the exact one, plus dim subnormal spacings lost to underflow; the other
 * operations (one multiply by each stored inverse norm, the subtraction, the store into a
 * Float32Array) add at most four more roundings. Doubled for margin: an overestimate only adds
 * candidates to the exact re-scoring, never changes the result.
 */
export function scanErrorBound(b: BoundInput): number {
  const g = gamma(b.dim + 4);
  const under = (b.dim + 4) * SUBNORMAL;
  switch (b.metric) {
    case 'cosine':
      return 2 * (g + under / Math.max(b.queryNorm * b.minNorm, Number.MIN_VALUE));
    case 'dot':
      return 2 * (g * b.queryNorm * b.maxNorm + under);
    case 'euclidean':
      return 2 * (g * (b.queryNorm + b.maxNorm) ** 2 + 2 * under);
  }
}

/** The exact score (float64) of one stored vector against the query. */
export function exactScore(metric: Metric, q: Float32Array, x: Float32Array, qNorm: number): number {
  const n = q.length;
  if (metric === 'euclidean') {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const d = (q[i] as number) - (x[i] as number);
      s += d * d;
    }
    return Math.sqrt(s);
  }
  let dot = 0;
  let xx = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    dot += (q[i] as number) * xi;
    xx += xi * xi;
  }
  return metric === 'dot' ? dot : dot / (qNorm * Math.sqrt(xx));
}

/** The ranking key (larger is better) of an exact score. */
export function keyOfScore(metric: Metric, score: number): number {
  return metric === 'euclidean' ? -score : score;
}

export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  return Math.sqrt(s);
}

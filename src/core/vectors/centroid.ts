import { MemscopeError } from '../errors';
import { norm } from './metric';

/**
 * The centroid of a selection (the map's "Use as query"), accumulated in float64. For cosine,
 * each vector is normalized first, so that long vectors do not pull the direction: the result is
 * the mean direction. Vectors are views (no copies).
 */
export function centroid(vectors: readonly Float32Array[], normalize: boolean): Float32Array {
  const first = vectors[0];
  if (!first) {
    throw new MemscopeError({
      code: 'invalid-input',
      message: 'The selection holds no vectors to average.',
      hint: 'Select at least one point with a vector.',
    });
  }
  const dim = first.length;
  const sum = new Float64Array(dim);
  let used = 0;
  for (const v of vectors) {
    if (v.length !== dim) throw new RangeError(`centroid: vectors of ${v.length} and ${dim} dimensions`);
    const n = normalize ? norm(v) : 1;
    if (n === 0 || !Number.isFinite(n)) continue;
    for (let j = 0; j < dim; j++) sum[j] = (sum[j] as number) + (v[j] as number) / n;
    used++;
  }
  if (used === 0) {
    throw new MemscopeError({
      code: 'invalid-input',
      message: 'Every selected vector is zero or not finite: there is no centroid.',
    });
  }
  return Float32Array.from(sum, (s) => s / used);
}

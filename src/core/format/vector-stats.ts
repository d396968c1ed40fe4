/** Summary and sparkline of one numeric vector (an embedding row), computed from a view. */

export interface VectorStats {
  dim: number;
  min: number;
  max: number;
  mean: number;
  /** L2 norm: 1 for normalized embeddings, which is worth seeing at a glance. */
  norm: number;
  /** NaN or infinite entries: DuckDB's cosine functions reject vectors holding them. */
  nonFinite: number;
}

export function vectorStats(values: ArrayLike<number>): VectorStats {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let squares = 0;
  let nonFinite = 0;
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    finite++;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    squares += v * v;
  }
  return {
    dim: values.length,
    min: finite ? min : Number.NaN,
    max: finite ? max : Number.NaN,
    mean: finite ? sum / finite : Number.NaN,
    norm: Math.sqrt(squares),
    nonFinite,
  };
}

/**
 * SVG polyline points for a sparkline of `width` x `height`. Long vectors are bucketed and each
 * bucket contributes its min and max, so spikes survive the downsampling.
 */
export function sparklinePoints(
  values: ArrayLike<number>,
  width: number,
  height: number,
  maxBuckets = 48,
): string {
  const n = values.length;
  if (n === 0) return '';
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? 0;
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) return '';
  const span = hi - lo || 1;
  const y = (v: number): string =>
    Number.isFinite(v) ? (height - ((v - lo) / span) * height).toFixed(1) : (height / 2).toFixed(1);
  const buckets = Math.min(n, maxBuckets);
  const points: string[] = [];
  const step = buckets > 1 ? width / (buckets - 1) : 0;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.max(start + 1, Math.floor(((b + 1) * n) / buckets));
    const x = (b * step).toFixed(1);
    if (end - start === 1) {
      points.push(`${x},${y(values[start] ?? 0)}`);
      continue;
    }
    let bMin = Number.POSITIVE_INFINITY;
    let bMax = Number.NEGATIVE_INFINITY;
    let iMin = start;
    let iMax = start;
    for (let i = start; i < end; i++) {
      const v = values[i] ?? 0;
      if (v < bMin) {
        bMin = v;
        iMin = i;
      }
      if (v > bMax) {
        bMax = v;
        iMax = i;
      }
    }
    const minFirst = iMin <= iMax;
    points.push(`${x},${y(minFirst ? bMin : bMax)}`, `${x},${y(minFirst ? bMax : bMin)}`);
  }
  return points.join(' ');
}

/**
 * For CartesianGrid's verticalCoordinatesGenerator when vertical lines are off: recharts 3 computes
 * them anyway, measuring every x tick label in the DOM (a forced layout per label).
 */
export function noLines(): number[] {
  return [];
}

/**
 * Chart series are cut to at most `max` points (recharts draws one SVG node per point).
 * The series here are cumulative or per-step counts: each bucket keeps its maximum, so peaks survive.
 */
export function downsampleIndexes(length: number, max: number): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const out: number[] = [];
  const step = length / max;
  for (let b = 0; b < max; b++) out.push(Math.min(length - 1, Math.floor((b + 1) * step) - 1));
  return out;
}

export function bucketMax(values: ArrayLike<number>, max: number): { index: number; value: number }[] {
  const n = values.length;
  if (n <= max) return Array.from({ length: n }, (_, i) => ({ index: i, value: values[i]! }));
  const out: { index: number; value: number }[] = [];
  const step = n / max;
  for (let b = 0; b < max; b++) {
    const a = Math.floor(b * step);
    const z = Math.min(n, Math.floor((b + 1) * step));
    let best = -Infinity;
    for (let i = a; i < z; i++) if (values[i]! > best) best = values[i]!;
    out.push({ index: a, value: best });
  }
  return out;
}

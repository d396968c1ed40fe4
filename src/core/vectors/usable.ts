import type { Data } from 'apache-arrow';
import { NULL_ELEMENT, NULL_ROW, WRONG_LENGTH, floatList } from '../arrow/list-values';

/**
 * Which rows of an embedding column can be searched (docs/similar.md, "Bad vectors"). A row is
 * skipped, and counted by reason, when it is NULL or holds a NULL element, has another length
 * than the column's dimension, holds NaN or ±Infinity (or values so large that their squares
 * overflow float32 arithmetic), or is all zeros (no direction: its cosine is undefined).
 */

export interface SkipCounts {
  /** NULL rows and rows with a NULL element. */
  null: number;
  wrongLength: number;
  /** NaN, ±Infinity, or a norm above MAX_NORM. */
  nonFinite: number;
  zeroNorm: number;
}

export function noSkips(): SkipCounts {
  return { null: 0, wrongLength: 0, nonFinite: 0, zeroNorm: 0 };
}

export function addSkips(a: SkipCounts, b: SkipCounts): SkipCounts {
  return {
    null: a.null + b.null,
    wrongLength: a.wrongLength + b.wrongLength,
    nonFinite: a.nonFinite + b.nonFinite,
    zeroNorm: a.zeroNorm + b.zeroNorm,
  };
}

export function totalSkipped(s: SkipCounts): number {
  return s.null + s.wrongLength + s.nonFinite + s.zeroNorm;
}

/**
 * Largest norm kept: squares of norms up to 1e36 and their sums stay far from float32's maximum
 * (3.4e38), so the float32 scan cannot overflow (docs/similar.md).
 */
export const MAX_NORM = 1e18;

/**
 * The squared norm of values[start, start + dim) as float32 values, or the reason the vector is
 * unusable.
 */
export function vectorSquaredNorm(
  values: ArrayLike<number>,
  start: number,
  dim: number,
): number | 'non-finite' | 'zero-norm' {
  let s = 0;
  for (let i = start; i < start + dim; i++) {
    const v = Math.fround(values[i] as number);
    s += v * v;
  }
  // NaN fails the comparison too.
  if (!(s <= MAX_NORM * MAX_NORM)) return 'non-finite';
  if (s === 0) return 'zero-norm';
  return s;
}

/** Receives each usable vector: `values[start, start + dim)` belongs to `__row` `row`. */
export interface VectorSink {
  append(row: number, values: Float32Array | Float64Array, start: number, squaredNorm: number): void;
}

/**
 * Feeds the usable rows of one batch of an embedding column (List, LargeList or FixedSizeList of
 * Float16/32/64) to `sink`; returns what was skipped. `rowOf(i)` gives the `__row` of batch row i.
 * Reads the buffers in place: no row becomes a JS array.
 */
export function extractVectors(
  data: Data,
  dim: number,
  rowOf: (i: number) => number,
  sink: VectorSink,
): SkipCounts {
  const skips = noSkips();
  const list = floatList(data, dim);
  for (let i = 0; i < data.length; i++) {
    const start = list.start(i);
    if (start === NULL_ROW || start === NULL_ELEMENT) skips.null++;
    else if (start === WRONG_LENGTH) skips.wrongLength++;
    else {
      const sq = vectorSquaredNorm(list.values, start, dim);
      if (sq === 'non-finite') skips.nonFinite++;
      else if (sq === 'zero-norm') skips.zeroNorm++;
      else sink.append(rowOf(i), list.values, start, sq);
    }
  }
  return skips;
}

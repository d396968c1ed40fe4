import { DataType, type Data } from 'apache-arrow';
import { floatValues, isValid } from '../arrow/list-values';

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
  const type = data.type as DataType;
  const fixed = DataType.isFixedSizeList(type);
  if (!fixed && !DataType.isList(type) && !DataType.isLargeList(type)) {
    throw new TypeError(`the column is ${String(type)}, not a list of floats`);
  }
  const child = data.children[0] as Data;
  const values = floatValues(child);
  const offsets = fixed ? null : (data.valueOffsets as Int32Array | BigInt64Array);
  const childNulls = child.nullCount > 0 ? child.nullBitmap : null;
  for (let i = 0; i < data.length; i++) {
    const at = data.offset + i;
    if (!isValid(data.nullBitmap, data.nullCount, at)) {
      skips.null++;
      continue;
    }
    let start: number;
    let len: number;
    // apache-arrow slices value and offset buffers (and a fixed list's child) with the data, but
    // not null bitmaps: buffers are indexed from i, bitmaps from offset + i.
    if (fixed) {
      len = (type as unknown as { listSize: number }).listSize;
      start = i * len;
    } else {
      start = Number((offsets as Int32Array | BigInt64Array)[i]);
      len = Number((offsets as Int32Array | BigInt64Array)[i + 1]) - start;
    }
    if (len !== dim) {
      skips.wrongLength++;
      continue;
    }
    const childStart = start;
    if (childNulls) {
      let hasNull = false;
      for (let j = child.offset + start; j < child.offset + start + len; j++) {
        if (!isValid(childNulls, child.nullCount, j)) {
          hasNull = true;
          break;
        }
      }
      if (hasNull) {
        skips.null++;
        continue;
      }
    }
    const sq = vectorSquaredNorm(values, childStart, dim);
    if (sq === 'non-finite') skips.nonFinite++;
    else if (sq === 'zero-norm') skips.zeroNorm++;
    else sink.append(rowOf(i), values, childStart, sq);
  }
  return skips;
}

import { DataType, type Data } from 'apache-arrow';
import { widenFloat16Values } from '../schema/normalize';

/**
 * Reading float lists straight from Arrow buffers, shared by the vector index's usable-row rules
 * (core/vectors/usable.ts) and the vectors put into SQL (core/vectors/sql-vectors.ts).
 */

/** A list's float child values as a typed array: float32 and float64 as they are, float16 widened. */
export function floatValues(child: Data): Float32Array | Float64Array {
  const values: unknown = child.values;
  if (values instanceof Float32Array || values instanceof Float64Array) return values;
  if (values instanceof Uint16Array && DataType.isFloat(child.type)) return widenFloat16Values(values);
  throw new TypeError(`the list's elements are ${String(child.type)}, not floats`);
}

/**
 * Whether entry i of a validity bitmap is set. `i` counts from the bitmap's start: apache-arrow
 * does not slice bitmaps, so callers add the data's offset.
 */
export function isValid(bitmap: Uint8Array | null | undefined, nullCount: number, i: number): boolean {
  if (!bitmap || bitmap.length === 0 || nullCount === 0) return true;
  return (((bitmap[i >> 3] as number) >> (i & 7)) & 1) === 1;
}

/** FloatList.start's answers for a row that is not a vector of the wanted length. */
export const NULL_ROW = -1;
export const WRONG_LENGTH = -2;
export const NULL_ELEMENT = -3;

/** A list-of-floats column chunk read in place: where each row's values start, or why they do not. */
export interface FloatList {
  values: Float32Array | Float64Array;
  /** A fixed-size list of `dim` whose elements hold no NULL: its values are already one block. */
  denseFixed: boolean;
  /** Row i's first index into `values`, or NULL_ROW, WRONG_LENGTH (not `dim` long), NULL_ELEMENT. */
  start(i: number): number;
}

/**
 * The rows of a list, large list or fixed-size list of float16/32/64 (`data`), against the length
 * `dim`. apache-arrow slices value and offset buffers (and a fixed list's child) with the data, not
 * null bitmaps: buffers are indexed from i, bitmaps from offset + i.
 * @throws TypeError when the column is not a list of floats
 */
export function floatList(data: Data, dim: number): FloatList {
  const type = data.type as DataType;
  const fixed = DataType.isFixedSizeList(type);
  if (!fixed && !DataType.isList(type) && !DataType.isLargeList(type)) {
    throw new TypeError(`the column is ${String(type)}, not a list of floats`);
  }
  const child = data.children[0] as Data;
  const values = floatValues(child);
  const listSize = fixed ? (type as unknown as { listSize: number }).listSize : 0;
  const offsets = fixed ? null : (data.valueOffsets as Int32Array | BigInt64Array);
  const childNulls = child.nullCount > 0 ? child.nullBitmap : null;
  return {
    values,
    denseFixed: fixed && listSize === dim && child.nullCount === 0,
    start(i) {
      if (!isValid(data.nullBitmap, data.nullCount, data.offset + i)) return NULL_ROW;
      const start = offsets ? Number(offsets[i]) : i * listSize;
      const len = offsets ? Number(offsets[i + 1]) - start : listSize;
      if (len !== dim) return WRONG_LENGTH;
      if (childNulls) {
        for (let j = child.offset + start; j < child.offset + start + len; j++) {
          if (!isValid(childNulls, child.nullCount, j)) return NULL_ELEMENT;
        }
      }
      return start;
    },
  };
}

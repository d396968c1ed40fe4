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

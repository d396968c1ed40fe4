import { Binary, Field, FixedSizeList, Float32, List, Utf8, makeData, type Data } from 'apache-arrow';

/**
 * Arrow data built straight from buffers, for code that runs under the app's CSP: apache-arrow's
 * builders (vectorFromArray, makeBuilder) compile code with `new Function`, which the CSP refuses
 * in the page and in every worker. A null part is NULL.
 */

type Part = Uint8Array | Float32Array | null;

/** Offsets and validity of variable-width parts, laid end to end. */
function layout(parts: readonly Part[]) {
  const n = parts.length;
  const nullBitmap = new Uint8Array((n + 7) >> 3);
  const valueOffsets = new Int32Array(n + 1);
  let nullCount = 0;
  parts.forEach((part, i) => {
    if (part === null) nullCount++;
    else nullBitmap[i >> 3]! |= 1 << (i & 7);
    valueOffsets[i + 1] = valueOffsets[i]! + (part?.length ?? 0);
  });
  return { length: n, nullCount, nullBitmap, valueOffsets };
}

function concat<T extends Uint8Array | Float32Array>(parts: readonly Part[], out: T, offsets: Int32Array): T {
  parts.forEach((part, i) => {
    if (part) out.set(part, offsets[i]);
  });
  return out;
}

/** Binary data: each part's bytes. */
export function binaryData(parts: readonly (Uint8Array | null)[]): Data<Binary> {
  const l = layout(parts);
  return makeData({
    type: new Binary(),
    ...l,
    data: concat(parts, new Uint8Array(l.valueOffsets[l.length]!), l.valueOffsets),
  });
}

/** UTF-8 text data. */
export function utf8Data(values: readonly (string | null)[]): Data<Utf8> {
  const encoder = new TextEncoder();
  const parts = values.map((v) => (v === null ? null : encoder.encode(v)));
  const l = layout(parts);
  return makeData({
    type: new Utf8(),
    ...l,
    data: concat(parts, new Uint8Array(l.valueOffsets[l.length]!), l.valueOffsets),
  });
}

/** list<float32> data: each part's floats (`item` names the child field, as the type has it). */
export function float32ListData(
  parts: readonly (Float32Array | null)[],
  item: Field<Float32>,
): Data<List<Float32>> {
  const l = layout(parts);
  const total = l.valueOffsets[l.length]!;
  const child = makeData({
    type: new Float32(),
    length: total,
    nullCount: 0,
    data: concat(parts, new Float32Array(total), l.valueOffsets),
  });
  return makeData({ type: new List(item), ...l, child });
}

/**
 * FixedSizeList<Float32>[dim] data over `values` (row-major, `length * dim` floats, used in place):
 * DuckDB reads it as `FLOAT[dim]`. `valid` is the row validity bitmap (null: every row is valid).
 */
export function float32FixedListData(
  values: Float32Array,
  dim: number,
  valid: { bitmap: Uint8Array; nullCount: number } | null = null,
): Data<FixedSizeList<Float32>> {
  const length = Math.floor(values.length / dim);
  const child = makeData({ type: new Float32(), length: length * dim, nullCount: 0, data: values });
  const type = new FixedSizeList(dim, new Field('item', new Float32(), true));
  return valid && valid.nullCount > 0
    ? makeData({ type, length, nullCount: valid.nullCount, nullBitmap: valid.bitmap, child })
    : makeData({ type, length, nullCount: 0, child });
}

import {
  DataType,
  Field,
  FixedSizeList,
  Float32,
  Int64,
  List,
  Map_,
  RecordBatch,
  Schema,
  Struct,
  Table,
  makeData,
} from 'apache-arrow';
import type { Data } from 'apache-arrow';
import { ROW_INDEX_COLUMN } from './column-plan';
import { isFloat16, isFloatFixedList, isFloatList } from './arrow-guards';
import { columnKeys } from './column-keys';

/**
 * Normalization applied to every decoded batch before it leaves the decoder (docs/data-path.md):
 * 1. Float16 is widened to Float32 at any depth: DuckDB-WASM's insertArrowFromIPCStream rejects
 *    Float16 ("Unsupported Internal Arrow Type").
 * 2. Vector columns become FixedSizeList<Float32>[d]: Parquet stores FLOAT[d] as a plain list
 *    unless the writer kept the Arrow schema, and every consumer (cosine kernel, DuckDB casts)
 *    wants one fixed dimension. The child buffer is reused when it is already Float32.
 * 3. Columns are renamed to their keys (core/schema/column-keys.ts): the names DuckDB and the
 *    rest of the app use, unique ignoring case, never empty, never `__row`.
 * 4. `__row` (Int64, row index in the file) is added as the first column, so rows in DuckDB and
 *    values in the heavy store can be joined. A file's own `__row` was renamed by step 3, so this
 *    one is always the app's.
 */

export interface NormalizeOptions {
  /** Row index (in the file) of the table's first row. */
  rowStart: number;
  /**
   * Which float-list columns to turn into vectors, with their dimension (decided once per file by
   * the column plan), or 'auto' to detect per table: a list whose rows all share one length >= 2,
   * with no null rows or null elements.
   */
  vectors: ReadonlyMap<string, number> | 'auto';
  /**
   * The key of each of the table's columns, in order (null: drop the column). Absent: the table
   * holds every column of its file, in order, and the keys are computed from their names. A
   * decoder that read only some columns passes their keys, computed over the whole file.
   */
  keys?: readonly (string | null)[];
}

/** Minimum length for a uniform float list to count as a vector (a length-1 list is a scalar). */
export const MIN_VECTOR_DIM = 2;

// ---------------------------------------------------------------------------------------------
// Float16

let halfTable: Float32Array | null = null;

function halfToFloatSlow(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** IEEE 754 binary16 bits to a number (exact: every half value is representable in float32). */
export function halfToFloat(h: number): number {
  return halfLookup()[h & 0xffff] as number;
}

function halfLookup(): Float32Array {
  if (halfTable === null) {
    // 256 KiB once, then widening is one load per value.
    halfTable = new Float32Array(65536);
    for (let i = 0; i < 65536; i++) halfTable[i] = halfToFloatSlow(i);
  }
  return halfTable;
}

export function widenFloat16Values(bits: Uint16Array): Float32Array {
  const lut = halfLookup();
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = lut[bits[i] as number] as number;
  return out;
}

function toFloat32Values(data: Data): Float32Array {
  const values = data.values as Float32Array | Float64Array | Uint16Array;
  if (values instanceof Float32Array) return values;
  if (values instanceof Uint16Array) return widenFloat16Values(values);
  return Float32Array.from(values);
}

// ---------------------------------------------------------------------------------------------
// Types

function containsFloat16(type: DataType): boolean {
  if (isFloat16(type)) return true;
  return (type.children ?? []).some((f: Field) => containsFloat16(f.type));
}

function widenField(field: Field): Field {
  const type = widenType(field.type);
  return type === field.type ? field : new Field(field.name, type, field.nullable, field.metadata);
}

/** The type with every Float16 replaced by Float32 (same object when there is none). */
export function widenType(type: DataType): DataType {
  if (!containsFloat16(type)) return type;
  if (isFloat16(type)) return new Float32();
  if (DataType.isList(type)) return new List(widenField(type.children[0] as Field));
  if (DataType.isFixedSizeList(type))
    return new FixedSizeList(type.listSize, widenField(type.children[0] as Field));
  if (DataType.isStruct(type)) return new Struct(type.children.map(widenField));
  if (DataType.isMap(type))
    return new Map_(widenField(type.children[0] as Field) as Field<Struct>, type.keysSorted);
  // Unions, large lists and dictionaries of Float16 are not produced by parquet-wasm: left as is.
  return type;
}

function vectorType(dim: number): FixedSizeList<Float32> {
  return new FixedSizeList(dim, new Field('item', new Float32(), false));
}

/** The type a column has after normalization, as apache-arrow prints it. */
/** The type a column has after normalization: vectors as fixed-size float32 lists, others widened. */
export function normalizedType(type: DataType, vectorDim?: number): DataType {
  if (vectorDim !== undefined && (isFloatList(type) || isFloatFixedList(type))) return vectorType(vectorDim);
  return widenType(type);
}

// ---------------------------------------------------------------------------------------------
// Data

/** The null bitmap re-based to offset 0 (IPC-decoded data always has offset 0: no copy then). */
function bitmapOf(data: Data): Uint8Array | undefined {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return undefined;
  if (data.offset === 0) return data.nullBitmap;
  const out = new Uint8Array(Math.ceil(data.length / 8));
  for (let i = 0; i < data.length; i++) {
    const j = data.offset + i;
    if (((data.nullBitmap[j >> 3] as number) >> (j & 7)) & 1)
      out[i >> 3] = (out[i >> 3] as number) | (1 << (i & 7));
  }
  return out;
}

function widenData(data: Data): Data {
  const type = data.type as DataType;
  if (!containsFloat16(type)) return data;
  const common = { length: data.length, nullCount: data.nullCount, nullBitmap: bitmapOf(data) };
  if (isFloat16(type)) {
    return makeData({ ...common, type: new Float32(), data: widenFloat16Values(data.values as Uint16Array) });
  }
  const newType = widenType(type);
  if (DataType.isList(newType) || DataType.isMap(newType)) {
    return makeData({
      ...common,
      type: newType,
      valueOffsets: data.valueOffsets as Int32Array,
      child: widenData(data.children[0] as Data),
    } as never);
  }
  if (DataType.isFixedSizeList(newType)) {
    return makeData({ ...common, type: newType, child: widenData(data.children[0] as Data) } as never);
  }
  if (DataType.isStruct(newType)) {
    return makeData({ ...common, type: newType, children: data.children.map((c) => widenData(c)) } as never);
  }
  return data;
}

/**
 * The length every row of a float list shares, or null when rows differ, a row or an element is
 * null, or there are no rows.
 */
export function uniformListLength(data: Data): number | null {
  const type = data.type as DataType;
  if (isFloatFixedList(type)) {
    const child = data.children[0] as Data;
    return data.nullCount === 0 && child.nullCount === 0 && data.length > 0 ? type.listSize : null;
  }
  if (!isFloatList(type) || data.length === 0 || data.nullCount !== 0) return null;
  const child = data.children[0] as Data;
  if (child.nullCount !== 0) return null;
  const offsets = data.valueOffsets as Int32Array;
  const dim = (offsets[1] as number) - (offsets[0] as number);
  for (let i = 1; i < data.length; i++) {
    if ((offsets[i + 1] as number) - (offsets[i] as number) !== dim) return null;
  }
  return dim;
}

/** A uniform float list (or fixed list of any float) as FixedSizeList<Float32>[dim]. */
function toVectorData(data: Data, dim: number): Data<FixedSizeList<Float32>> {
  const child = data.children[0] as Data;
  const type = data.type as DataType;
  const start = DataType.isFixedSizeList(type) ? 0 : ((data.valueOffsets as Int32Array)[0] as number);
  const childValues = toFloat32Values(child);
  const values = childValues.subarray(start, start + data.length * dim);
  const childData = makeData({ type: new Float32(), length: values.length, nullCount: 0, data: values });
  return makeData({ type: vectorType(dim), length: data.length, nullCount: 0, child: childData });
}

function rowIndexData(start: number, length: number): Data<Int64> {
  const rows = new BigInt64Array(length);
  for (let i = 0; i < length; i++) rows[i] = BigInt(start + i);
  return makeData({ type: new Int64(), length, nullCount: 0, data: rows });
}

/** Decides, per column, whether every batch holds a uniform float list of one dimension. */
function autoVectorDims(table: Table, keep: readonly Kept[]): Map<string, number> {
  const dims = new Map<string, number>();
  if (table.batches.length === 0) return dims;
  for (const { col, field, key } of keep) {
    if (!isFloatList(field.type)) continue;
    let dim: number | null = null;
    let uniform = true;
    for (const batch of table.batches) {
      const d = uniformListLength(batch.data.children[col] as Data);
      if (d === null || d < MIN_VECTOR_DIM || (dim !== null && d !== dim)) uniform = false;
      dim = d;
    }
    if (uniform && dim !== null) dims.set(key, dim);
  }
  return dims;
}

/** A column of the input that stays, with its position there and its key. */
interface Kept {
  col: number;
  field: Field;
  key: string;
}

function keptColumns(table: Table, keys: readonly (string | null)[] | undefined): Kept[] {
  const fields = table.schema.fields;
  const names = keys ?? columnKeys(fields.map((f) => f.name));
  if (names.length !== fields.length) {
    throw new Error(`normalizeTable: ${names.length} keys for ${fields.length} columns`);
  }
  return fields.flatMap((field, col) => {
    const key = names[col];
    return key === null || key === undefined ? [] : [{ col, field, key }];
  });
}

/**
 * Normalizes a decoded table (see the module comment). Batches keep their boundaries; buffers are
 * reused wherever the type does not change.
 */
export function normalizeTable(table: Table, options: NormalizeOptions): Table {
  const keep = keptColumns(table, options.keys);
  const vectors = options.vectors === 'auto' ? autoVectorDims(table, keep) : options.vectors;
  const isVector = ({ field, key }: Kept) =>
    vectors.has(key) && (isFloatList(field.type) || isFloatFixedList(field.type));

  const fields = keep.map((k) => {
    const { field, key } = k;
    if (isVector(k))
      return new Field(key, vectorType(vectors.get(key) as number), field.nullable, field.metadata);
    return new Field(key, widenType(field.type), field.nullable, field.metadata);
  });
  const outFields = [new Field(ROW_INDEX_COLUMN, new Int64(), false), ...fields];
  const schema = new Schema(outFields, table.schema.metadata);

  let rowStart = options.rowStart;
  const batches = table.batches.map((batch) => {
    const children = keep.map((k) => {
      const child = batch.data.children[k.col] as Data;
      if (isVector(k)) {
        const dim = vectors.get(k.key) as number;
        // The plan saw a uniform list; a later row group that is not uniform keeps a variable list
        // would break the schema, so it is an error the caller sees (flagged, never silently wrong).
        if (uniformListLength(child) !== dim) throw new VectorShapeError(k.field.name, dim);
        return toVectorData(child, dim);
      }
      return widenData(child);
    });
    const all = [rowIndexData(rowStart, batch.numRows), ...children];
    rowStart += batch.numRows;
    const struct = makeData({
      type: new Struct(outFields),
      length: batch.numRows,
      nullCount: 0,
      children: all,
    });
    return new RecordBatch(schema, struct);
  });
  return new Table(schema, batches);
}

/** A column planned as a vector has a row of another length (or a null) further into the file. */
export class VectorShapeError extends Error {
  constructor(
    readonly column: string,
    readonly dim: number,
  ) {
    super(
      `column "${column}" was read as a vector of ${dim} floats, but a later row has another length or a null`,
    );
    this.name = 'VectorShapeError';
  }
}

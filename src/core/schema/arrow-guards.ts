import { DataType, Precision, type Field, type FixedSizeList, type Float, type List } from 'apache-arrow';

/**
 * Arrow type guards shared by role detection, normalization and the heavy store. apache-arrow's
 * own `DataType.isX` guards test the type id only; these add the child checks we need.
 */

export function isFloat16(type: DataType): boolean {
  return DataType.isFloat(type) && type.precision === Precision.HALF;
}

/** Strings of either offset width (parquet-wasm keeps LargeUtf8 when the Arrow schema says so). */
export function isStringType(type: DataType): boolean {
  return DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isUtf8View(type);
}

export function isBinaryType(type: DataType): boolean {
  return (
    DataType.isBinary(type) ||
    DataType.isLargeBinary(type) ||
    DataType.isFixedSizeBinary(type) ||
    DataType.isBinaryView(type)
  );
}

export function isTemporalType(type: DataType): boolean {
  return DataType.isTimestamp(type) || DataType.isDate(type);
}

export function listChild(type: DataType): Field | null {
  if (DataType.isList(type) || DataType.isLargeList(type) || DataType.isFixedSizeList(type)) {
    return type.children[0] ?? null;
  }
  return null;
}

/** list<float*> or large_list<float*>: a vector column when every row has the same length. */
export function isFloatList(type: DataType): type is List<Float> {
  if (!(DataType.isList(type) || DataType.isLargeList(type))) return false;
  const child = type.children[0];
  return child !== undefined && DataType.isFloat(child.type);
}

/** fixed_size_list<float*>[d]: a vector column by construction. */
export function isFloatFixedList(type: DataType): type is FixedSizeList<Float> {
  if (!DataType.isFixedSizeList(type)) return false;
  const child = type.children[0];
  return child !== undefined && DataType.isFloat(child.type);
}

export function isStringList(type: DataType): boolean {
  const child = listChild(type);
  return child !== null && !DataType.isFixedSizeList(type) && isStringType(child.type);
}

import { CELL_FORMAT, type CellValue, type FormatOptions } from './cell-value';
import { hexPreview } from './hex-dump';

/**
 * Heavy-column values (kept outside DuckDB, see src/data/workspace.ts HeavyValue) as cells:
 * Float32Array -> vector, Uint8Array -> binary, string -> string. Same shapes as formatCell.
 */
export function formatHeavyValue(
  value: Float32Array | Uint8Array | string | null,
  options: FormatOptions = CELL_FORMAT,
): CellValue {
  if (value === null) return { kind: 'null', text: 'NULL' };
  if (value instanceof Float32Array)
    return { kind: 'vector', text: `${value.length}-d`, dim: value.length, values: value };
  if (value instanceof Uint8Array) {
    const truncated = value.length > options.maxBinaryBytes;
    const hex = value.length === 0 ? '' : hexPreview(value, options.maxBinaryBytes);
    return {
      kind: 'binary',
      text: truncated ? `${hex} (${value.length} B)` : hex,
      byteLength: value.length,
      truncated,
    };
  }
  if (value.length === 0) return { kind: 'string', text: '', empty: true, truncated: false, byteLength: 0 };
  const truncated = value.length > options.maxStringChars;
  const text = truncated ? `${value.slice(0, options.maxStringChars)}…` : value;
  // byteLength is not needed for heavy strings' display; the UTF-16 length is a fair stand-in.
  return { kind: 'string', text, empty: false, truncated, byteLength: value.length };
}

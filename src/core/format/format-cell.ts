import {
  DateUnit,
  IntervalUnit,
  Precision,
  Type,
  Vector,
  type Data,
  type DataType,
  type Decimal,
  type FixedSizeBinary,
  type FixedSizeList,
  type Float,
  type Struct,
  type Time,
  type TimeUnit,
  type Timestamp,
} from 'apache-arrow';
import { CELL_FORMAT, FULL_FORMAT, type CellValue, type FormatOptions } from './cell-value';
import { hexPreview } from './hex-dump';
import { formatDecimal, formatFloat, halfToNumber, shortestFloat, wordsToBigInt } from './numbers';
import {
  formatDateDays,
  formatDateMillis,
  formatDuration,
  formatInterval,
  formatTimeOfDay,
  formatTimestamp,
  UNIT_LABEL,
} from './temporal';

/**
 * Formats one cell straight from Arrow buffers: a row is never materialized, a column never copied.
 * Works on the chunk (`Data`) that holds the row, reading typed-array slots and offsets directly, so
 * the cost is that of the painted cells only. Nested values recurse on child `Data` the same way.
 */

/** The chunk holding `row` and the row's index inside it, or null when out of range. */
export function locate(vector: Vector, row: number): { data: Data; index: number } | null {
  if (row < 0 || row >= vector.length) return null;
  let index = row;
  for (const data of vector.data) {
    if (index < data.length) return { data, index };
    index -= data.length;
  }
  return null;
}

export function formatCell(vector: Vector, row: number, options: FormatOptions = CELL_FORMAT): CellValue {
  const at = locate(vector, row);
  if (!at) return NULL_CELL;
  return formatData(at.data, at.index, options);
}

const NULL_CELL: CellValue = { kind: 'null', text: 'NULL' };
const utf8 = new TextDecoder();

/** Strings inside lists, structs and maps are cut sooner than a top-level string. */
const NESTED_STRING_CHARS = 40;

export function formatData(data: Data, index: number, options: FormatOptions = CELL_FORMAT): CellValue {
  if (!data.getValid(index)) return NULL_CELL;
  const type = data.type as DataType;
  switch (data.typeId) {
    case Type.Null:
      return NULL_CELL;
    case Type.Int: {
      // 64-bit columns hold BigInt slots: String() prints every digit (no 2^53 rounding).
      const value = (data.values as ArrayLike<number | bigint>)[index];
      return { kind: 'number', text: String(value) };
    }
    case Type.Float: {
      const precision = (type as Float).precision;
      const raw = (data.values as ArrayLike<number>)[index] ?? 0;
      if (precision === Precision.HALF) return formatFloat(halfToNumber(raw), 16);
      return formatFloat(raw, precision === Precision.SINGLE ? 32 : 64);
    }
    case Type.Decimal: {
      const t = type as Decimal;
      const words = t.bitWidth / 32;
      const unscaled = wordsToBigInt(data.values as Uint32Array, index * words, words);
      return { kind: 'number', text: formatDecimal(unscaled, t.scale) };
    }
    case Type.Bool: {
      const bit = data.offset + index;
      const value = (((data.values as Uint8Array)[bit >> 3] ?? 0) & (1 << (bit & 7))) !== 0;
      return { kind: 'boolean', text: value ? 'true' : 'false', value };
    }
    case Type.Utf8:
    case Type.LargeUtf8: {
      const [start, end] = span(data, index);
      return stringCell(data.values as Uint8Array, start, end, options.maxStringChars);
    }
    case Type.Utf8View: {
      const text = String(new Vector([data]).get(index) ?? '');
      const bytes = new TextEncoder().encode(text);
      return stringCell(bytes, 0, bytes.length, options.maxStringChars);
    }
    case Type.Binary:
    case Type.LargeBinary: {
      const [start, end] = span(data, index);
      return binaryCell((data.values as Uint8Array).subarray(start, end), options);
    }
    case Type.FixedSizeBinary: {
      const width = (type as FixedSizeBinary).byteWidth;
      return binaryCell((data.values as Uint8Array).subarray(index * width, (index + 1) * width), options);
    }
    case Type.BinaryView: {
      const bytes = new Vector([data]).get(index) as Uint8Array | null;
      return bytes ? binaryCell(bytes, options) : NULL_CELL;
    }
    case Type.Date: {
      const raw = (data.values as ArrayLike<number | bigint>)[index] ?? 0;
      const text =
        (type as unknown as { unit: DateUnit }).unit === DateUnit.DAY
          ? formatDateDays(Number(raw))
          : formatDateMillis(BigInt(raw));
      return { kind: 'temporal', text, title: 'date' };
    }
    case Type.Time: {
      const unit = (type as Time).unit as unknown as TimeUnit;
      const raw = (data.values as ArrayLike<number | bigint>)[index] ?? 0;
      return {
        kind: 'temporal',
        text: formatTimeOfDay(BigInt(raw), unit),
        title: `time[${UNIT_LABEL[unit]}]`,
      };
    }
    case Type.Timestamp: {
      const t = type as Timestamp;
      const raw = (data.values as ArrayLike<number | bigint>)[index] ?? 0;
      return { kind: 'temporal', ...formatTimestamp(BigInt(raw), t.unit, t.timezone) };
    }
    case Type.Duration: {
      const unit = (type as unknown as { unit: TimeUnit }).unit;
      const raw = (data.values as ArrayLike<number | bigint>)[index] ?? 0;
      return {
        kind: 'temporal',
        text: formatDuration(BigInt(raw), unit),
        title: `duration[${UNIT_LABEL[unit]}]`,
      };
    }
    case Type.Interval:
      return { kind: 'temporal', text: intervalText(data, index), title: 'interval' };
    case Type.List:
    case Type.LargeList: {
      const [start, end] = span(data, index);
      const child = data.children[0];
      if (!child) return { kind: 'other', text: '[]' };
      const vector = end - start >= options.vectorMinLength ? vectorCell(child, start, end) : null;
      return vector ?? listCell(child, start, end, options);
    }
    case Type.FixedSizeList: {
      const size = (type as FixedSizeList).listSize;
      const child = data.children[0];
      if (!child) return { kind: 'other', text: '[]' };
      return (
        vectorCell(child, index * size, (index + 1) * size) ??
        listCell(child, index * size, (index + 1) * size, options)
      );
    }
    case Type.Struct:
      return structCell(data, index, options);
    case Type.Map:
      return mapCell(data, index, options);
    case Type.Dictionary: {
      const dictionary = data.dictionary;
      const key = (data.values as ArrayLike<number | bigint>)[index];
      if (!dictionary || key === undefined) return NULL_CELL;
      return formatCell(dictionary, Number(key), options);
    }
    default: {
      // Unions and anything newer: Arrow's own getter, printed. Rare enough not to need a fast path.
      const value: unknown = new Vector([data]).get(index);
      return { kind: 'other', text: value === null || value === undefined ? 'NULL' : String(value) };
    }
  }
}

/** [start, end) of a variable-width value (32- or 64-bit offsets). */
function span(data: Data, index: number): [number, number] {
  const offsets = data.valueOffsets as ArrayLike<number | bigint>;
  return [Number(offsets[index] ?? 0), Number(offsets[index + 1] ?? 0)];
}

/**
 * Decodes at most what the cell can show: a UTF-16 unit needs at most 3 UTF-8 bytes, so
 * 3 x maxChars bytes are enough; a cut inside a multi-byte sequence is moved back to its start.
 */
function stringCell(bytes: Uint8Array, start: number, end: number, maxChars: number): CellValue {
  const byteLength = end - start;
  if (byteLength === 0) return { kind: 'string', text: '', empty: true, truncated: false, byteLength: 0 };
  let cut = end;
  if (Number.isFinite(maxChars) && byteLength > maxChars * 3) {
    cut = start + maxChars * 3;
    while (cut > start && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  }
  let text = utf8.decode(bytes.subarray(start, cut));
  let truncated = cut < end;
  if (text.length > maxChars) {
    let n = maxChars;
    const last = text.charCodeAt(n - 1);
    if (last >= 0xd800 && last <= 0xdbff) n--; // do not split a surrogate pair
    text = text.slice(0, n);
    truncated = true;
  }
  return { kind: 'string', text: truncated ? `${text}…` : text, empty: false, truncated, byteLength };
}

function binaryCell(bytes: Uint8Array, options: FormatOptions): CellValue {
  const truncated = bytes.length > options.maxBinaryBytes;
  const hex = bytes.length === 0 ? '' : hexPreview(bytes, options.maxBinaryBytes);
  return {
    kind: 'binary',
    text: truncated ? `${hex} (${bytes.length} B)` : hex,
    byteLength: bytes.length,
    truncated,
  };
}

/** A list of floats as a vector cell: a view over the child's values, no copy (Float16 is widened). */
function vectorCell(child: Data, start: number, end: number): CellValue | null {
  if (child.typeId !== Type.Float || child.nullCount > 0) return null;
  const precision = (child.type as Float).precision;
  let values: ArrayLike<number>;
  if (precision === Precision.HALF) {
    const halves = (child.values as Uint16Array).subarray(start, end);
    const widened = new Float32Array(halves.length);
    for (let i = 0; i < halves.length; i++) widened[i] = halfToNumber(halves[i] ?? 0);
    values = widened;
  } else {
    values = (child.values as Float32Array | Float64Array).subarray(start, end);
  }
  const dim = end - start;
  return { kind: 'vector', text: `${dim}-d`, dim, values };
}

function nestedOptions(options: FormatOptions): FormatOptions {
  // Only the cell form is cut; the full form (copy, full-value view) keeps nested strings whole.
  if (!Number.isFinite(options.maxStringChars)) return options;
  return { ...options, maxStringChars: Math.min(options.maxStringChars, NESTED_STRING_CHARS) };
}

/** How a value reads inside a list, struct or map: strings quoted, NULL as null. */
function innerText(cell: CellValue): string {
  switch (cell.kind) {
    case 'null':
      return 'null';
    case 'string':
      return JSON.stringify(cell.text);
    case 'vector':
      return `<${cell.text}>`;
    case 'binary':
      return `<${cell.byteLength} B>`;
    default:
      return cell.text;
  }
}

function listCell(child: Data, start: number, end: number, options: FormatOptions): CellValue {
  const length = end - start;
  const shown = Math.min(length, options.maxListItems);
  const inner = nestedOptions(options);
  const items: CellValue[] = [];
  const parts: string[] = [];
  let chars = 2;
  for (let i = 0; i < shown; i++) {
    const item = formatData(child, start + i, inner);
    items.push(item);
    const text = innerText(item);
    parts.push(text);
    chars += text.length + 2;
    if (chars > options.maxNestedChars) break;
  }
  const more = length - items.length;
  const text = `[${parts.join(', ')}${more > 0 ? `, … +${more} more` : ''}]`;
  return { kind: 'list', text, items, length, more };
}

function structCell(data: Data, index: number, options: FormatOptions): CellValue {
  const fields = (data.type as Struct).children;
  const inner = nestedOptions(options);
  let text = '{';
  let truncated = false;
  for (let i = 0; i < fields.length; i++) {
    const child = data.children[i];
    if (!child) continue;
    const part = `${i ? ', ' : ''}${fields[i]?.name ?? i}: ${innerText(formatData(child, index, inner))}`;
    if (text.length + part.length > options.maxNestedChars) {
      truncated = true;
      text += i ? ', …' : '…';
      break;
    }
    text += part;
  }
  return { kind: 'struct', text: `${text}}`, truncated };
}

function mapCell(data: Data, index: number, options: FormatOptions): CellValue {
  const [start, end] = span(data, index);
  const entries = data.children[0];
  const keys = entries?.children[0];
  const values = entries?.children[1];
  const inner = nestedOptions(options);
  let text = '{';
  let truncated = false;
  if (keys && values) {
    for (let i = start; i < end; i++) {
      const part = `${i > start ? ', ' : ''}${innerText(formatData(keys, i, inner))}: ${innerText(formatData(values, i, inner))}`;
      if (text.length + part.length > options.maxNestedChars) {
        truncated = true;
        text += i > start ? ', …' : '…';
        break;
      }
      text += part;
    }
  }
  return { kind: 'map', text: `${text}}`, size: end - start, truncated };
}

function intervalText(data: Data, index: number): string {
  const v = data.values as Int32Array;
  switch ((data.type as unknown as { unit: IntervalUnit }).unit) {
    case IntervalUnit.YEAR_MONTH:
      return formatInterval(v[index] ?? 0, 0, 0n);
    case IntervalUnit.DAY_TIME:
      return formatInterval(0, v[2 * index] ?? 0, BigInt(v[2 * index + 1] ?? 0) * 1_000_000n);
    default: {
      const lo = BigInt((v[4 * index + 2] ?? 0) >>> 0);
      const hi = BigInt(v[4 * index + 3] ?? 0);
      return formatInterval(v[4 * index] ?? 0, v[4 * index + 1] ?? 0, (hi << 32n) | lo);
    }
  }
}

/**
 * The text a copy puts on the clipboard: the full value (no truncation), vectors as a JSON-style
 * array, NULL as the word NULL.
 */
export function cellCopyText(vector: Vector, row: number): string {
  return fullText(formatCell(vector, row, FULL_FORMAT));
}

export function fullText(cell: CellValue): string {
  if (cell.kind === 'vector') {
    const bits = cell.values instanceof Float64Array ? 64 : 32;
    const parts: string[] = [];
    for (let i = 0; i < cell.values.length; i++) parts.push(shortestFloat(cell.values[i] ?? 0, bits));
    return `[${parts.join(', ')}]`;
  }
  return cell.text;
}

/** Whether the cell's text was cut and a full-value view has something more to show. */
export function isTruncated(cell: CellValue): boolean {
  switch (cell.kind) {
    case 'string':
    case 'binary':
    case 'struct':
    case 'map':
      return cell.truncated;
    case 'list':
      return cell.more > 0;
    case 'vector':
      return true;
    default:
      return false;
  }
}

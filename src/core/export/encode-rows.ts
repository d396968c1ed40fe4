import { DataType, type Table } from 'apache-arrow';

/**
 * CSV and JSON Lines text for exported rows, one Arrow page at a time (the exporter streams pages
 * of the DuckDB result, so a whole result is never held). Values keep their exact meaning:
 * 64-bit integers are written as decimal text (never through a double), timestamps and dates as
 * ISO 8601 in UTC, lists and structs as JSON, bytes as hex.
 */

export type ExportFormat = 'csv' | 'jsonl' | 'parquet';

/** A JSON-ready value: BigInts already turned into text or numbers, bytes into hex. */
type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/** Quotes a CSV field when it holds a delimiter, quote, CR or LF, or starts/ends with a space (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header line of a CSV export. */
export function csvHeader(columns: readonly string[]): string {
  return `${columns.map(csvField).join(',')}\n`;
}

/** One page as CSV lines (no header). NULL is an empty field; the empty string is `""`. */
export function encodeCsv(table: Table, columns: readonly string[]): string {
  const vectors = columns.map((c) => table.getChild(c));
  const types = columns.map((c) => table.schema.fields.find((f) => f.name === c)?.type);
  let out = '';
  for (let r = 0; r < table.numRows; r++) {
    const fields: string[] = [];
    for (let c = 0; c < columns.length; c++) {
      const value = toPlain(vectors[c]?.get(r), types[c]);
      if (value === null) fields.push('');
      else if (typeof value === 'string') fields.push(value === '' ? '""' : csvField(value));
      else if (typeof value === 'object') fields.push(csvField(JSON.stringify(value)));
      else fields.push(String(value));
    }
    out += `${fields.join(',')}\n`;
  }
  return out;
}

/**
 * One page as JSON Lines: one object per row, keys in column order. Integers beyond 2^53 are
 * written as JSON strings of their decimal digits, so no reader rounds them.
 */
export function encodeJsonl(table: Table, columns: readonly string[]): string {
  const vectors = columns.map((c) => table.getChild(c));
  const types = columns.map((c) => table.schema.fields.find((f) => f.name === c)?.type);
  let out = '';
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, Plain> = {};
    for (let c = 0; c < columns.length; c++) row[columns[c]!] = toPlain(vectors[c]?.get(r), types[c]);
    out += `${JSON.stringify(row)}\n`;
  }
  return out;
}

/** An Arrow cell as a JSON-ready value (exported for its tests). */
export function toPlain(value: unknown, type: DataType | undefined): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (type && (DataType.isTimestamp(type) || DataType.isDate(type)) && typeof value === 'number') {
    return new Date(value).toISOString();
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Uint8Array) return hex(value);
  if (value instanceof Date) return value.toISOString();
  if (type && (DataType.isList(type) || DataType.isFixedSizeList(type))) {
    const child = (type.children[0]?.type as DataType | undefined) ?? undefined;
    const items = value as Iterable<unknown>;
    return Array.from(items, (v) => toPlain(v, child));
  }
  if (type && DataType.isStruct(type)) {
    const rec = value as Record<string, unknown>;
    const out: Record<string, Plain> = {};
    for (const f of type.children) out[f.name] = toPlain(rec[f.name], f.type as DataType);
    return out;
  }
  // Decimals and other Arrow values print themselves exactly.
  return String(value);
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

import {
  DataType,
  Field,
  RecordBatch,
  Schema,
  Struct,
  Table,
  makeData,
  type Data,
  type Vector,
} from 'apache-arrow';

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

/**
 * The name each exported column is written under: its name in the file (the label the user saw),
 * unless that name is empty or names two columns (a file with `x` twice): then its SQL name, so
 * every format (JSON objects cannot repeat a key) gets the same unique names.
 */
export function exportNames(columns: readonly string[], labels: ReadonlyMap<string, string>): string[] {
  const wanted = columns.map((c) => labels.get(c) ?? c);
  const uses = new Map<string, number>();
  for (const n of wanted) uses.set(n, (uses.get(n) ?? 0) + 1);
  const names = wanted.map((n, i) => (n !== '' && uses.get(n) === 1 ? n : (columns[i] as string)));
  // A label may equal another column's SQL name (`a` labelled `x_1` beside a key `x_1`): keys then.
  return new Set(names).size === names.length ? names : [...columns];
}

/**
 * The names a SQL result's columns are written under: as the result names them, with a repeated
 * name (`SELECT 1 AS a, 2 AS a`) numbered from its second use (`a`, `a_1`), since a JSON object
 * cannot repeat a key; an empty name becomes `column<i>`.
 */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set(names);
  const used = new Set<string>();
  return names.map((name, i) => {
    let out = name === '' ? `column${i}` : name;
    for (let n = 1; used.has(out); n++) {
      const candidate = `${name}_${n}`;
      if (!taken.has(candidate) && !used.has(candidate)) out = candidate;
    }
    used.add(out);
    return out;
  });
}

/** The table with its columns renamed, in order (no data copied). */
export function withFieldNames(table: Table, names: readonly string[]): Table {
  if (table.schema.fields.every((f, i) => f.name === names[i])) return table;
  const fields = table.schema.fields.map(
    (f, i) => new Field(names[i] ?? f.name, f.type, f.nullable, f.metadata),
  );
  const schema = new Schema(fields, table.schema.metadata);
  return new Table(
    schema,
    table.batches.map(
      (b) =>
        new RecordBatch(
          schema,
          makeData({ type: new Struct(fields), length: b.numRows, nullCount: 0, children: b.data.children }),
        ),
    ),
  );
}

/** The header line of a CSV export. */
export function csvHeader(columns: readonly string[]): string {
  return `${columns.map(csvField).join(',')}\n`;
}

/**
 * One page as CSV lines (no header), its columns read in order (`columns` are their names, by
 * position). NULL is an empty field; the empty string is `""`. Encoded column by column (each
 * column's cells read by Arrow's chunk iterator, not `get(i)` per cell, which searches the chunks
 * every time), then joined into lines.
 */
export function encodeCsv(table: Table, columns: readonly string[]): string {
  const { vectors, types } = byPosition(table, columns);
  const n = table.numRows;
  const fields = vectors.map((v, c) => cellsOf(v, n, (value) => csvCell(toPlain(value, types[c]))));
  let out = '';
  for (let r = 0; r < n; r++) {
    let line = fields[0]?.[r] ?? '';
    for (let c = 1; c < fields.length; c++) line += `,${fields[c]![r]!}`;
    out += `${line}\n`;
  }
  return out;
}

function csvCell(value: Plain): string {
  if (value === null) return '';
  if (typeof value === 'string') return value === '' ? '""' : csvField(value);
  if (typeof value === 'object') return csvField(JSON.stringify(value));
  return String(value);
}

/**
 * Every cell of a column through `encode`, in row order (a missing column: empty cells). Strings,
 * and lists of strings (the entities), are read from their Arrow buffers: Arrow's getter makes a
 * Vector per list cell and a TextDecoder call per string, which cost most of a memory's row.
 */
function cellsOf(vector: Vector | null, n: number, encode: (value: unknown) => string): string[] {
  const out = new Array<string>(n);
  if (!vector) return out.fill('');
  let r = 0;
  const type = vector.type as DataType;
  if (DataType.isUtf8(type)) {
    for (const data of vector.data) {
      const text = utf8Reader(data);
      for (let i = 0; i < data.length; i++) out[r++] = encode(data.getValid(i) ? text(i) : null);
    }
    return out;
  }
  if (DataType.isList(type) && DataType.isUtf8(type.children[0]?.type)) {
    for (const data of vector.data) {
      const child = data.children[0]!;
      const text = utf8Reader(child);
      for (let i = 0; i < data.length; i++) {
        if (!data.getValid(i)) {
          out[r++] = encode(null);
          continue;
        }
        const items: (string | null)[] = [];
        const end = data.valueOffsets[i + 1]!;
        for (let k = data.valueOffsets[i]!; k < end; k++) {
          items.push(child.getValid(k) ? text(k) : null);
        }
        out[r++] = encode(items);
      }
    }
    return out;
  }
  for (const value of vector) out[r++] = encode(value);
  return out;
}

const decoder = new TextDecoder();

/**
 * The strings of a UTF-8 Arrow chunk, by index. When every byte is ASCII (ids, categories, most
 * text) the chunk is decoded once and each string is a slice of it, byte offsets being character
 * offsets; otherwise each string is decoded on its own.
 */
function utf8Reader(data: Data): (i: number) => string {
  // apache-arrow slices a chunk's offsets with it (valueOffsets[0] is the slice's first), not its
  // bytes or its validity bitmap (getValid adds data.offset itself).
  const values = data.values as Uint8Array;
  const offsets = data.valueOffsets;
  const lo = offsets[0]!;
  const hi = offsets[data.length]!;
  let ascii = true;
  for (let b = lo; b < hi; b++) {
    if (values[b]! > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const text = decoder.decode(values.subarray(lo, hi));
    return (i) => text.slice(offsets[i]! - lo, offsets[i + 1]! - lo);
  }
  return (i) => decoder.decode(values.subarray(offsets[i]!, offsets[i + 1]!));
}

/**
 * One page as JSON Lines: one object per row, keys in column order. Integers beyond 2^53 are
 * written as JSON strings of their decimal digits, so no reader rounds them. Each cell is
 * JSON-encoded column by column (as encodeCsv reads them), then the objects are put together.
 */
export function encodeJsonl(table: Table, columns: readonly string[]): string {
  const { vectors, types } = byPosition(table, columns);
  const n = table.numRows;
  const keys = columns.map((c) => JSON.stringify(c));
  const fields = vectors.map((v, c) => cellsOf(v, n, (value) => JSON.stringify(toPlain(value, types[c]))));
  let out = '';
  for (let r = 0; r < n; r++) {
    let line = '{';
    for (let c = 0; c < fields.length; c++) line += `${c > 0 ? ',' : ''}${keys[c]!}:${fields[c]![r]!}`;
    out += `${line}}\n`;
  }
  return out;
}

/**
 * The table's columns in order, one per name: by position, never by name, since a page may repeat a
 * name (`getChild` would give the first column twice).
 */
function byPosition(table: Table, columns: readonly string[]) {
  return {
    vectors: columns.map((_, i) => table.getChildAt(i)),
    types: columns.map((_, i) => table.schema.fields[i]?.type),
  };
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

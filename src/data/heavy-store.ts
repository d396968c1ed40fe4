import { DataType, type Data, type Table, type Vector } from 'apache-arrow';

/**
 * Heavy columns (vectors, binary, long text) outside DuckDB: decoded per row group on demand, kept
 * in an LRU under a byte budget, read by `__row`. A vector cell is a Float32Array view into the
 * decoded buffer (no copy); binary is a Uint8Array view; text is a string made when asked for.
 */

/** A value of a heavy column for one row, decoded on demand. */
export type HeavyValue = Float32Array | Uint8Array | string | null;

export interface HeavyColumnStore {
  readonly columns: readonly string[];
  /** The value if its row group is loaded, else undefined (the cell paints a placeholder). */
  peek(column: string, row: number): HeavyValue | undefined;
  /** Loads the row groups holding these rows (LRU under a byte budget). */
  ensure(column: string, rows: readonly number[], signal?: AbortSignal): Promise<void>;
  /** Frees every decoded group and refuses further loads (the file closed). */
  dispose(): void;
}

export interface GroupSpan {
  firstRow: number;
  rows: number;
}

/** Decodes one row group's column (normalized: vectors as FixedSizeList<Float32>). */
export type GroupLoader = (group: number, column: string, signal?: AbortSignal) => Promise<Table>;

export const DEFAULT_HEAVY_BUDGET_BYTES = 512 * 1024 * 1024;

interface Entry {
  key: string;
  column: Vector;
  bytes: number;
}

export class RowGroupHeavyStore implements HeavyColumnStore {
  private readonly cache = new Map<string, Entry>(); // insertion order = LRU order
  private readonly inflight = new Map<string, Promise<void>>();
  private bytes = 0;
  private disposed = false;

  constructor(
    readonly columns: readonly string[],
    private readonly groups: readonly GroupSpan[],
    private readonly load: GroupLoader,
    private readonly budgetBytes: number = DEFAULT_HEAVY_BUDGET_BYTES,
  ) {}

  /** Bytes of decoded heavy data held now. */
  get cachedBytes(): number {
    return this.bytes;
  }

  groupOf(row: number): number {
    let lo = 0;
    let hi = this.groups.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = this.groups[mid] as GroupSpan;
      if (row < g.firstRow) hi = mid - 1;
      else if (row >= g.firstRow + g.rows) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  peek(column: string, row: number): HeavyValue | undefined {
    const group = this.groupOf(row);
    if (group < 0) return undefined;
    const key = `${group}\u0000${column}`;
    const entry = this.cache.get(key);
    if (!entry) return undefined;
    // Touch for LRU.
    this.cache.delete(key);
    this.cache.set(key, entry);
    return valueAt(entry.column, row - (this.groups[group] as GroupSpan).firstRow);
  }

  async ensure(column: string, rows: readonly number[], signal?: AbortSignal): Promise<void> {
    if (!this.columns.includes(column)) throw new Error(`${column} is not a heavy column`);
    const groups = new Set<number>();
    for (const r of rows) {
      const g = this.groupOf(r);
      if (g >= 0) groups.add(g);
    }
    await Promise.all([...groups].map((g) => this.ensureGroup(g, column, signal)));
  }

  private ensureGroup(group: number, column: string, signal?: AbortSignal): Promise<void> {
    const key = `${group}\u0000${column}`;
    if (this.cache.has(key)) return Promise.resolve();
    let p = this.inflight.get(key);
    if (!p) {
      p = this.load(group, column, signal)
        .then((table) => {
          const vector = table.getChild(column);
          if (!vector || this.disposed) return;
          const bytes = vectorBytes(vector);
          this.cache.set(key, { key, column: vector, bytes });
          this.bytes += bytes;
          this.evict(key);
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  private evict(keep: string): void {
    for (const [key, entry] of this.cache) {
      if (this.bytes <= this.budgetBytes) return;
      if (key === keep) continue;
      this.cache.delete(key);
      this.bytes -= entry.bytes;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.cache.clear();
    this.bytes = 0;
  }
}

function dataBytes(data: Data): number {
  let n =
    (data.values?.byteLength ?? 0) +
    (data.valueOffsets?.byteLength ?? 0) +
    (data.nullBitmap?.byteLength ?? 0);
  for (const c of data.children) n += dataBytes(c);
  return n;
}

function vectorBytes(v: Vector): number {
  return v.data.reduce((n, d) => n + dataBytes(d), 0);
}

/** One value as a HeavyValue: views for vectors and bytes, a string for text. */
export function valueAt(column: Vector, index: number): HeavyValue {
  // Find the chunk (record batch) holding the index.
  let i = index;
  for (const data of column.data) {
    if (i >= data.length) {
      i -= data.length;
      continue;
    }
    if (!data.getValid(i)) return null;
    const type = data.type as DataType;
    if (DataType.isFixedSizeList(type)) {
      const child = data.children[0] as Data;
      const d = type.listSize;
      const values = child.values as Float32Array | Float64Array;
      // apache-arrow slices a fixed list's child with it (bitmaps only keep data.offset).
      const start = i * d;
      return values instanceof Float32Array
        ? values.subarray(start, start + d)
        : Float32Array.from(values.subarray(start, start + d));
    }
    const value: unknown = column.get(index);
    if (value === null || value === undefined) return null;
    if (value instanceof Uint8Array || typeof value === 'string') return value;
    if (typeof value === 'object' && 'toArray' in (value as object)) {
      // A float list that is not uniform (planned as a vector, or a ragged list kept heavy): one
      // row's values, a few hundred numbers, never a whole column.
      return Float32Array.from(value as Vector as Iterable<number>);
    }
    return String(value);
  }
  return null;
}

/**
 * "Go to memory" without a scan (docs/explore.md, "Go to memory"): a hash index from a memory's id
 * to its `__row`, built once per file over the id column's own Arrow buffers (UTF-8 bytes and
 * offsets, as DuckDB returned them: no string per row is made) and answered in microseconds. Written
 * by hand because it is the product's core path and small: open addressing with linear probing over
 * an Int32Array, FNV-1a over the bytes, the bytes compared on a hash match.
 */
import type { Data, Utf8 } from 'apache-arrow';
import { fnv1a } from './fnv1a';

/** One chunk of a UTF-8 column as Arrow holds it: entry i is values[offsets[i]..offsets[i+1]). */
export interface Utf8Chunk {
  offsets: Int32Array;
  values: Uint8Array;
  length: number;
  /** Entry i is NULL (no id): not indexed. */
  isNull(i: number): boolean;
}

/**
 * A UTF-8 Arrow chunk's entries from..to as a Utf8Chunk, in place. apache-arrow slices a chunk's
 * offsets with it, never its bytes or validity bitmap: offsets are indexed from 0, getValid from
 * the slice.
 */
export function utf8Chunk(data: Data<Utf8>, from = 0, to = data.length): Utf8Chunk {
  return {
    offsets: data.valueOffsets.subarray(from, to + 1),
    values: data.values,
    length: to - from,
    isNull: (i) => !data.getValid(from + i),
  };
}

const EMPTY = -1;

export class IdIndex {
  /** Slot → global entry number (chunks in order), or EMPTY. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** First global entry number of each chunk. */
  private readonly bases: number[] = [];
  private readonly encoder = new TextEncoder();

  /**
   * @param chunks the ids, in order
   * @param rows   the `__row` of each entry (global entry number → row)
   */
  constructor(
    private readonly chunks: readonly Utf8Chunk[],
    private readonly rows: Int32Array,
  ) {
    let total = 0;
    for (const c of chunks) {
      this.bases.push(total);
      total += c.length;
    }
    if (rows.length < total) throw new Error(`IdIndex: ${rows.length} rows for ${total} ids.`);
    // At most half full: short probe runs.
    let size = 16;
    while (size < total * 2) size *= 2;
    this.slots = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    chunks.forEach((chunk, c) => {
      const base = this.bases[c]!;
      for (let i = 0; i < chunk.length; i++) {
        if (chunk.isNull(i)) continue;
        const start = chunk.offsets[i]!;
        const end = chunk.offsets[i + 1]!;
        let slot = fnv1a(chunk.values, start, end) & this.mask;
        // A repeated id keeps its first row (file order), as the first match in the file.
        let duplicate = false;
        while (this.slots[slot] !== EMPTY) {
          if (this.sameBytes(this.slots[slot]!, chunk.values, start, end)) {
            duplicate = true;
            break;
          }
          slot = (slot + 1) & this.mask;
        }
        if (!duplicate) this.slots[slot] = base + i;
      }
    });
  }

  /** Number of entries (ids, NULL ones included) the index was built over. */
  get size(): number {
    return this.rows.length;
  }

  /** The `__row` of the first row whose id is exactly `id`, or null. */
  lookup(id: string): number | null {
    const bytes = this.encoder.encode(id);
    let slot = fnv1a(bytes, 0, bytes.length) & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY) return null;
      if (this.sameBytes(entry, bytes, 0, bytes.length)) return this.rows[entry]!;
      slot = (slot + 1) & this.mask;
    }
  }

  private sameBytes(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    const c = this.chunkOf(entry);
    const chunk = this.chunks[c]!;
    const i = entry - this.bases[c]!;
    const from = chunk.offsets[i]!;
    const to = chunk.offsets[i + 1]!;
    if (to - from !== end - start) return false;
    for (let k = 0; k < to - from; k++) if (chunk.values[from + k] !== bytes[start + k]) return false;
    return true;
  }

  private chunkOf(entry: number): number {
    let lo = 0;
    let hi = this.bases.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bases[mid]! <= entry) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

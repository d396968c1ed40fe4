import { fnv1a } from '../lookup/fnv1a';
import type { Utf8Chunk } from '../lookup/id-index';

/**
 * Dictionary encoding of UTF-8 values as Arrow holds them (offsets into one byte buffer), for the
 * facet cube (crossfilter.ts): each distinct value gets a code 0, 1, 2 … in the order first seen,
 * and only the distinct values are ever decoded into strings. A million category cells of a
 * handful of values cost one hash of their bytes each, not a million strings. Open addressing over
 * an Int32Array kept at most half full, FNV-1a over the bytes (shared with the id index), the bytes
 * compared on a hash match.
 */
export class Utf8Dictionary {
  /** The distinct values, by code. */
  readonly values: string[] = [];
  private readonly bytes: Uint8Array[] = [];
  private slots = new Int32Array(64).fill(-1);
  private readonly decoder = new TextDecoder();
  private readonly encoder = new TextEncoder();

  get size(): number {
    return this.values.length;
  }

  /** The code of the value in bytes[start..end), added when new. */
  code(bytes: Uint8Array, start: number, end: number): number {
    const mask = this.slots.length - 1;
    let slot = fnv1a(bytes, start, end) & mask;
    for (;;) {
      const code = this.slots[slot]!;
      if (code < 0) break;
      if (sameBytes(this.bytes[code]!, bytes, start, end)) return code;
      slot = (slot + 1) & mask;
    }
    const code = this.values.length;
    const own = bytes.slice(start, end);
    this.bytes.push(own);
    this.values.push(this.decoder.decode(own));
    this.slots[slot] = code;
    if (this.values.length * 2 > this.slots.length) this.grow();
    return code;
  }

  /** The code of a value, or -1 when no row holds it. */
  codeOf(value: string): number {
    const b = this.encoder.encode(value);
    const mask = this.slots.length - 1;
    let slot = fnv1a(b, 0, b.length) & mask;
    for (;;) {
      const code = this.slots[slot]!;
      if (code < 0) return -1;
      if (sameBytes(this.bytes[code]!, b, 0, b.length)) return code;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Codes of every entry of a chunk, written at out[rows[i]] (or out[i] without `rows`); NULL
   * entries get -1.
   */
  encode(chunk: Utf8Chunk, out: Int32Array, rows?: Int32Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.isNull(i) ? -1 : this.code(chunk.values, chunk.offsets[i]!, chunk.offsets[i + 1]!);
      out[rows ? rows[i]! : i] = code;
    }
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    this.bytes.forEach((b, code) => {
      let slot = fnv1a(b, 0, b.length) & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = code;
    });
    this.slots = slots;
  }
}

function sameBytes(own: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (own.length !== end - start) return false;
  for (let k = 0; k < own.length; k++) if (own[k] !== bytes[start + k]) return false;
  return true;
}

/**
 * A minimal Thrift compact-protocol codec: reads a struct into a generic tree and writes it back.
 * parquet-wasm 0.8 (arrow-rs 59) hides the footer's physical types, encodings and encryption
 * fields, and its own Thrift parser rejects footers that Apache Thrift's generated readers (used
 * by pyarrow and parquet-mr) accept by skipping a field of an unexpected type; footer-meta.ts uses
 * this tree to read those fields and to rewrite such footers (docs/parquet-compatibility.md).
 *
 * Footers are untrusted input: every length is checked against the bytes left and nesting is
 * bounded, so a fuzzed footer fails with a ThriftError, never a huge allocation or a deep stack.
 */

export const T = {
  STOP: 0,
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

export type TValue =
  | { type: typeof T.TRUE | typeof T.FALSE; value: boolean }
  | { type: typeof T.BYTE | typeof T.I16 | typeof T.I32; value: number }
  | { type: typeof T.I64; value: bigint }
  | { type: typeof T.DOUBLE; value: Uint8Array }
  | { type: typeof T.BINARY; value: Uint8Array }
  | { type: typeof T.LIST | typeof T.SET; elem: number; items: TValue[] }
  | { type: typeof T.MAP; key: number; val: number; entries: [TValue, TValue][] }
  | { type: typeof T.STRUCT; fields: TField[] };

export type TField = { id: number } & TValue;
export type TStruct = Extract<TValue, { type: typeof T.STRUCT }>;

export class ThriftError extends Error {}

const MAX_DEPTH = 64;

class Reader {
  pos: number;
  constructor(
    private readonly bytes: Uint8Array,
    start: number,
  ) {
    this.pos = start;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new ThriftError('thrift: out of bytes');
    return this.bytes[this.pos++] as number;
  }

  /**
   * An unsigned varint. Up to 7 bytes (below 2^49, exact in a double) it is read with numbers: a
   * footer holds thousands of varints, and BigInt arithmetic on each made a 17 KB footer take
   * 2-12 ms to parse. Longer ones take the BigInt path.
   */
  private uvarint(): number | bigint {
    const start = this.pos;
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 7; i++) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return n;
      scale *= 128;
    }
    this.pos = start;
    return this.bigVarint();
  }

  private bigVarint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new ThriftError('thrift: varint too long');
    }
  }

  /** A length or a count (a huge one is refused by the caller's bounds check). */
  count(): number {
    return Number(this.uvarint());
  }

  /** A zigzag varint: an i16 or i32 as a number (wrapped to 32 bits), an i64 as a bigint. */
  small(): number {
    const n = this.uvarint();
    if (typeof n === 'bigint') return Number(BigInt.asIntN(32, (n >> 1n) ^ -(n & 1n)));
    // |zigzag| < 2^48 here, exact; `| 0` wraps to 32 bits as BigInt.asIntN(32) does.
    return (n % 2 === 0 ? n / 2 : -(n + 1) / 2) | 0;
  }

  i64(): bigint {
    const n = this.uvarint();
    if (typeof n === 'bigint') return BigInt.asIntN(64, (n >> 1n) ^ -(n & 1n));
    return BigInt(n % 2 === 0 ? n / 2 : -(n + 1) / 2);
  }

  take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.bytes.length) throw new ThriftError('thrift: length past end');
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  value(type: number, depth: number, inList = false): TValue {
    if (depth > MAX_DEPTH) throw new ThriftError('thrift: nesting too deep');
    switch (type) {
      case T.TRUE:
      case T.FALSE:
        // In a list a bool is one byte (1 = true); in a field header the type itself says.
        if (inList) return { type: T.TRUE, value: this.byte() === 1 };
        return type === T.TRUE ? { type: T.TRUE, value: true } : { type: T.FALSE, value: false };
      case T.BYTE:
        return { type, value: (this.byte() << 24) >> 24 };
      case T.I16:
      case T.I32:
        return { type, value: this.small() };
      case T.I64:
        return { type, value: this.i64() };
      case T.DOUBLE:
        return { type, value: this.take(8) };
      case T.BINARY:
        return { type, value: this.take(this.count()) };
      case T.LIST:
      case T.SET: {
        const h = this.byte();
        const size = h >> 4 === 15 ? this.count() : h >> 4;
        const elem = h & 0x0f;
        // Every element takes at least one byte: a larger count is a lie, not an allocation.
        if (size > this.bytes.length - this.pos) throw new ThriftError('thrift: list longer than its bytes');
        const items: TValue[] = [];
        for (let i = 0; i < size; i++) items.push(this.value(elem, depth + 1, true));
        return { type, elem, items };
      }
      case T.MAP: {
        const size = this.count();
        if (size === 0) return { type, key: 0, val: 0, entries: [] };
        if (size > this.bytes.length - this.pos) throw new ThriftError('thrift: map longer than its bytes');
        const kv = this.byte();
        const entries: [TValue, TValue][] = [];
        for (let i = 0; i < size; i++)
          entries.push([this.value(kv >> 4, depth + 1, true), this.value(kv & 0x0f, depth + 1, true)]);
        return { type, key: kv >> 4, val: kv & 0x0f, entries };
      }
      case T.STRUCT:
        return this.struct(depth + 1);
      default:
        throw new ThriftError(`thrift: unknown type ${type}`);
    }
  }

  struct(depth: number): TStruct {
    const fields: TField[] = [];
    let last = 0;
    for (;;) {
      const h = this.byte();
      const type = h & 0x0f;
      if (type === T.STOP) return { type: T.STRUCT, fields };
      const delta = h >> 4;
      const id = delta === 0 ? this.small() : last + delta;
      last = id;
      // The value object itself becomes the field (a spread copy per field cost a second object).
      const field = this.value(type, depth) as TField;
      field.id = id;
      fields.push(field);
    }
  }
}

/** Reads one struct starting at `start`; `end` is the offset after its STOP byte. */
export function readStruct(bytes: Uint8Array, start = 0): { struct: TStruct; end: number } {
  const r = new Reader(bytes, start);
  const struct = r.struct(0);
  return { struct, end: r.pos };
}

class Writer {
  private chunks: number[] = [];

  out(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }

  byte(b: number): void {
    this.chunks.push(b & 0xff);
  }

  varint(n: bigint): void {
    let v = BigInt.asUintN(64, n);
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if (v === 0n) {
        this.byte(b);
        return;
      }
      this.byte(b | 0x80);
    }
  }

  zigzag(n: bigint, bits: number): void {
    const v = BigInt.asIntN(bits, n);
    this.varint((v << 1n) ^ (v >> BigInt(bits - 1)));
  }

  bytes(b: Uint8Array): void {
    for (const x of b) this.chunks.push(x);
  }

  value(v: TValue, inList = false): void {
    switch (v.type) {
      case T.TRUE:
      case T.FALSE:
        if (inList) this.byte(v.value ? 1 : 2);
        return;
      case T.BYTE:
        this.byte(v.value);
        return;
      case T.I16:
      case T.I32:
        this.zigzag(BigInt(v.value), 32);
        return;
      case T.I64:
        this.zigzag(v.value, 64);
        return;
      case T.DOUBLE:
        this.bytes(v.value);
        return;
      case T.BINARY:
        this.varint(BigInt(v.value.length));
        this.bytes(v.value);
        return;
      case T.LIST:
      case T.SET:
        if (v.items.length < 15) this.byte((v.items.length << 4) | v.elem);
        else {
          this.byte(0xf0 | v.elem);
          this.varint(BigInt(v.items.length));
        }
        for (const item of v.items) this.value(item, true);
        return;
      case T.MAP:
        this.varint(BigInt(v.entries.length));
        if (v.entries.length === 0) return;
        this.byte((v.key << 4) | v.val);
        for (const [k, x] of v.entries) {
          this.value(k, true);
          this.value(x, true);
        }
        return;
      case T.STRUCT:
        this.struct(v);
    }
  }

  struct(s: TStruct): void {
    let last = 0;
    for (const f of s.fields) {
      // A bool field carries its value in the header's type nibble.
      const type = f.type === T.TRUE || f.type === T.FALSE ? (f.value ? T.TRUE : T.FALSE) : f.type;
      const delta = f.id - last;
      if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
      else {
        this.byte(type);
        this.zigzag(BigInt(f.id), 16);
      }
      last = f.id;
      this.value(f);
    }
    this.byte(T.STOP);
  }
}

export function writeStruct(s: TStruct): Uint8Array {
  const w = new Writer();
  w.struct(s);
  return w.out();
}

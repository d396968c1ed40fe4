/**
 * Physical types of a Parquet file's leaf columns, read from the Thrift footer. parquet-wasm 0.8
 * exposes codecs and sizes per column chunk but not the physical type, which the schema panel
 * shows; so this reads only FileMetaData field 2 (the schema list) with a minimal Thrift compact
 * protocol reader and stops there. Best effort: any surprise returns null and the panel shows
 * "unknown"; the real decoding is parquet-wasm's.
 */

const PHYSICAL_TYPES = [
  'BOOLEAN',
  'INT32',
  'INT64',
  'INT96',
  'FLOAT',
  'DOUBLE',
  'BYTE_ARRAY',
  'FIXED_LEN_BYTE_ARRAY',
];

const T_STOP = 0;
const T_TRUE = 1;
const T_FALSE = 2;
const T_BYTE = 3;
const T_I16 = 4;
const T_I32 = 5;
const T_I64 = 6;
const T_DOUBLE = 7;
const T_BINARY = 8;
const T_LIST = 9;
const T_SET = 10;
const T_MAP = 11;
const T_STRUCT = 12;

class Reader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('thrift: out of bytes');
    return this.bytes[this.pos++] as number;
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      // Multiplication, not <<, so that 64-bit varints (i64 fields we skip) do not overflow to junk.
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw new Error('thrift: varint too long');
    }
  }

  zigzag(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  binary(): Uint8Array {
    const len = this.varint();
    if (this.pos + len > this.bytes.length) throw new Error('thrift: binary past end');
    const out = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  listHeader(): { size: number; type: number } {
    const h = this.byte();
    const size = h >> 4 === 15 ? this.varint() : h >> 4;
    return { size, type: h & 0x0f };
  }

  skip(type: number, depth = 0): void {
    if (depth > 64) throw new Error('thrift: nesting too deep');
    switch (type) {
      case T_TRUE:
      case T_FALSE:
        return;
      case T_BYTE:
        this.pos += 1;
        return;
      case T_I16:
      case T_I32:
      case T_I64:
        this.varint();
        return;
      case T_DOUBLE:
        this.pos += 8;
        return;
      case T_BINARY:
        this.binary();
        return;
      case T_LIST:
      case T_SET: {
        const { size, type: elem } = this.listHeader();
        for (let i = 0; i < size; i++) this.skip(elem, depth + 1);
        return;
      }
      case T_MAP: {
        const size = this.varint();
        if (size === 0) return;
        const kv = this.byte();
        for (let i = 0; i < size; i++) {
          this.skip(kv >> 4, depth + 1);
          this.skip(kv & 0x0f, depth + 1);
        }
        return;
      }
      case T_STRUCT:
        this.struct(() => false, depth + 1);
        return;
      default:
        throw new Error(`thrift: unknown type ${type}`);
    }
  }

  /** Walks a struct's fields; `onField` returns true when it consumed the field's value. */
  struct(onField: (id: number, type: number) => boolean, depth = 0): void {
    let last = 0;
    for (;;) {
      const h = this.byte();
      const type = h & 0x0f;
      if (type === T_STOP) return;
      const delta = h >> 4;
      const id = delta === 0 ? this.zigzag() : last + delta;
      last = id;
      if (!onField(id, type)) this.skip(type, depth);
    }
  }
}

interface SchemaElement {
  type: number | null;
  name: string;
  numChildren: number;
}

export interface LeafPhysicalType {
  /** Dotted path, as parquet-wasm's `columnPath().join('.')` gives it. */
  path: string;
  physicalType: string;
}

/** Leaf columns and their physical types from the Thrift FileMetaData bytes, or null. */
export function readLeafPhysicalTypes(footer: Uint8Array): LeafPhysicalType[] | null {
  const elements: SchemaElement[] = [];
  try {
    const r = new Reader(footer);
    const decoder = new TextDecoder();
    r.struct((id, type) => {
      if (id !== 2 || type !== T_LIST) return false;
      const { size, type: elem } = r.listHeader();
      if (elem !== T_STRUCT) throw new Error('thrift: schema is not a list of structs');
      for (let i = 0; i < size; i++) {
        const el: SchemaElement = { type: null, name: '', numChildren: 0 };
        r.struct((fid, ftype) => {
          if (fid === 1 && ftype === T_I32) el.type = r.zigzag();
          else if (fid === 4 && ftype === T_BINARY) el.name = decoder.decode(r.binary());
          else if (fid === 5 && ftype === T_I32) el.numChildren = r.zigzag();
          else return false;
          return true;
        });
        elements.push(el);
      }
      // The schema is all we need: stop before the (much larger) row group list.
      throw new StopReading();
    });
    return null;
  } catch (e) {
    if (!(e instanceof StopReading)) return null;
  }
  return leavesOf(elements);
}

class StopReading extends Error {}

function leavesOf(elements: SchemaElement[]): LeafPhysicalType[] | null {
  const out: LeafPhysicalType[] = [];
  let i = 1; // element 0 is the root
  const walk = (prefix: string[], count: number): void => {
    for (let c = 0; c < count; c++) {
      const el = elements[i++];
      if (!el) throw new Error('thrift: schema shorter than its child counts');
      const path = [...prefix, el.name];
      if (el.numChildren > 0) walk(path, el.numChildren);
      else out.push({ path: path.join('.'), physicalType: PHYSICAL_TYPES[el.type ?? -1] ?? 'unknown' });
    }
  };
  try {
    const root = elements[0];
    if (!root) return null;
    walk([], root.numChildren);
    return out;
  } catch {
    return null;
  }
}

/** Reads the footer bytes of a Parquet Blob: length from the last 8 bytes, then the footer itself. */
export async function readFooterBytes(blob: Blob): Promise<Uint8Array | null> {
  if (blob.size < 12) return null;
  const tail = new DataView(await blob.slice(blob.size - 8, blob.size).arrayBuffer());
  const len = tail.getUint32(0, true);
  // A footer over 64 MiB is not something to read just for the schema panel.
  if (len === 0 || len > blob.size - 12 || len > 64 * 1024 * 1024) return null;
  return new Uint8Array(await blob.slice(blob.size - 8 - len, blob.size - 8).arrayBuffer());
}

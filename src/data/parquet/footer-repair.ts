import { Field, Schema, Table, TimeUnit, Timestamp, tableFromIPC, tableToIPC } from 'apache-arrow';
import { ParquetFile } from 'parquet-wasm/esm';
import { ENCODINGS, SUPPORTED_CODECS, codecName, encodingName, field, type FooterMeta } from './footer-meta';
import { walkPages } from './page-headers';
import { readRange, withTail, type ByteSource } from './byte-source';
import { parquetError } from './parquet-errors';
import { T, writeStruct, type TField, type TStruct, type TValue } from './thrift-compact';

/**
 * What memscope does with a footer before and around parquet-wasm (docs/parquet-compatibility.md):
 * refuse what it cannot read with the reason by name, and write a repaired footer for files that
 * pyarrow reads but arrow-rs refuses or misreads. The repaired footer reaches parquet-wasm as a
 * Blob of the original data slices and the new footer (withFooter): no copy of the data.
 */

export const ARROW_SCHEMA_KEY = 'ARROW:schema';

/**
 * parquet-mr up to 1.2.8 left the dictionary page header out of a column chunk's
 * total_compressed_size (PARQUET-816, IMPALA-694), so the chunk's last page ends past its declared
 * range; parquet-cpp (pyarrow) reads up to 100 bytes more for such writers and stops at the
 * chunk's value count. arrow-rs reads pages to the declared end, so memscope measures those chunks
 * (page-headers.ts) and writes the true sizes. `created_by` "parquet-mr" without a version counts
 * as old, as in parquet-cpp.
 */
export function hasShortChunks(createdBy: string | null): boolean {
  const m = /^parquet-mr(?: version (\d+)\.(\d+)\.(\d+))?/.exec(createdBy ?? '');
  if (!m) return false;
  if (m[1] === undefined) return true;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return major < 1 || (major === 1 && (minor < 2 || (minor === 2 && patch < 9)));
}

/** Sets each chunk's total_compressed_size: `lengths[rowGroup][column]` (undefined: unchanged). */
function setChunkLengths(rowGroups: TField, lengths: (number | undefined)[][]): TField {
  if (rowGroups.type !== T.LIST) return rowGroups;
  const setMeta = (m: TStruct, length: number | undefined): TStruct =>
    length === undefined
      ? m
      : {
          ...m,
          fields: m.fields.map((f) => (f.id === 7 ? { id: 7, type: T.I64, value: BigInt(length) } : f)),
        };
  const setChunk = (c: TStruct, length: number | undefined): TStruct => ({
    ...c,
    fields: c.fields.map((f) => (f.id === 3 && f.type === T.STRUCT ? { id: 3, ...setMeta(f, length) } : f)),
  });
  return {
    ...rowGroups,
    items: rowGroups.items.map((g, rg) =>
      g.type !== T.STRUCT
        ? g
        : {
            ...g,
            fields: g.fields.map((f) =>
              f.id === 1 && f.type === T.LIST
                ? {
                    ...f,
                    items: f.items.map((c, i) => (c.type === T.STRUCT ? setChunk(c, lengths[rg]?.[i]) : c)),
                  }
                : f,
            ),
          },
    ),
  };
}

/** The FileMetaData with `num_rows` set, key-value entries added, chunk sizes measured; encoded again. */
export function rewriteFooter(
  meta: FooterMeta,
  patch: { numRows?: number; keyValue?: [string, string][]; chunkLengths?: (number | undefined)[][] },
): Uint8Array {
  const enc = new TextEncoder();
  let fields = meta.struct.fields;
  if (patch.numRows !== undefined) {
    const v: TField = { id: 3, type: T.I64, value: BigInt(patch.numRows) };
    fields = field(meta.struct, 3) ? fields.map((f) => (f.id === 3 ? v : f)) : [...fields, v];
  }
  if (patch.chunkLengths) {
    const lengths = patch.chunkLengths;
    fields = fields.map((f) => (f.id === 4 ? setChunkLengths(f, lengths) : f));
  }
  if (patch.keyValue?.length) {
    const added: TValue[] = patch.keyValue.map(([k, v]) => ({
      type: T.STRUCT,
      fields: [
        { id: 1, type: T.BINARY, value: enc.encode(k) },
        { id: 2, type: T.BINARY, value: enc.encode(v) },
      ],
    }));
    const old = field(meta.struct, 5);
    const list: TField = {
      id: 5,
      type: T.LIST,
      elem: T.STRUCT,
      items: [...(old?.type === T.LIST ? old.items : []), ...added],
    };
    fields = old ? fields.map((f) => (f.id === 5 ? list : f)) : [...fields, list];
  }
  // Thrift writers emit fields in id order; readers do not care, but keep the deltas small.
  return writeStruct({ type: T.STRUCT, fields: [...fields].sort((a, b) => a.id - b.id) });
}

/**
 * parquet-wasm's lazy reader over any byte source: its type says Blob, but it only calls `size`,
 * `slice` and `arrayBuffer` (byte-source.ts).
 */
export function openParquetFile(source: ByteSource): Promise<ParquetFile> {
  return ParquetFile.fromFile(source as unknown as Blob);
}

/** The same data pages and another footer (lazy: the data is not copied, nor read again). */
export function withFooter(blob: ByteSource, footerLength: number, footer: Uint8Array): ByteSource {
  const tail = new Uint8Array(footer.length + 8);
  tail.set(footer, 0);
  new DataView(tail.buffer).setUint32(footer.length, footer.length, true);
  tail.set([0x50, 0x41, 0x52, 0x31], footer.length + 4);
  return withTail(blob, blob.size - 8 - footerLength, tail);
}

/**
 * Refuses, before decoding, what parquet-wasm cannot read, with the reason by name: encrypted
 * columns behind a plaintext footer (parquet-wasm would report a Thrift error), a codec it lacks
 * (LZO, unknown ids), an encoding id the format does not define.
 */
export function refuseUnreadable(meta: FooterMeta, fileName: string, dataEnd: number): void {
  if (meta.leaves === null) {
    throw parquetError('corrupt', fileName, {
      detail: "its footer's schema does not add up (a group has fewer columns than it says)",
    });
  }
  if (meta.encrypted) {
    throw parquetError('encrypted', fileName, {
      detail: 'its footer is in plain text but its column data is encrypted',
    });
  }
  const leaves = meta.leaves.length;
  for (const [rg, group] of meta.rowGroups.entries()) {
    // Checked here, not left to the decoder: arrow-rs traps on some of these instead of saying so.
    if (group.numRows < 0 || group.columns.length !== leaves) {
      throw parquetError('corrupt', fileName, {
        detail: `the footer describes it with ${group.columns.length} columns and ${group.numRows} rows; the schema has ${leaves} columns`,
        rowGroup: rg,
      });
    }
    for (const chunk of group.columns) {
      const column = chunk.path.split('.')[0] ?? chunk.path;
      // A group of 0 rows is never read (writers leave its offsets at 0: column_chunk_key_value_metadata).
      const outside =
        chunk.start < 4 || chunk.compressedBytes < 0 || chunk.start + chunk.compressedBytes > dataEnd;
      if (group.numRows > 0 && outside) {
        throw parquetError('corrupt', fileName, {
          detail: `the footer places its data at bytes ${chunk.start}-${chunk.start + chunk.compressedBytes}, outside the file's data (4-${dataEnd})`,
          column,
          rowGroup: rg,
        });
      }
      if (!SUPPORTED_CODECS.has(chunk.codec)) {
        throw parquetError('unsupported', fileName, {
          detail: `it is compressed with ${codecName(chunk.codec)}, which the decoder (parquet-wasm) does not implement`,
          column,
          rowGroup: rg,
        });
      }
      const unknown = chunk.encodings.find((e) => !(e in ENCODINGS));
      if (unknown !== undefined) {
        throw parquetError('unsupported', fileName, {
          detail: `it uses ${encodingName(unknown)}, which the Parquet format does not define`,
          column,
          rowGroup: rg,
        });
      }
    }
  }
}

/** PARQUET-816: each chunk's true length, from its page headers (read with 100 bytes to spare). */
export async function measureChunks(
  blob: ByteSource,
  meta: FooterMeta,
  dataEnd: number,
): Promise<(number | undefined)[][]> {
  const lengths: (number | undefined)[][] = [];
  for (const group of meta.rowGroups) {
    const row: (number | undefined)[] = [];
    for (const chunk of group.columns) {
      const end = Math.min(dataEnd, chunk.start + chunk.compressedBytes + 100);
      const bytes = await readRange(blob, chunk.start, end);
      const pages = walkPages(bytes, chunk.start, chunk.values);
      const measured =
        pages.reduce((n, p) => n + p.values, 0) >= chunk.values ? pages.at(-1)?.end : undefined;
      row.push(
        measured !== undefined && measured - chunk.start > chunk.compressedBytes
          ? measured - chunk.start
          : undefined,
      );
    }
    lengths.push(row);
  }
  return lengths;
}

/**
 * INT96 timestamps (Spark, Impala) read as microseconds. arrow-rs reads INT96 as nanoseconds
 * unless the file's `ARROW:schema` says otherwise; nanoseconds in an int64 end in 2262, and later
 * dates (Spark writes 9999-12-31 and beyond) silently wrap to the wrong year. DuckDB reads INT96
 * as microseconds; so memscope gives arrow-rs that hint: the schema it inferred, with the INT96
 * columns as Timestamp(MICROSECOND), in a rewritten footer. If the hint is not taken, the file
 * stays open as it was and the footer carries a warning.
 */
export async function readInt96AsMicros(
  file: ParquetFile,
  meta: FooterMeta,
  reopen: (keyValue: [string, string][]) => ByteSource,
  warnings: string[],
): Promise<ParquetFile> {
  const inferred = tableFromIPC(file.schema().intoIPCStream()).schema;
  const int96 = new Set(meta.int96Columns);
  const fields = inferred.fields.map((f) =>
    int96.has(f.name) && f.type instanceof Timestamp
      ? new Field(f.name, new Timestamp(TimeUnit.MICROSECOND, f.type.timezone), f.nullable, f.metadata)
      : f,
  );
  const ipc = tableToIPC(new Table(new Schema(fields, inferred.metadata)), 'stream');
  let hinted: ParquetFile | null = null;
  try {
    hinted = await openParquetFile(reopen([[ARROW_SCHEMA_KEY, toBase64(ipc)]]));
    const types = tableFromIPC(hinted.schema().intoIPCStream()).schema.fields;
    if (
      types.every(
        (f) => !int96.has(f.name) || (f.type instanceof Timestamp && f.type.unit === TimeUnit.MICROSECOND),
      )
    ) {
      file.free();
      warnings.push(
        `INT96 timestamps (${meta.int96Columns.join(', ')}) are read as microseconds, as DuckDB and Spark do (nanoseconds end in 2262).`,
      );
      return hinted;
    }
  } catch {
    // Fall through: keep the file as parquet-wasm opened it.
  }
  hinted?.free();
  warnings.push(
    `INT96 timestamps (${meta.int96Columns.join(', ')}) are read as nanoseconds: dates after 2262 or before 1677 are wrong.`,
  );
  return file;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

// Over 400 lines on purpose: one object around one parquet-wasm ParquetFile, which is not re-entrant
// and must be freed once: opening (magic, footer checks and repairs) and reading (row groups, column
// selection by key, normalization, row-count checks) share its queue and its close.
import { Compression, type ParquetFile } from 'parquet-wasm/esm';
import { RecordBatch, Schema, Struct, Table, makeData, tableFromIPC, tableToIPC } from 'apache-arrow';
import { normalizeTable, VectorShapeError } from '../../core/schema/normalize';
import { columnKeys, selectByKey } from '../../core/schema/column-keys';
import { MemscopeError } from '../../core/errors';
import { detectFileKind, isParquetMagic, readMagic } from './file-kind';
import type { ByteSource } from './byte-source';
import { classifyDecoderError, parquetError } from './parquet-errors';
import {
  readFooterBytes,
  readParquetEnds,
  tryReadFooterMeta,
  type FooterMeta,
  type LeafColumn,
} from './footer-meta';
import {
  ARROW_SCHEMA_KEY,
  hasShortChunks,
  measureChunks,
  openParquetFile,
  readInt96AsMicros,
  refuseUnreadable,
  rewriteFooter,
  withFooter,
} from './footer-repair';
import {
  DEFAULT_BUDGETS,
  type ColumnInfo,
  type ParquetFooter,
  type ReadRequest,
  type RowGroupInfo,
} from './parquet-reader';

/**
 * The Parquet decoder: parquet-wasm behind a small API that speaks Arrow IPC bytes and typed
 * errors. Free of the DOM: it runs in the browser's parquet worker and in-process in Node tests
 * (the only difference is how parquet-wasm is initialised: parquet-wasm-browser.ts vs
 * parquet-wasm-node.ts; call one of them before open()).
 *
 * parquet-wasm's `ParquetFile.fromFile(blob)` reads lazily: the footer at open, then only the
 * byte ranges of the row groups and columns asked for.
 */

/** Key-value entries longer than this are cut for the schema panel (pandas metadata can be big). */
const MAX_KV_VALUE_CHARS = 4000;

const CODEC_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Compression)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [v as number, k]),
);

export interface DecoderOptions {
  maxReadBytes?: number;
  /** A URL file: only Parquet is read this way; anything else is refused as not Parquet. */
  remote?: boolean;
}

export class ParquetDecoder {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private names: { names: string[]; keys: string[] } | null = null;

  private constructor(
    private readonly file: ParquetFile,
    readonly footer: ParquetFooter,
    /** Uncompressed bytes per [row group][top-level column]. */
    private readonly sizes: Map<string, number>[],
    private readonly maxReadBytes: number,
  ) {}

  /**
   * Opens a Parquet Blob: magic bytes first (encrypted, truncated and not-Parquet files are named
   * without touching the decoder), then the footer.
   * @throws MemscopeError
   */
  static async open(
    source: ByteSource,
    fileName: string,
    options: DecoderOptions = {},
  ): Promise<ParquetDecoder> {
    // A local file's two ends are read once, at the same time, and every read of the footer below
    // (ours and parquet-wasm's) comes from them. A URL file is read by the ranges asked for.
    const blob = source instanceof Blob ? await readParquetEnds(source) : source;
    const { head, tail } = await readMagic(blob);
    if (options.remote && !isParquetMagic(head)) {
      // By URL only Parquet is read (by ranges); its extension does not make it CSV or Arrow.
      throw new MemscopeError({
        ...parquetError('not-parquet', fileName).toPayload(),
        hint: 'memscope opens only Parquet files by URL: download other files and drop them here.',
      });
    }
    const kind = detectFileKind(fileName, blob.size, head, tail);
    if (kind !== 'parquet') {
      throw new MemscopeError({
        code: 'internal',
        file: fileName,
        message: `${fileName} is an ${kind} file, not Parquet: open it through openFile().`,
      });
    }
    // Our own reading of the footer first: it names what parquet-wasm would only trip over
    // (encrypted columns, codecs and encodings it lacks) and repairs what pyarrow reads but
    // arrow-rs refuses or miscounts (footer-meta.ts, docs/parquet-compatibility.md).
    const declared = new DataView(tail.buffer, tail.byteOffset).getUint32(0, true);
    if (declared > blob.size - 12) {
      // arrow-rs traps on a length near 2^32 (an overflow) rather than saying so.
      throw parquetError('truncated', fileName, {
        detail: `its footer length says ${declared} bytes, more than the file's ${blob.size}`,
      });
    }
    const footerBytes = await readFooterBytes(blob);
    const meta = tryReadFooterMeta(footerBytes);
    if (footerBytes && !meta) {
      // Not even a Thrift struct: every reader refuses this (pyarrow: "Couldn't deserialize
      // thrift"), and parquet-wasm may trap on it rather than say so.
      throw parquetError('corrupt', fileName, { detail: 'its footer is not valid Parquet metadata' });
    }
    if (meta && footerBytes) refuseUnreadable(meta, fileName, blob.size - 8 - footerBytes.length);
    const warnings: string[] = [];
    const groupRows = meta?.rowGroups.reduce((n, g) => n + g.numRows, 0) ?? 0;
    const numRows = meta && meta.numRows !== groupRows ? groupRows : undefined;
    if (meta && numRows !== undefined) {
      warnings.push(
        `The footer says ${meta.numRows} rows but its row groups hold ${groupRows}: the row groups' count is used, as pyarrow and DuckDB do.`,
      );
    }
    if (meta && meta.dropped.length > 0) {
      warnings.push(
        `Footer fields that pyarrow's reader ignores (a wrong type, an impossible offset) were ignored: ${meta.dropped.join(', ')}.`,
      );
    }
    const dataEnd = footerBytes ? blob.size - 8 - footerBytes.length : blob.size;
    const chunkLengths =
      meta && hasShortChunks(meta.createdBy) ? await measureChunks(blob, meta, dataEnd) : undefined;
    if (chunkLengths) {
      warnings.push(
        `Written by ${meta?.createdBy ?? 'parquet-mr'}, whose column sizes leave out the dictionary page header (PARQUET-816): the sizes were measured from the pages, as pyarrow does.`,
      );
    }
    const repaired = meta && (numRows !== undefined || meta.dropped.length > 0 || chunkLengths !== undefined);
    const reopen = (keyValue?: [string, string][]) =>
      meta && footerBytes
        ? withFooter(blob, footerBytes.length, rewriteFooter(meta, { numRows, keyValue, chunkLengths }))
        : blob;
    let file: ParquetFile;
    try {
      file = await openParquetFile(repaired ? reopen() : blob);
    } catch (err) {
      throw classifyDecoderError(err, fileName);
    }
    try {
      if (meta && meta.int96Columns.length > 0 && !meta.keys.includes(ARROW_SCHEMA_KEY)) {
        file = await readInt96AsMicros(file, meta, reopen, warnings);
      }
      const { footer, sizes } = buildFooter(file, fileName, blob.size, meta?.leaves ?? null, meta);
      footer.warnings = warnings;
      return new ParquetDecoder(file, footer, sizes, options.maxReadBytes ?? DEFAULT_BUDGETS.maxReadBytes);
    } catch (err) {
      file.free();
      throw classifyDecoderError(err, fileName);
    }
  }

  /** Uncompressed bytes (footer figures) a read would decode. */
  plannedBytes(request: ReadRequest): number {
    const names = request.columns === undefined ? undefined : this.selection(request.columns).read;
    let total = 0;
    for (const rg of request.rowGroups) {
      const sizes = this.sizes[rg];
      if (!sizes) continue;
      if (names === undefined) for (const v of sizes.values()) total += v;
      else for (const c of names) total += sizes.get(c) ?? 0;
    }
    return total;
  }

  /** The file's top-level column names, and their keys (core/schema/column-keys.ts), in order. */
  private columnNames(): { names: string[]; keys: string[] } {
    if (!this.names) {
      const names = tableFromIPC(this.footer.arrowSchemaIpc).schema.fields.map((f) => f.name);
      this.names = { names, keys: columnKeys(names) };
    }
    return this.names;
  }

  /**
   * What to ask parquet-wasm for (it selects by name) to get the columns with these keys, and the key
   * of each column it returns (null: dropped). @throws MemscopeError when a key is not the file's
   */
  private selection(columns: readonly string[]): { read: string[]; keys: (string | null)[] } {
    const { names, keys } = this.columnNames();
    const selected = selectByKey(names, keys, columns);
    if (selected.missing.length > 0) {
      const detail = `no column ${selected.missing.join(', ')}`;
      throw parquetError('internal', this.footer.fileName, { detail });
    }
    return selected;
  }

  /**
   * Decodes row groups (in the order given) and columns into one normalized Arrow IPC stream.
   * Reads are serialized: parquet-wasm's ParquetFile is not re-entrant.
   * @throws MemscopeError
   */
  read(request: ReadRequest): Promise<Uint8Array> {
    // Reads asked for before close() still run (close frees the file after them); later ones fail.
    if (this.closed) {
      return Promise.reject(
        parquetError('internal', this.footer.fileName, { detail: 'the decoder was closed' }),
      );
    }
    const run = this.queue.then(() => this.readNow(request));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readNow(request: ReadRequest): Promise<Uint8Array> {
    const { fileName } = this.footer;
    for (const rg of request.rowGroups) {
      if (!Number.isInteger(rg) || rg < 0 || rg >= this.footer.rowGroups.length) {
        throw parquetError('internal', fileName, { detail: `row group ${rg} does not exist` });
      }
    }
    const selection = request.columns ? this.selection(request.columns) : null;
    const keys = selection?.keys ?? this.columnNames().keys;
    const planned = this.plannedBytes(request);
    if (planned > this.maxReadBytes) {
      throw parquetError('too-large', fileName, { bytes: planned, budget: this.maxReadBytes });
    }
    const vectors = request.vectors ? new Map(Object.entries(request.vectors)) : ('auto' as const);

    const batches: RecordBatch[] = [];
    let schemaTable: Table | null = null;
    let remaining = request.limit ?? Infinity;
    let skip = Math.max(0, Math.floor(request.offset ?? 0));
    for (const rg of request.rowGroups) {
      if (remaining <= 0) break;
      const info = this.footer.rowGroups[rg] as RowGroupInfo;
      // Skipped groups are not decoded at all; inside a group parquet-wasm skips by pages.
      if (skip >= info.rows && info.rows > 0) {
        skip -= info.rows;
        continue;
      }
      const groupSkip = skip;
      skip = 0;
      const where = {
        rowGroup: rg,
        rowRange: [info.firstRow, info.firstRow + info.rows - 1] as [number, number],
        ...(request.columns?.length === 1 ? { column: request.columns[0] as string } : {}),
      };
      let decoded: Table;
      try {
        decoded = await this.decodeRowGroup(rg, info, selection?.read, remaining, groupSkip);
      } catch (err) {
        throw classifyDecoderError(err, fileName, where);
      }
      // A damaged page can decode to fewer (or more) values than the footer promised; rows
      // silently missing would shift every `__row` after them. Refuse instead.
      const expected = Math.max(0, Math.min(info.rows - groupSkip, remaining));
      if (decoded.numRows !== expected) {
        throw parquetError('corrupt', fileName, {
          detail: `it decoded to ${decoded.numRows} rows where the footer says ${expected}`,
          ...where,
        });
      }
      let normalized: Table;
      try {
        normalized = normalizeTable(decoded, { rowStart: info.firstRow + groupSkip, vectors, keys });
      } catch (err) {
        if (err instanceof VectorShapeError)
          throw parquetError('unsupported', fileName, { detail: err.message, ...where });
        throw classifyDecoderError(err, fileName, where);
      }
      schemaTable ??= normalized;
      if (vectors === 'auto' && String(normalized.schema) !== String(schemaTable.schema)) {
        // Auto-detected vectors must agree across row groups to form one stream.
        throw parquetError('unsupported', fileName, {
          detail:
            'a float-list column is uniform in some row groups and not in others: read it with an explicit plan',
        });
      }
      batches.push(...normalized.batches);
      remaining -= normalized.numRows;
    }
    const table = schemaTable
      ? new Table(schemaTable.schema, batches)
      : this.emptyTable(selection?.read, keys, vectors);
    return tableToIPC(table, 'stream');
  }

  private async decodeRowGroup(
    rg: number,
    info: RowGroupInfo,
    columns: string[] | undefined,
    limit: number,
    offset = 0,
  ): Promise<Table> {
    if (columns !== undefined && columns.length === 0) {
      // Only `__row` was asked for: nothing to decode, the footer knows the row count.
      return emptyRows(Math.max(0, Math.min(info.rows - offset, limit)));
    }
    // One batch per read: a small page is one small batch, a whole group one batch.
    const batchSize = Math.max(1, Math.min(info.rows - offset, limit, 65_536));
    const wasmTable = await this.file.read({
      rowGroups: [rg],
      batchSize,
      ...(columns ? { columns } : {}),
      ...(Number.isFinite(limit) ? { limit } : {}),
      ...(offset > 0 ? { offset } : {}),
    });
    // intoIPCStream consumes (frees) the wasm table and copies the bytes out of wasm memory.
    return tableFromIPC(wasmTable.intoIPCStream());
  }

  private emptyTable(
    read: readonly string[] | undefined,
    keys: readonly (string | null)[],
    vectors: ReadonlyMap<string, number> | 'auto',
  ): Table {
    // No row groups asked for (or a file with none): the schema alone, normalized.
    const schema = tableFromIPC(this.footer.arrowSchemaIpc).schema;
    const fields = read ? schema.fields.filter((f) => read.includes(f.name)) : schema.fields;
    return normalizeTable(new Table(new Schema(fields, schema.metadata), []), { rowStart: 0, vectors, keys });
  }

  /**
   * Frees the wasm-side file once the read in progress (if any) has finished: parquet-wasm throws
   * "attempted to take ownership of Rust value while it was borrowed" when a ParquetFile is freed
   * mid-read, as a cancel does. Reads queued after close fail with 'internal'.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.queue.then(() => {
      try {
        this.file.free();
      } catch {
        // Already freed by a trap in the decoder: nothing left to release.
      }
    });
  }
}

/** A table with n rows and no columns; normalizeTable then adds `__row`. */
function emptyRows(n: number): Table {
  const schema = new Schema([]);
  const data = makeData({ type: new Struct([]), length: n, nullCount: 0, children: [] });
  return new Table(schema, [new RecordBatch(schema, data)]);
}

function buildFooter(
  file: ParquetFile,
  fileName: string,
  fileBytes: number,
  physical: LeafColumn[] | null,
  ours: FooterMeta | null,
): { footer: ParquetFooter; sizes: Map<string, number>[] } {
  const meta = file.metadata();
  const fileMeta = meta.fileMetadata();
  const physicalByPath = new Map((physical ?? []).map((p) => [p.path, p.physicalType]));
  const columns = new Map<string, ColumnInfo & { codecSet: Set<string> }>();
  const rowGroups: RowGroupInfo[] = [];
  const sizes: Map<string, number>[] = [];
  let firstRow = 0;
  for (const rg of meta.rowGroups()) {
    const perColumn = new Map<string, number>();
    let compressed = 0;
    let uncompressed = 0;
    for (const chunk of rg.columns()) {
      const pathParts = chunk.columnPath();
      const path = pathParts.join('.');
      const top = pathParts[0] ?? path;
      const c = chunk.compressedSize();
      const u = chunk.uncompressedSize();
      compressed += c;
      uncompressed += u;
      perColumn.set(top, (perColumn.get(top) ?? 0) + u);
      let col = columns.get(path);
      if (!col) {
        col = {
          path,
          physicalType: physicalByPath.get(path) ?? 'unknown',
          codecs: [],
          codecSet: new Set(),
          compressedBytes: 0,
          uncompressedBytes: 0,
        };
        columns.set(path, col);
      }
      col.codecSet.add(CODEC_NAMES[chunk.compression()] ?? `codec ${chunk.compression()}`);
      col.compressedBytes += c;
      col.uncompressedBytes += u;
      chunk.free();
    }
    const rows = rg.numRows();
    rowGroups.push({ rows, firstRow, compressedBytes: compressed, uncompressedBytes: uncompressed });
    sizes.push(perColumn);
    firstRow += rows;
    rg.free();
  }
  const keyValue: [string, string][] = [];
  let hasArrowSchema = false;
  for (const [k, v] of fileMeta.keyValueMetadata() as Map<string, string | undefined>) {
    const key = String(k);
    if (key === ARROW_SCHEMA_KEY) {
      hasArrowSchema = true;
      continue;
    }
    const value = v ?? '';
    keyValue.push([
      key,
      value.length > MAX_KV_VALUE_CHARS ? `${value.slice(0, MAX_KV_VALUE_CHARS)}…` : value,
    ]);
  }
  const footer: ParquetFooter = {
    fileName,
    fileBytes,
    // What a reader of every row group gets (pyarrow, DuckDB, and ours): the footer's own figure
    // can disagree (repeated_no_annotation.parquet says 0 and holds 6).
    rows: firstRow,
    declaredRows: ours?.numRows ?? fileMeta.numRows(),
    createdBy: fileMeta.createdBy() ?? null,
    version: fileMeta.version(),
    rowGroups,
    columns: [...columns.values()].map(({ codecSet, ...c }) => ({ ...c, codecs: [...codecSet] })),
    keyValue,
    // An `ARROW:schema` memscope added (readInt96AsMicros) is not the file's.
    hasArrowSchema: ours ? ours.keys.includes(ARROW_SCHEMA_KEY) : hasArrowSchema,
    arrowSchemaIpc: file.schema().intoIPCStream(),
  };
  fileMeta.free();
  meta.free();
  return { footer, sizes };
}

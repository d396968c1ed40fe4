// Over 400 lines on purpose: the one owner of an open file (load, parts, vector index, vectors in
// SQL, cancel, close, reload); each piece lives in its own module (load-*.ts, file-sql-vectors.ts).
import { tableToIPC } from 'apache-arrow';
import { MemscopeError, toMemscopeError, type ErrorPayload } from '../../core/errors';
import { uniqueTableName } from '../../core/schema/table-names';
import { relationNames } from '../db/catalog';
import { ensureRowIndex } from '../db/row-index';
import type { GridSource } from '../../core/grid-source';
import type { HeavyColumnStore } from '../heavy-store';
import { detectFileKind, readMagic } from '../parquet/file-kind';
import { parquetError } from '../parquet/parquet-errors';
import { kindFromName, type FileKind, type FileState } from './file-state';
import { loadArrow } from './load-arrow';
import { mark, type FileBytes, type LoadContext, type OpenDeps } from './load-context';
import { isRemoteRef } from '../remote/http-range-source';
import type { CsvOptions } from '../csv/csv-options';
import { loadCsv } from './load-csv';
import { loadParquet, type ParquetLoadCallbacks } from './load-parquet';
import { ParquetWorkers } from './parquet-workers';
import { remoteWorkerShard, workerShard } from '../vectors/shard-clients';
import { createVectorIndex, type VectorIndex, type VectorSource } from '../vectors/vector-index';
import type { ColumnReader } from '../vectors/sql-vectors';
import { FileSqlVectors } from './file-sql-vectors';

export type { OpenDeps };

/** Something an open file owns and frees when it closes (a vector index, a cached projection…). */
export interface FilePart {
  dispose(): void;
}

export interface OpenedFileOptions {
  id: string;
  /** The name wanted for its DuckDB table (unique among open files; re-checked against DuckDB). */
  tableName: string;
  deps: OpenDeps;
  /** Told of every new state (the workspace re-publishes its snapshot). */
  onChange?: (state: FileState) => void;
  /** Test hooks around the Parquet load; the app uses the state instead. */
  callbacks?: ParquetLoadCallbacks;
  /** CSV only: the delimiter, quote and header the user chose (else DuckDB's sniffer decides). */
  csvOptions?: CsvOptions;
}

/**
 * One open file, and the one owner of everything it holds (docs/architecture.md): its load
 * (footer -> column plan -> row groups), its Parquet workers, its heavy-column store, its
 * file-order grid source, its DuckDB table, its cancel and its disposal, and the parts later views
 * hang on it (`part()`: a vector index…). React sees only `state`, plain data; views receive the
 * object itself through props and call it.
 *
 * Nothing rejects out of a load: every outcome is a state ('ready' | 'failed' | 'cancelled') with a
 * typed error naming the file.
 */
export class OpenedFile {
  readonly id: string;
  readonly fileName: string;
  private current: FileState;
  private readonly listeners = new Set<() => void>();
  private readonly deps: OpenDeps;
  private readonly onChange: (state: FileState) => void;
  private readonly callbacks: ParquetLoadCallbacks;
  private csvOptions: CsvOptions | undefined;
  /** Live parts of the current load (workers…), freed on cancel, failure, reload and close. */
  private loadParts: FilePart[] = [];
  /** Parts views attached (by key), freed on close only. */
  private readonly parts = new Map<string, FilePart>();
  private heavyStore: HeavyColumnStore | null = null;
  private fileOrder: GridSource | null = null;
  private columnReader: ColumnReader | null = null;
  private readonly sqlVectors: FileSqlVectors;
  private abort = new AbortController();
  /** The DuckDB table exists and was created by this file: closing drops it, and only then. */
  private ownsTable = false;
  private closed = false;
  private firstPageDone: () => void = () => {};
  private readonly firstPage = new Promise<void>((resolve) => (this.firstPageDone = resolve));
  private firstRowsDone: () => void = () => {};
  private firstRows: Promise<void> = Promise.resolve();
  /** Whether the current load waits for the first rows to paint (firstRowsWaitMs); see reload(). */
  private waitForFirstRows = true;
  private loading: Promise<FileState>;

  constructor(
    /** A dropped or picked file, or a Parquet file by URL (read by ranges in its workers). */
    readonly file: FileBytes,
    fileName: string,
    options: OpenedFileOptions,
  ) {
    this.id = options.id;
    this.fileName = fileName;
    this.deps = options.deps;
    this.onChange = options.onChange ?? (() => {});
    this.callbacks = options.callbacks ?? {};
    this.csvOptions = options.csvOptions;
    this.sqlVectors = new FileSqlVectors({
      fileName,
      db: options.deps.db,
      state: () => this.current,
      reader: () => this.columnReader,
      set: (patch) => this.set(patch),
    });
    this.current = {
      id: this.id,
      tableName: options.tableName,
      fileName,
      fileBytes: file.size,
      kind: isRemoteRef(file) ? 'parquet' : kindFromName(fileName),
      ...(isRemoteRef(file) ? { url: file.url, host: file.host } : {}),
      status: 'reading-footer',
      progress: { done: 0, total: 0, unit: 'row-groups' },
      rowCount: 0,
      footer: null,
      columns: [],
      error: null,
      timings: {},
    };
    this.loading = this.start();
    void this.loading.then(() => this.firstPageDone());
  }

  get state(): FileState {
    return this.current;
  }

  get tableName(): string {
    return this.current.tableName;
  }

  /** Resolves (never rejects) with the state the current load ended in. */
  get done(): Promise<FileState> {
    return this.loading;
  }

  /** Vectors, binary and very long text, read from the file by `__row` (null: no heavy column). */
  get heavy(): HeavyColumnStore | null {
    return this.heavyStore;
  }

  /**
   * Rows in file order with no sort or filter (docs/table.md): from 'loading' on, before any row
   * is in DuckDB, the same object for the load's whole life. Null for CSV and Arrow files, whose
   * rows are in DuckDB from the start.
   */
  get fileOrderRows(): GridSource | null {
    return this.fileOrder;
  }

  /** For useSyncExternalStore(file.subscribe, () => file.state). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The view painted the first rows: the load's first row-group decode may start (firstRowsWaitMs). */
  firstRowsPainted(): void {
    this.firstRowsDone();
  }

  /**
   * Settles once the first rows can be painted without waiting for a decode: the first page of the
   * file-order rows is decoded (a Parquet file), or the first load ended (any file).
   */
  firstPageReady(): Promise<void> {
    return this.firstPage;
  }

  /** Settles once the view has painted the first rows, or the load ended without them. */
  firstRowsShown(): Promise<void> {
    return this.firstRows;
  }

  /**
   * A part owned by this file from now on, made once per key and disposed when the file closes:
   * where a view keeps what it builds from the file (a vector index, a projection).
   */
  part<T extends FilePart>(key: string, create: () => T): T {
    if (this.closed)
      throw new MemscopeError({
        code: 'cancelled',
        file: this.fileName,
        message: `${this.fileName} is closed.`,
      });
    let p = this.parts.get(key);
    if (!p) {
      p = create();
      this.parts.set(key, p);
    }
    return p as T;
  }

  /**
   * The exact vector index of one embedding column (docs/similar.md): made on first use, read from
   * the file group by group by two vector workers (never through DuckDB), owned by this file and
   * disposed with it. Parquet: the workers read the column from the File; Arrow IPC: the column's
   * batches, already in memory, are handed over as IPC. Null when the column is not a vector column
   * or the file is not read yet (CSV has no vectors).
   */
  vectorIndex(column: string): VectorIndex | null {
    const { footer, kind, columns } = this.current;
    const dim = columns.find((c) => c.name === column)?.vectorDim;
    const file = this.file;
    const reader = this.columnReader;
    let source: () => VectorSource;
    if (!dim) return null;
    if (kind === 'parquet' && footer) {
      const rowGroups = footer.rowGroups;
      source = () => ({ kind: 'parquet', file, rowGroups });
    } else if (kind === 'arrow' && reader?.readNow) {
      const readNow = reader.readNow;
      source = () => ({
        kind: 'arrow',
        batches: reader.groups.map((g, i) => ({
          firstRow: g.firstRow,
          rows: g.rows,
          ipc: tableToIPC(readNow(i, column), 'stream'),
        })),
      });
    } else return null;
    return this.part(`vectors:${column}`, () =>
      createVectorIndex({
        fileName: this.fileName,
        column,
        dim,
        source: source(),
        // A URL file's vector workers read its embedding column by range requests: their script is
        // loaded with `?connect=<origin>`, so their CSP allows that origin (docs/data-path.md).
        createShard:
          this.deps.createVectorShard ?? (isRemoteRef(file) ? remoteWorkerShard(file.origin) : workerShard),
      }),
    );
  }

  /** "Add vectors to SQL": `column` into the file's DuckDB table as FLOAT[d] (state: `sqlVectors`). */
  addVectorsToSql(column: string): Promise<void> {
    return this.sqlVectors.add(column);
  }

  /** Stops adding the vectors to SQL; the table stays as it was. */
  cancelVectorsToSql(): void {
    this.sqlVectors.cancel();
  }

  /** "Remove vectors from SQL": drops the column again. */
  removeVectorsFromSql(): Promise<void> {
    return this.sqlVectors.remove();
  }

  /** Stops loading: status 'cancelled', the DuckDB table dropped, the workers stopped. */
  cancel(): void {
    this.abort.abort();
  }

  /** Stops everything and frees it: workers, heavy store, parts, and the DuckDB table if ours. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.sqlVectors.dispose();
    this.releaseLoad();
    for (const p of this.parts.values()) p.dispose();
    this.parts.clear();
    this.listeners.clear();
    await this.dropOwnTable();
  }

  /**
   * Reads the file into DuckDB again, under the same table name when it is free: after DuckDB was
   * restarted, or after the table was dropped from SQL. Parts views attached stay.
   */
  reload(options: { waitForFirstRows?: boolean } = {}): Promise<FileState> {
    if (this.closed) return Promise.resolve(this.current);
    // After a DuckDB restart every table is gone: the load does not wait for the grid's first paint.
    this.waitForFirstRows = options.waitForFirstRows ?? true;
    this.abort.abort();
    this.sqlVectors.beforeReload();
    this.releaseLoad();
    this.abort = new AbortController();
    this.set({
      status: 'reading-footer',
      progress: { done: 0, total: 0, unit: 'row-groups' },
      error: null,
      timings: {},
    });
    // Our table, if it is still there, is re-created from the file, not appended to.
    this.loading = this.dropOwnTable().then(() => this.start());
    // Vectors added to SQL before are added again (file-sql-vectors.ts); the load itself is done.
    void this.loading.then(() => this.sqlVectors.afterReload());
    return this.loading;
  }

  /** A CSV file read again with the delimiter, quote and header the user chose. */
  reopenCsv(options: CsvOptions): Promise<FileState> {
    this.csvOptions = options;
    return this.reload();
  }

  private set(patch: Partial<FileState>): void {
    if (this.closed) return;
    this.current = { ...this.current, ...patch };
    this.onChange(this.current);
    for (const l of [...this.listeners]) l();
  }

  private releaseLoad(): void {
    for (const p of this.loadParts) p.dispose();
    this.loadParts = [];
    this.heavyStore?.dispose();
    this.heavyStore = null;
    this.fileOrder = null;
    this.columnReader = null;
    this.firstRowsDone();
  }

  private async dropOwnTable(): Promise<void> {
    if (!this.ownsTable) return;
    this.ownsTable = false;
    // Best effort: never throws (DuckDB may be restarting).
    await this.deps.db.dropTable(this.current.tableName).catch(() => undefined);
    this.deps.db.invalidate();
  }

  private async start(): Promise<FileState> {
    const t0 = performance.now();
    mark(`ms:open:${this.fileName}`);
    const signal = this.abort.signal;
    this.firstRows = new Promise<void>((resolve) => (this.firstRowsDone = resolve));
    const ctx = this.context(signal, t0);
    // A .parquet name is a good enough guess to start both workers' footer reads before the magic
    // bytes are checked: the reads overlap the check and the first render of the new file.
    let workers = this.current.kind === 'parquet' ? this.startWorkers() : null;
    try {
      const file = this.file;
      if (isRemoteRef(file)) {
        // By URL only Parquet, read by ranges: its workers check the magic bytes themselves.
        await loadParquet(ctx, workers ?? this.startWorkers(), this.callbacks);
        return this.finish(t0);
      }
      const { head, tail } = await readMagic(file);
      const kind = detectFileKind(this.fileName, file.size, head, tail);
      const actual: FileKind = kind === 'parquet' ? 'parquet' : kind === 'csv' ? 'csv' : 'arrow';
      if (actual !== 'parquet' && workers) {
        this.loadParts = this.loadParts.filter((p) => p !== workers);
        workers.dispose();
        workers = null;
      }
      // Usually the name's guess was right: no update, no render of the whole app before the footer.
      if (this.current.kind !== actual) this.set({ kind: actual });
      ctx.checkAborted();
      if (actual === 'parquet') await loadParquet(ctx, workers ?? this.startWorkers(), this.callbacks);
      else if (actual === 'csv') await loadCsv(ctx, this.csvOptions);
      else await loadArrow(ctx);
      return this.finish(t0);
    } catch (err) {
      const cancelled = signal.aborted || (err instanceof MemscopeError && err.code === 'cancelled');
      const error: ErrorPayload = cancelled
        ? parquetError('cancelled', this.fileName).toPayload()
        : toMemscopeError(err, { code: 'internal', file: this.fileName }).toPayload();
      if (error.file === undefined) error.file = this.fileName;
      this.releaseLoad();
      // A half-loaded table would look complete in SQL: drop it.
      await this.dropOwnTable();
      // The partial table is dropped: no row is loaded, whatever the footer said.
      this.set({ status: cancelled ? 'cancelled' : 'failed', error, rowCount: 0 });
    }
    return this.current;
  }

  private finish(t0: number): FileState {
    this.set({ status: 'ready', timings: { ...this.current.timings, loadedMs: performance.now() - t0 } });
    mark(`ms:loaded:${this.fileName}`);
    // After 'ready', not before: the index speeds up sorted pages of big tables (core/sql/row-index.ts)
    // and is no part of loading; the view works without it meanwhile.
    if (this.ownsTable) void ensureRowIndex(this.deps.db, this.current.tableName, this.current.rowCount);
    return this.current;
  }

  private startWorkers(): ParquetWorkers {
    const workers = new ParquetWorkers(this.file, this.fileName, this.deps);
    this.loadParts.push(workers);
    return workers;
  }

  private context(signal: AbortSignal, t0: number): LoadContext {
    return {
      file: this.file,
      fileName: this.fileName,
      id: this.id,
      deps: this.deps,
      signal,
      t0,
      tableName: () => this.current.tableName,
      state: () => this.current,
      update: (patch) => {
        if (!signal.aborted) this.set(patch);
      },
      own: (part) => {
        if (signal.aborted) part.dispose();
        else this.loadParts.push(part);
      },
      setHeavy: (store) => {
        if (signal.aborted) store?.dispose();
        else this.heavyStore = store;
      },
      setFileOrderRows: (source) => {
        if (signal.aborted) return;
        this.fileOrder = source;
        // The loader has posted the first page's decode: its first row is served from it.
        void source?.fetchRows(0, 1).then(this.firstPageDone, this.firstPageDone);
      },
      setColumnReader: (reader) => {
        if (!signal.aborted) this.columnReader = reader;
      },
      tableCreated: () => {
        this.ownsTable = true;
      },
      firstRowsShown: (maxWaitMs) => {
        if (maxWaitMs <= 0 || !this.waitForFirstRows) return Promise.resolve();
        return new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, maxWaitMs);
          void this.firstRows.then(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      },
      checkAborted: () => {
        if (signal.aborted) throw parquetError('cancelled', this.fileName);
      },
      claimTableName: async () => {
        const taken = await (this.deps.takenNames?.(this.id) ?? relationNames(this.deps.db));
        const wanted = this.current.tableName;
        if (!taken.has(wanted.toLowerCase())) return wanted;
        const lower = new Set([...taken].map((n) => n.toLowerCase()));
        const name = uniqueTableName(wanted, lower);
        this.set({ tableName: name });
        return name;
      },
    };
  }
}

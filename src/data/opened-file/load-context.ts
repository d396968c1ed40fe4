import type { DbClient } from '../db/db-client';
import type { GridSource } from '../../core/grid-source';
import type { HeavyColumnStore } from '../heavy-store';
import type { DecodeBudgets, ParquetSource } from '../parquet/parquet-reader';
import type { ShardFactory } from '../vectors/vector-index';
import type { ColumnReader } from '../vectors/sql-vectors';
import type { FileState } from './file-state';
import { isRemoteRef, type RemoteFileRef } from '../remote/http-range-source';
import { MemscopeError } from '../../core/errors';

/** What an open file reads: a dropped or picked file, or a Parquet file by URL (docs/data-path.md). */
export type FileBytes = Blob | RemoteFileRef;

/** How an OpenedFile reaches the outside world; tests replace the Parquet sources. */
export interface OpenDeps {
  db: DbClient;
  /** Parquet source per file; the browser default is a parquet worker per file. */
  createSource?: (file: FileBytes, fileName: string, budgets: DecodeBudgets) => ParquetSource;
  /**
   * A second source over the same file for grid pages while the file loads, so a page never waits
   * behind the load's row-group decodes. Default: a second parquet worker when createSource is the
   * default, else createSource again.
   */
  createPageSource?: (file: FileBytes, fileName: string, budgets: DecodeBudgets) => ParquetSource;
  budgets?: DecodeBudgets;
  heavyBudgetBytes?: number;
  /**
   * How long the load's first row-group decode may wait for the table's first rows to be painted
   * (the view calls `OpenedFile.firstRowsPainted()`). Default 0: no wait.
   */
  firstRowsWaitMs?: number;
  /**
   * Lowercased names file `id` must not take: every DuckDB table and view (user tables, other
   * files) and the names other open files have chosen. Default: DuckDB's catalog alone.
   */
  takenNames?: (id: string) => Promise<ReadonlySet<string>>;
  /** Where a vector index keeps its vectors: a vector worker each (default), or in-process (Node tests). */
  createVectorShard?: ShardFactory;
}

/**
 * What a loader (load-parquet, load-csv, load-arrow) is given by its OpenedFile: the file, the
 * dependencies, the signal, and setters for the state and the live parts it creates. A loader owns
 * nothing: what it creates it hands over at once, so cancel and close can free it at any point.
 */
export interface LoadContext {
  readonly file: FileBytes;
  readonly fileName: string;
  readonly id: string;
  readonly deps: OpenDeps;
  readonly signal: AbortSignal;
  /** performance.now() at the drop. */
  readonly t0: number;
  /** The DuckDB table name (may change once, in claimTableName, before the table is created). */
  tableName(): string;
  state(): FileState;
  update(patch: Partial<FileState>): void;
  /** Hands a live part to the file; the file disposes it on cancel, failure, reload and close. */
  own(part: { dispose(): void }): void;
  setHeavy(store: HeavyColumnStore | null): void;
  setFileOrderRows(source: GridSource | null): void;
  /** How the file's columns are read again group by group, as stored ("Add vectors to SQL", the index). */
  setColumnReader(reader: ColumnReader | null): void;
  /** The table now exists in DuckDB and belongs to this file (closing drops it). */
  tableCreated(): void;
  /** Resolves when the view has painted the first rows (or at once when nobody waits). */
  firstRowsShown(maxWaitMs: number): Promise<void>;
  /** Throws the typed 'cancelled' error when the load was cancelled. */
  checkAborted(): void;
  /** Picks the final table name, avoiding every name DuckDB already has (call after db.ready()). */
  claimTableName(): Promise<string>;
}

/** A loader's local file (CSV, Arrow IPC): a URL file is only ever Parquet (opened-file.ts). */
export function localFile(ctx: LoadContext): Blob {
  if (!isRemoteRef(ctx.file)) return ctx.file;
  throw new MemscopeError({
    code: 'internal',
    file: ctx.fileName,
    message: `${ctx.fileName} is opened by URL: only Parquet files are read that way.`,
  });
}

/** Calls a UI callback; a throwing callback must not break loading. */
export function safe(fn: () => void): void {
  try {
    fn();
  } catch {
    /* a UI callback must not break loading */
  }
}

/** A performance mark the bench reads; `performance` may be missing in odd environments. */
export function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    /* ignore */
  }
}

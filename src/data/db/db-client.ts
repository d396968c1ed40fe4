import type { Table } from 'apache-arrow';

/**
 * The one doorway to DuckDB (DESIGN.md convention 2). Every query in the app goes through a DbClient:
 * it owns start-up (extension autoloading off), parameter binding, cancellation of superseded queries
 * and the result cache. The browser implementation runs DuckDB-WASM in its worker; the Node
 * implementation (test/) runs the same engine for integration tests.
 */
export interface QueryOptions {
  /** Positional parameters for `?` placeholders (prepared statement). Never splice user input into SQL. */
  params?: readonly QueryParam[];
  /** Aborting cancels the running query (DuckDB `cancelPendingQuery`) and rejects with code 'cancelled'. */
  signal?: AbortSignal;
  /**
   * Queries that share a channel supersede each other: starting a new one cancels the previous one
   * still running on that channel (e.g. 'grid-page', 'sql-editor').
   */
  channel?: string;
  /** Results are cached by SQL + params unless false (the cache is dropped whenever tables change). */
  cache?: boolean;
}

export type QueryParam = string | number | bigint | boolean | null;

export interface QueryResult {
  table: Table;
  /** Wall time of the query as seen by the caller, in milliseconds. */
  elapsedMs: number;
}

export interface DbClient {
  /** Resolves once DuckDB is instantiated and connected, with autoload/autoinstall off. */
  ready(): Promise<void>;
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /**
   * Appends one Arrow IPC stream (schema + record batches) to `table`, creating it when `create`.
   * The buffer may be transferred to the DuckDB worker: do not use it afterwards.
   */
  insertArrowIpc(table: string, ipc: Uint8Array, options: { create: boolean }): Promise<void>;
  /** Registers a File under `name` so that DuckDB's core readers (CSV) can read it. */
  registerFile(name: string, file: Blob): Promise<void>;
  dropTable(table: string): Promise<void>;
  /** Tables changed outside query(): invalidate the result cache. */
  invalidate(): void;
}

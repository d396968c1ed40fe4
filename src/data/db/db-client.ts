import type { Table } from 'apache-arrow';
import type { SqlParam } from '../../core/sql/table-query';

/**
 * The one doorway to DuckDB (docs/architecture.md, convention 2). Every query in the app goes through a DbClient:
 * it owns start-up (extension autoloading off), parameter binding, cancellation of superseded
 * queries and the result cache. The browser implementation (browser-db.ts) runs DuckDB-WASM in its
 * worker; the Node implementation (test/support/node-db.ts) runs the same engine and the same
 * client module (duckdb-client.ts) for integration tests: only instantiation differs.
 *
 * Values as they come back from DuckDB-WASM (apache-arrow 21):
 * - BIGINT and `count(*)` come back as `bigint` (JSON.stringify throws on them); HUGEINT (e.g. `sum()`
 *   of integers) as an Arrow DecimalBigNum: cast it to BIGINT or DOUBLE in SQL;
 * - TIMESTAMP comes back as a number of epoch milliseconds (the Arrow type still says MICROSECOND);
 * - DATE as epoch milliseconds, DECIMAL as Arrow Decimal, LIST as Arrow List vectors.
 * Read cells through the Arrow vectors (`table.getChildAt(i)?.get(row)`), never `toArray()` a whole result.
 */
export interface QueryOptions {
  /**
   * Positional parameters for `?` placeholders (prepared statement). Never splice user input into SQL.
   * Numbers bind as DOUBLE (DuckDB casts them to the column type in context); bigints inside the
   * safe-integer range bind as numbers, larger ones as their decimal text (DuckDB casts by context);
   * null binds as a NULL VARCHAR, so add a cast (`?::INTEGER`) when no context gives the type.
   * A prepared statement runs to completion inside the DuckDB worker: aborting one rejects the
   * caller at once, but the engine finishes it (fine for page-sized queries). Queries without
   * params run as pending queries, one statement at a time, and are interrupted in the engine.
   * A cancelled query that still holds the engine after a bound gets the engine restarted
   * (onRestart).
   */
  params?: readonly QueryParam[];
  /** Aborting cancels the running query (DuckDB `cancelPendingQuery`) and rejects with code 'cancelled'. */
  signal?: AbortSignal;
  /**
   * Queries that share a channel supersede each other: starting a new one cancels the previous one
   * still running on that channel (e.g. 'grid-page', 'sql-editor'). Each channel has its own DuckDB
   * connection, so a long query on one channel does not block another (see docs/decisions/0001).
   */
  channel?: string;
  /**
   * Results of read-only statements are cached by SQL + params unless false. The cache is dropped
   * whenever tables change (insertArrowIpc, dropTable, registerFile, invalidate(), or any statement
   * that is not a read-only SELECT).
   */
  cache?: boolean;
  /**
   * The statement takes milliseconds whatever the table (a lookup by key, a zero-row probe): run
   * it in one worker round trip rather than as an interruptible pending query (three round trips,
   * ~1 ms). It cannot be interrupted, which for that little work is no loss.
   */
  quick?: boolean;
}

export type QueryParam = SqlParam;

export interface QueryResult {
  table: Table;
  /** Time DuckDB spent on the query (from the moment it started on its connection), in ms. */
  elapsedMs: number;
  /** True when the result came from the cache. */
  cached: boolean;
}

export interface DbRestartEvent {
  reason: 'unresponsive' | 'crashed' | 'requested';
  /** For the user: what happened and what memscope does about it. */
  message: string;
  /** The engine's own words, when there are some (for the details disclosure). */
  detail?: string;
  /** From the moment the problem was seen to the new engine being ready, in ms. */
  restartMs: number;
}

export interface DbClient {
  /** Resolves once DuckDB is instantiated and connected, with autoload/autoinstall off. */
  ready(): Promise<void>;
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /**
   * Appends one complete Arrow IPC stream (schema + record batches + end-of-stream marker) to
   * `table`, creating it when `create`. `table` is the raw name (not quoted: duckdb-wasm passes it
   * to its relation API as a name, not as SQL). The buffer is transferred to the DuckDB worker: do
   * not use it afterwards.
   */
  insertArrowIpc(table: string, ipc: Uint8Array, options: { create: boolean }): Promise<void>;
  /**
   * Registers a File under `name` (letters, digits, `_.-`) so that DuckDB's core readers (CSV) can
   * read it. SQL reads it as `registeredPath(name)` (lockdown.ts): the one directory the locked
   * engine may open.
   */
  registerFile(name: string, file: Blob): Promise<void>;
  /** Drops the table if it exists (raw name; quoted here). */
  dropTable(table: string): Promise<void>;
  /** Tables changed outside query(): invalidate the result cache. */
  invalidate(): void;
  /**
   * Called after the doorway restarted DuckDB (its worker crashed, or it did not stop within a bound
   * after a cancel): the new engine is ready, with the same start-up and lockdown, and empty. Every
   * table, view and registered file of the old engine is gone: the listener reloads each open
   * file's table from its file and tells the user `event.message`. Returns an unsubscribe function.
   */
  onRestart(listener: (event: DbRestartEvent) => void): () => void;
  /**
   * Replaces the engine now, as after a crash (reason 'requested'): for the recovery benchmark and
   * a "Restart the SQL engine" action. Resolves once the new engine is ready and the listeners ran.
   */
  restart(): Promise<void>;
  /** Terminates the DuckDB worker (tests; the app keeps one for the page's lifetime). */
  close(): Promise<void>;
}

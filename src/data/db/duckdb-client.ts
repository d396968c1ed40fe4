import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { Table, type RecordBatch } from 'apache-arrow';
import { MemscopeError } from '../../core/errors';
import { quoteIdentifier } from '../../core/sql/identifiers';
import { classifySql } from '../../core/sql/statement';
import type { DbClient, QueryOptions, QueryParam, QueryResult } from './db-client';
import { cancelledError, toDbError } from './duckdb-errors';
import { QueryCache, cacheKey } from './query-cache';

/**
 * The DbClient logic shared by the browser and the Node test build: start-up, one DuckDB connection
 * per channel, supersede and abort, error mapping and the result cache. Only the way DuckDB-WASM is
 * instantiated (which worker, which wasm file, how a File is registered) differs per platform and
 * comes in through DuckDbPlatform.
 */
export interface DuckDbPlatform {
  /** Starts the worker and instantiates DuckDB (not yet connected). */
  start(): Promise<StartedDuckDb>;
  /** Makes `file` readable by DuckDB's core readers under `name`. */
  registerFile(db: AsyncDuckDB, name: string, file: Blob): Promise<void>;
}

export interface StartedDuckDb {
  db: AsyncDuckDB;
  /**
   * Registers a callback for a worker crash. duckdb-wasm's own onError only logs and forgets the
   * pending requests, whose promises then never settle, so the client fails them itself.
   */
  onCrash(callback: (error: unknown) => void): void;
}

/** Channels beyond this many share the default connection (each connection costs engine memory). */
const MAX_CHANNEL_CONNECTIONS = 8;
const DEFAULT_LANE = '\u0000default';

/** Settings that must hold on every connection: see docs/decisions/0001-duckdb-wasm-offline.md. */
export const STARTUP_SQL = 'SET autoinstall_known_extensions=false; SET autoload_known_extensions=false;';

export function createDuckDbClient(platform: DuckDbPlatform): DbClient {
  return new DuckDbClient(platform);
}

class Run {
  cancelled: MemscopeError | null = null;
  /** True while the query is a pending query in the engine, where cancelSent() interrupts it. */
  pending = false;
  done = false;
  rejectOuter: (error: MemscopeError) => void = () => {};

  constructor(private readonly lane: Lane) {}

  cancel(reason: MemscopeError): void {
    if (this.done || this.cancelled) return;
    this.cancelled = reason;
    this.rejectOuter(reason);
    if (this.pending) void this.lane.conn.cancelSent().catch(() => undefined);
  }
}

class Lane {
  private tail: Promise<void> = Promise.resolve();
  readonly runs = new Set<Run>();

  constructor(readonly conn: AsyncDuckDBConnection) {}

  /** One statement at a time per connection: a new pending query would invalidate the running one. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn);
    this.tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}

class DuckDbClient implements DbClient {
  private started: Promise<StartedDuckDb> | null = null;
  private readonly lanes = new Map<string, Promise<Lane>>();
  /** The query currently running (or queued) on each channel, for the supersede rule. */
  private readonly channelRuns = new Map<string, Run>();
  private readonly cache = new QueryCache();
  private crashed: MemscopeError | null = null;

  constructor(private readonly platform: DuckDbPlatform) {}

  async ready(): Promise<void> {
    await this.lane(undefined);
  }

  private start(): Promise<StartedDuckDb> {
    this.started ??= this.platform.start().then(
      (started) => {
        started.onCrash((error) => this.fail(error));
        return started;
      },
      (error: unknown) => {
        this.started = null;
        throw new MemscopeError({
          code: 'internal',
          message: 'The SQL engine (DuckDB-WASM) could not start.',
          hint: 'Reload the page. If it keeps failing, this browser may lack WebAssembly support.',
          detail: error instanceof Error ? error.message : String(error),
        });
      },
    );
    return this.started;
  }

  private fail(error: unknown): void {
    this.crashed = toDbError(error instanceof Error ? error : new Error(`RuntimeError: ${String(error)}`));
    if (this.crashed.code !== 'internal') {
      this.crashed = new MemscopeError({
        code: 'internal',
        message: 'The SQL engine stopped working.',
        hint: 'Reload the page to restart it.',
        detail: this.crashed.message,
      });
    }
    for (const lanePromise of this.lanes.values()) {
      void lanePromise.then((lane) => {
        for (const run of lane.runs) run.cancel(this.crashed!);
      });
    }
  }

  private lane(channel: string | undefined): Promise<Lane> {
    if (this.crashed) return Promise.reject(this.crashed);
    let name = channel ?? DEFAULT_LANE;
    if (!this.lanes.has(name) && this.lanes.size >= MAX_CHANNEL_CONNECTIONS) name = DEFAULT_LANE;
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = this.start().then(async ({ db }) => {
        const conn = await db.connect();
        // Autoloading is a global setting, but run it per connection anyway: it is cheap and keeps
        // every connection safe even if DuckDB scopes it per session in a later version.
        await conn.query(STARTUP_SQL);
        return new Lane(conn);
      });
      lane.catch(() => this.lanes.delete(name));
      this.lanes.set(name, lane);
    }
    return lane;
  }

  async query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const { params, signal, channel } = options;
    const info = classifySql(sql);
    const cacheable = options.cache !== false && info.kind === 'query';
    const key = cacheable ? cacheKey(sql, params) : '';
    // Supersede first, even when the answer comes from the cache: an older query on the channel
    // must not resolve after a newer one.
    if (channel !== undefined)
      this.channelRuns.get(channel)?.cancel(cancelledError('Superseded by a newer query.'));
    if (cacheable) {
      const hit = this.cache.get(key);
      if (hit) return { table: hit, elapsedMs: 0, cached: true };
    }
    if (signal?.aborted) throw cancelledError();

    const lane = await this.lane(channel);
    if (signal?.aborted) throw cancelledError();
    const run = new Run(lane);
    if (channel !== undefined) {
      // Another query may have taken the channel while this one waited for its connection.
      this.channelRuns.get(channel)?.cancel(cancelledError('Superseded by a newer query.'));
      this.channelRuns.set(channel, run);
    }
    lane.runs.add(run);
    const generation = this.cache.generation;
    const changesTables = info.kind === 'other';

    return new Promise<QueryResult>((resolve, reject) => {
      run.rejectOuter = reject;
      const onAbort = () => run.cancel(cancelledError());
      signal?.addEventListener('abort', onAbort, { once: true });
      void lane.exclusive(async () => {
        try {
          if (run.cancelled) return;
          const t0 = performance.now();
          const table = await execute(lane.conn, info.statementCount, sql, params, run);
          const elapsedMs = performance.now() - t0;
          if (run.cancelled) return;
          if (changesTables) this.cache.clear();
          if (cacheable) this.cache.set(key, table, generation);
          resolve({ table, elapsedMs, cached: false });
        } catch (error) {
          reject(run.cancelled ?? toDbError(error));
        } finally {
          // A failed or cancelled script may still have changed tables before it stopped.
          if (changesTables) this.cache.clear();
          run.done = true;
          lane.runs.delete(run);
          signal?.removeEventListener('abort', onAbort);
          if (channel !== undefined && this.channelRuns.get(channel) === run)
            this.channelRuns.delete(channel);
        }
      });
    });
  }

  async insertArrowIpc(table: string, ipc: Uint8Array, options: { create: boolean }): Promise<void> {
    const lane = await this.lane(undefined);
    try {
      // duckdb-wasm hands `name` to DuckDB's relation API (TableRelation/Create), not to the SQL
      // parser, so it is the raw name: quoting it here would put the quotes into the table name.
      await lane.exclusive(() =>
        lane.conn.insertArrowFromIPCStream(ipc, { name: table, create: options.create }),
      );
    } catch (error) {
      const mapped = toDbError(error);
      if (mapped.code === 'sql' && /Unsupported/i.test(mapped.message)) {
        throw new MemscopeError({
          code: 'unsupported',
          message: mapped.message,
          hint: 'This column type cannot be loaded into DuckDB; it stays viewable outside SQL.',
          detail: mapped.detail,
        });
      }
      throw mapped;
    } finally {
      this.cache.clear();
    }
  }

  async registerFile(name: string, file: Blob): Promise<void> {
    const { db } = await this.start();
    try {
      await this.platform.registerFile(db, name, file);
    } catch (error) {
      throw toDbError(error);
    } finally {
      this.cache.clear();
    }
  }

  async dropTable(table: string): Promise<void> {
    await this.query(`DROP TABLE IF EXISTS ${quoteIdentifier(table)}`, { cache: false });
  }

  invalidate(): void {
    this.cache.clear();
  }

  async close(): Promise<void> {
    const started = this.started;
    this.started = null;
    this.lanes.clear();
    this.cache.clear();
    if (started) await (await started).db.terminate();
  }
}

async function execute(
  conn: AsyncDuckDBConnection,
  statementCount: number,
  sql: string,
  params: readonly QueryParam[] | undefined,
  run: Run,
): Promise<Table> {
  if (params && params.length > 0) {
    const statement = await conn.prepare(sql);
    try {
      return await statement.query(...params.map(toBindable));
    } finally {
      await statement.close().catch(() => undefined);
    }
  }
  if (statementCount > 1) {
    // DuckDB's PendingQuery takes one statement only: scripts run through runQuery (not
    // interruptible in the engine; the caller is still released on cancel).
    return conn.query(sql);
  }
  run.pending = true;
  let reader;
  try {
    reader = await conn.send(sql, true);
  } finally {
    run.pending = false;
  }
  if (!reader) throw new Error('RuntimeError: worker is not set!');
  const batches: RecordBatch[] = [];
  for await (const batch of reader) {
    if (run.cancelled) break;
    batches.push(batch);
  }
  return new Table(reader.schema, batches);
}

/**
 * duckdb-wasm 1.32 sends parameters to its worker as JSON: a bigint makes JSON.stringify throw inside
 * the worker (uncaught, the worker dies) and NaN/Infinity become null. Bind those as text; DuckDB
 * casts a text parameter to the type the context asks for.
 */
function toBindable(param: QueryParam): string | number | boolean | null {
  if (typeof param === 'bigint') {
    return param >= BigInt(Number.MIN_SAFE_INTEGER) && param <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(param)
      : param.toString();
  }
  if (typeof param === 'number' && !Number.isFinite(param)) return String(param);
  return param;
}

import { MemscopeError } from '../../core/errors';
import { quoteIdentifier } from '../../core/sql/identifiers';
import { offlineViolation } from '../../core/sql/offline-guard';
import { classifySql } from '../../core/sql/statement';
import type { DbClient, DbRestartEvent, QueryOptions, QueryResult } from './db-client';
import { cancelledError, offlineError, toDbError } from './duckdb-errors';
import {
  Engine,
  EngineReplaced,
  startError,
  withTimeout,
  type DuckDbPlatform,
  type StartedDuckDb,
} from './engine';
import { execute } from './execute';
import { LOCKDOWN_SQL, registeredPath } from './lockdown';
import { QueryCache, cacheKey } from './query-cache';
import { Lane, Run } from './query-run';

/**
 * The DbClient logic shared by the browser and the Node test build: start-up and lockdown, one
 * DuckDB connection per channel, supersede and abort, error mapping, the result cache, and the
 * restart of an engine that crashed or does not stop after a cancel. Only the way DuckDB-WASM is
 * instantiated comes in through DuckDbPlatform (engine.ts). A query's run and its connection's
 * lane are in query-run.ts, the SQL execution in execute.ts.
 */
export interface DuckDbClientOptions {
  /**
   * How long a cancelled query may keep the engine busy before the engine is restarted. Pending
   * queries stop within milliseconds of a cancel; what outlives this is a prepared statement or an
   * engine that stopped answering. Long enough for a legitimately slow page query over 1M rows.
   */
  cancelGraceMs?: number;
  /** How long instantiating and locking the engine may take. */
  startTimeoutMs?: number;
  /** More restarts than this within restartWindowMs: the engine is given up (the page must reload). */
  maxRestarts?: number;
  restartWindowMs?: number;
}

const DEFAULTS: Required<DuckDbClientOptions> = {
  cancelGraceMs: 8_000,
  startTimeoutMs: 60_000,
  maxRestarts: 3,
  restartWindowMs: 60_000,
};

/** Channels beyond this many share the default connection (each connection costs engine memory). */
const MAX_CHANNEL_CONNECTIONS = 8;
const DEFAULT_LANE = '\u0000default';

export function createDuckDbClient(platform: DuckDbPlatform, options: DuckDbClientOptions = {}): DbClient {
  return new DuckDbClient(platform, { ...DEFAULTS, ...options });
}

class DuckDbClient implements DbClient {
  private engine: Engine | null = null;
  /** The query currently running (or queued) on each channel, for the supersede rule. */
  private readonly channelRuns = new Map<string, Run>();
  private readonly cache = new QueryCache();
  /** Set when the engine was given up after too many restarts. */
  private gaveUp: MemscopeError | null = null;
  private readonly restarts: number[] = [];
  private readonly restartListeners = new Set<(event: DbRestartEvent) => void>();

  constructor(
    private readonly platform: DuckDbPlatform,
    private readonly options: Required<DuckDbClientOptions>,
  ) {}

  async ready(): Promise<void> {
    await this.lane(undefined);
  }

  onRestart(listener: (event: DbRestartEvent) => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  /** The current engine, started (and locked down) on first use. */
  private current(): Engine {
    if (this.gaveUp) throw this.gaveUp;
    if (this.engine && !this.engine.dead) return this.engine;
    const inner = this.startLocked();
    const started = withTimeout(inner, this.options.startTimeoutMs, 'DuckDB start-up');
    // A start-up that finishes after its timeout leaves a worker nobody uses: stop it.
    started.catch(() =>
      inner.then(
        ({ db }) => db.terminate(),
        () => undefined,
      ),
    );
    const engine = new Engine(started);
    this.engine = engine;
    started.then(
      (s) => s.onCrash((error) => this.replace(engine, 'crashed', error)),
      () => {
        if (this.engine === engine) this.engine = null;
      },
    );
    return engine;
  }

  private async startLocked(): Promise<StartedDuckDb> {
    let started: StartedDuckDb;
    try {
      started = await this.platform.start();
    } catch (error) {
      throw startError(error);
    }
    try {
      // Before any other SQL: see lockdown.ts.
      const conn = await started.db.connect();
      await conn.query(LOCKDOWN_SQL);
      await conn.close();
    } catch (error) {
      await started.db.terminate().catch(() => undefined);
      throw startError(error);
    }
    return started;
  }

  private lane(channel: string | undefined, engine: Engine = this.current()): Promise<Lane> {
    let name = channel ?? DEFAULT_LANE;
    if (!engine.lanes.has(name) && engine.lanes.size >= MAX_CHANNEL_CONNECTIONS) name = DEFAULT_LANE;
    let lane = engine.lanes.get(name);
    if (!lane) {
      lane = engine.guard(engine.started.then(async ({ db }) => new Lane(await db.connect())));
      lane.catch(() => engine.lanes.delete(name));
      engine.lanes.set(name, lane);
    }
    return lane;
  }

  /**
   * Replaces `engine` with a new one: its runs fail, its worker is terminated, a new worker starts
   * with the same start-up and lockdown, and the restart listeners are told once it is ready.
   */
  async restart(): Promise<void> {
    const engine = this.current();
    await engine.started.catch(() => undefined);
    const done = new Promise<void>((resolve) => {
      const off = this.onRestart(() => {
        off();
        resolve();
      });
    });
    this.replace(engine, 'requested', undefined);
    if (this.gaveUp) throw this.gaveUp;
    await done;
  }

  private replace(engine: Engine, reason: DbRestartEvent['reason'], cause: unknown): void {
    if (engine.dead || this.engine !== engine) return;
    const t0 = performance.now();
    const detail = cause instanceof Error ? cause.message : cause === undefined ? undefined : String(cause);
    const message = {
      crashed:
        'The SQL engine crashed and was restarted; the open files are being reloaded from their files.',
      unresponsive:
        'The SQL engine did not stop after a cancel and was restarted; the open files are being reloaded from their files.',
      requested: 'The SQL engine was restarted; the open files are being reloaded from their files.',
    }[reason];
    engine.markDead(
      new MemscopeError({
        code: 'internal',
        message: 'The SQL engine was restarted while this query ran, so the query was stopped.',
        hint: 'Run it again once the open files are reloaded.',
        ...(detail ? { detail } : {}),
      }),
    );
    this.engine = null;
    this.channelRuns.clear();
    this.cache.clear();
    const now = Date.now();
    // Asked-for restarts are not a sign of an engine that keeps failing.
    if (reason !== 'requested') this.restarts.push(now);
    while (this.restarts.length > 0 && now - this.restarts[0]! > this.options.restartWindowMs)
      this.restarts.shift();
    if (this.restarts.length > this.options.maxRestarts) {
      this.gaveUp = new MemscopeError({
        code: 'internal',
        message: 'The SQL engine stopped working: it crashed or hung again right after each restart.',
        hint: 'Reload the page to restart it; your files stay on your machine and can be opened again.',
        ...(detail ? { detail } : {}),
      });
      return;
    }
    void this.ready().then(
      () => {
        const event: DbRestartEvent = {
          reason,
          message,
          restartMs: performance.now() - t0,
          ...(detail ? { detail } : {}),
        };
        for (const listener of [...this.restartListeners]) {
          try {
            listener(event);
          } catch {
            /* a listener must not stop the others */
          }
        }
      },
      () => undefined,
    );
  }

  async query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    try {
      return await this.queryOnce(sql, options);
    } catch (error) {
      if (!(error instanceof EngineReplaced)) throw error;
      // It waited behind a stuck or crashed engine and never started: run it on the new one.
      await this.ready();
      return this.queryOnce(sql, options);
    }
  }

  private async queryOnce(sql: string, options: QueryOptions): Promise<QueryResult> {
    const { params, signal, channel } = options;
    const offline = offlineViolation(sql);
    if (offline) throw offlineError(offline);
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

    const engine = this.current();
    // Waiting for a connection is waiting for the engine too (connect() is a message to its worker).
    const waiting = {};
    engine.busy.add(waiting);
    let lane: Lane;
    try {
      lane = await this.lane(channel, engine);
    } catch (error) {
      if (engine.dead && error === engine.dead)
        throw new EngineReplaced({ code: 'internal', message: engine.dead.message });
      throw error;
    } finally {
      engine.busy.delete(waiting);
    }
    if (signal?.aborted) throw cancelledError();
    if (engine.dead) throw new EngineReplaced({ code: 'internal', message: engine.dead.message });
    const run = new Run(
      lane,
      () => this.replace(engine, 'unresponsive', undefined),
      (self) => [...engine.busy].some((t) => t !== self && !(t instanceof Run && t.cancelled)),
      this.options.cancelGraceMs,
    );
    run.retryable = info.kind === 'query' || info.kind === 'inspect';
    engine.busy.add(run);
    if (channel !== undefined) {
      // Another query may have taken the channel while this one waited for its connection.
      this.channelRuns.get(channel)?.cancel(cancelledError('Superseded by a newer query.'));
      this.channelRuns.set(channel, run);
    }
    const generation = this.cache.generation;
    const changesTables = info.kind === 'other';

    return new Promise<QueryResult>((resolve, reject) => {
      run.rejectOuter = reject;
      const onAbort = () => run.cancel(cancelledError());
      signal?.addEventListener('abort', onAbort, { once: true });
      void lane.exclusive(async () => {
        try {
          if (run.cancelled) return;
          run.executing = true;
          const t0 = performance.now();
          const table = await execute(
            lane.conn,
            info.statementCount,
            sql,
            params,
            run,
            options.quick === true,
          );
          const elapsedMs = performance.now() - t0;
          if (run.cancelled) return;
          if (changesTables) this.cache.clear();
          if (cacheable) this.cache.set(key, table, generation);
          resolve({ table, elapsedMs, cached: false });
        } catch (error) {
          const mapped = run.cancelled ?? toDbError(error);
          // A wasm trap leaves the instance unusable: replace it rather than fail every later query.
          if (!run.cancelled && mapped.code === 'internal') this.replace(engine, 'crashed', error);
          reject(mapped);
        } finally {
          // A failed or cancelled script may still have changed tables before it stopped.
          if (changesTables) this.cache.clear();
          run.done = true;
          engine.busy.delete(run);
          signal?.removeEventListener('abort', onAbort);
          if (channel !== undefined && this.channelRuns.get(channel) === run)
            this.channelRuns.delete(channel);
        }
      });
    });
  }

  async insertArrowIpc(table: string, ipc: Uint8Array, options: { create: boolean }): Promise<void> {
    const engine = this.current();
    const lane = await this.lane(undefined, engine);
    const token = {};
    engine.busy.add(token);
    try {
      // duckdb-wasm hands `name` to DuckDB's relation API (TableRelation/Create), not to the SQL
      // parser, so it is the raw name: quoting it here would put the quotes into the table name.
      await engine.guard(
        lane.exclusive(() =>
          lane.conn.insertArrowFromIPCStream(ipc, { name: table, create: options.create }),
        ),
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
      engine.busy.delete(token);
      this.cache.clear();
    }
  }

  async registerFile(name: string, file: Blob): Promise<void> {
    const path = registeredPath(name);
    const engine = this.current();
    const token = {};
    engine.busy.add(token);
    try {
      const { db } = await engine.guard(engine.started);
      await engine.guard(this.platform.registerFile(db, path, file));
    } catch (error) {
      throw toDbError(error);
    } finally {
      engine.busy.delete(token);
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
    const engine = this.engine;
    this.engine = null;
    this.cache.clear();
    this.channelRuns.clear();
    if (engine) {
      engine.markDead(new MemscopeError({ code: 'cancelled', message: 'The SQL engine was closed.' }));
      await engine.started.then(
        ({ db }) => db.terminate(),
        () => undefined,
      );
    }
  }
}

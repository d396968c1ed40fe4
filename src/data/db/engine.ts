/**
 * One DuckDB instance (one worker) as the doorway sees it: how a platform starts DuckDB-WASM, the
 * engine's connections and the work in flight on it, and its death (a crash, a stuck query, a
 * restart), which fails or re-queues that work. DuckDbClient (duckdb-client.ts) keeps the current
 * engine and replaces it.
 */
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import { MemscopeError } from '../../core/errors';
import type { Lane } from './query-run';
import { Run } from './query-run';

/**
 * What differs between the browser and the Node test build: how DuckDB-WASM is instantiated
 * (which worker, which wasm file) and how a File is registered.
 */
export interface DuckDbPlatform {
  /** Starts the worker and instantiates DuckDB (not yet connected). */
  start(): Promise<StartedDuckDb>;
  /** Makes `file` readable by DuckDB's core readers under `path`. */
  registerFile(db: AsyncDuckDB, path: string, file: Blob): Promise<void>;
}

export interface StartedDuckDb {
  db: AsyncDuckDB;
  /**
   * Registers a callback for a worker crash. duckdb-wasm's own onError only logs and forgets the
   * pending requests, whose promises then never settle, so the client fails them itself.
   */
  onCrash(callback: (error: unknown) => void): void;
}

/**
 * A query that had not started when its engine was replaced, or a read-only one: query() runs it
 * again on the new engine (the caller sees one answer, a little later).
 */
export class EngineReplaced extends MemscopeError {}

/** One DuckDB instance (one worker). A restart replaces it with a new one. */
export class Engine {
  readonly lanes = new Map<string, Promise<Lane>>();
  /** Queries (their Runs) and other requests (inserts, registrations) in flight on this engine. */
  readonly busy = new Set<object>();
  dead: MemscopeError | null = null;
  /** Rejects when the engine is given up: requests in flight in its worker never settle by themselves. */
  readonly died: Promise<never>;
  private kill: (error: MemscopeError) => void = () => {};

  constructor(readonly started: Promise<StartedDuckDb>) {
    this.died = new Promise<never>((_, reject) => {
      this.kill = reject;
    });
    this.died.catch(() => undefined);
  }

  markDead(error: MemscopeError): void {
    if (this.dead) return;
    this.dead = error;
    this.kill(error);
    const queued = new EngineReplaced({ code: 'internal', message: error.message });
    for (const token of this.busy) {
      if (token instanceof Run) token.cancel(token.executing && !token.retryable ? error : queued);
    }
    void this.started.then(
      ({ db }) => db.terminate().catch(() => undefined),
      () => undefined,
    );
  }

  /** `promise`, or the engine's death if that comes first. */
  guard<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.died]);
  }
}

export function startError(error: unknown): MemscopeError {
  return new MemscopeError({
    code: 'internal',
    message: 'The SQL engine (DuckDB-WASM) could not start.',
    hint: 'Reload the page. If it keeps failing, this browser may lack WebAssembly support.',
    detail: error instanceof Error ? error.message : String(error),
  });
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

import { createRequire } from 'node:module';
import { Worker as NodeWorker } from 'node:worker_threads';
import type * as DuckDb from '@duckdb/duckdb-wasm';
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import type { DbClient } from '../../src/data/db/db-client';
import { createDuckDbClient, type DuckDbClientOptions } from '../../src/data/db/duckdb-client';
import type { StartedDuckDb } from '../../src/data/db/engine';

/**
 * A DbClient over the same DuckDB-WASM engine and the same client module as the browser, for Node
 * integration tests. Differences from the browser, all in instantiation:
 * - the worker is duckdb-wasm's Node worker build (duckdb-node-eh.worker.cjs) in a worker_thread,
 *   behind a small adapter that gives it the Web Worker surface (globalThis.onmessage/postMessage)
 *   and gives AsyncDuckDB the addEventListener/postMessage/terminate surface it expects;
 * - AsyncDuckDB comes from duckdb-wasm's *browser* ESM build, not duckdb-node.cjs: the CJS build
 *   requires apache-arrow's CJS entry, a second copy of Arrow next to the ESM one the tests and
 *   src/ import, so `instanceof Table` and friends would fail. The browser ESM build imports
 *   'apache-arrow' like our code does and only needs some `Worker` global to exist at import time;
 * - files are registered as buffers (the FileReader protocol needs a browser worker).
 *
 * Queries run in the worker thread, so cancellation and channels behave as in the browser.
 */
export async function createNodeDb(options: DuckDbClientOptions = {}): Promise<DbClient> {
  const client = createDuckDbClient({ start: startNodeDuckDb, registerFile: registerFileAsBuffer }, options);
  await client.ready();
  return client;
}

/**
 * A Node DbClient plus a way to crash its current DuckDB worker for real (an uncaught exception in
 * the worker thread, as a wasm trap outside a request would be), for the restart tests.
 */
export async function createCrashableNodeDb(
  options: DuckDbClientOptions = {},
): Promise<{ db: DbClient; crashWorker(): void; workersStarted(): number }> {
  const workers: WorkerAdapter[] = [];
  const start = async () => {
    const started = await startNodeDuckDb();
    workers.push(started.worker);
    return started;
  };
  const db = createDuckDbClient({ start, registerFile: registerFileAsBuffer }, options);
  await db.ready();
  return {
    db,
    crashWorker: () => workers.at(-1)?.crashForTest(),
    workersStarted: () => workers.length,
  };
}

const require = createRequire(import.meta.url);

// The worker script reads `workerData` (the duckdb worker path), silences console output (duckdb-wasm
// console.logs every failed request in its worker), and bridges worker_threads to the Web Worker API.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace']) console[k] = () => {};
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
parentPort.on('message', (data) => {
  if (data && data.memscopeCrashForTest) throw new Error('simulated DuckDB worker crash');
  if (globalThis.onmessage) globalThis.onmessage({ data });
});
require(workerData);
`;

type Listener = (event: unknown) => void;

/** The part of the Web Worker API that AsyncDuckDB uses, over a worker_threads Worker. */
class WorkerAdapter {
  private readonly worker: NodeWorker;
  private readonly wrapped = new Map<Listener, (value: unknown) => void>();
  private readonly crashListeners: ((error: unknown) => void)[] = [];

  constructor(script: string) {
    this.worker = new NodeWorker(BOOTSTRAP, { eval: true, workerData: script });
    this.worker.on('error', (error) => {
      for (const listener of this.crashListeners) listener(error);
    });
    // Keep a finished test run from waiting on an idle DuckDB worker.
    this.worker.unref();
  }

  /** Makes the worker thread throw outside any request: it dies with an 'error' event. */
  crashForTest(): void {
    this.worker.postMessage({ memscopeCrashForTest: true });
  }

  onCrash(listener: (error: unknown) => void): void {
    this.crashListeners.push(listener);
  }

  addEventListener(type: string, listener: Listener): void {
    const nodeEvent = type === 'close' ? 'exit' : type;
    const wrapped =
      type === 'message'
        ? (data: unknown) => listener({ data })
        : type === 'error'
          ? (error: unknown) => listener({ error, message: String(error) })
          : () => listener({});
    this.wrapped.set(listener, wrapped);
    this.worker.on(nodeEvent, wrapped);
  }

  removeEventListener(type: string, listener: Listener): void {
    const wrapped = this.wrapped.get(listener);
    if (wrapped) this.worker.off(type === 'close' ? 'exit' : type, wrapped);
    this.wrapped.delete(listener);
  }

  postMessage(message: unknown, transfer?: ArrayBuffer[]): void {
    this.worker.postMessage(message, transfer);
  }

  terminate(): void {
    void this.worker.terminate();
  }
}

async function startNodeDuckDb(): Promise<StartedDuckDb & { worker: WorkerAdapter }> {
  // duckdb-browser.mjs evaluates `module.exports = Worker` at import time.
  const g = globalThis as { Worker?: unknown };
  g.Worker ??= class {};
  // A variable specifier: the subpath has no .d.mts, and its types are those of the package root.
  const browserBuild = '@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';
  const duckdb = (await import(/* @vite-ignore */ browserBuild)) as typeof DuckDb;
  const workerScript = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-eh.worker.cjs');
  const wasm = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm');
  const worker = new WorkerAdapter(workerScript);
  const db: AsyncDuckDB = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker as unknown as Worker);
  await db.instantiate(wasm);
  return { db, worker, onCrash: (callback) => worker.onCrash(callback) };
}

async function registerFileAsBuffer(db: AsyncDuckDB, name: string, file: Blob): Promise<void> {
  await db.registerFileBuffer(name, new Uint8Array(await file.arrayBuffer()));
}

import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import type { DbClient } from './db-client';
import { createDuckDbClient } from './duckdb-client';
import type { StartedDuckDb } from './engine';

/**
 * The app's DbClient: DuckDB-WASM in its own worker, self-hosted (the wasm and worker files are
 * Vite `?url` assets copied into dist/, never a CDN), started lazily on first use and only once.
 * Bundles: `eh` (wasm exceptions; what Chromium, Firefox and Safari pick), `mvp` as the fallback.
 * Not `coi`: it needs COOP/COEP headers, starts slower and gave no speed-up (docs/decisions/0001).
 */
let client: DbClient | null = null;

export function getBrowserDb(): DbClient {
  client ??= createDuckDbClient({ start: startBrowserDuckDb, registerFile: registerFileHandle });
  return client;
}

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasmUrl, mainWorker: mvpWorkerUrl },
  eh: { mainModule: ehWasmUrl, mainWorker: ehWorkerUrl },
};

async function startBrowserDuckDb(): Promise<StartedDuckDb> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  if (!bundle.mainWorker) throw new Error('duckdb-wasm selected a bundle without a worker');
  const wasmUrl = absolute(bundle.mainModule);
  const worker = createQuietWorker(absolute(bundle.mainWorker));
  const crashListeners: ((error: unknown) => void)[] = [];
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    for (const listener of crashListeners) listener(event.error ?? new Error(event.message));
  });
  // Before AsyncDuckDB's own listener: the worker's compiled module is ours, not a DuckDB reply.
  worker.addEventListener('message', (event: MessageEvent) => {
    const data: unknown = event.data;
    if (isModuleMessage(data)) {
      event.stopImmediatePropagation();
      compiledModules.set(wasmUrl, data.memscopeWasmModule);
    }
  });
  const known = compiledModules.get(wasmUrl);
  if (known) worker.postMessage({ memscopeWasmModule: known } satisfies ModuleMessage);
  // VoidLogger: the ConsoleLogger prints every query; the e2e suite fails on console noise.
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(wasmUrl, bundle.pthreadWorker);
  return { db, onCrash: (callback) => crashListeners.push(callback) };
}

/**
 * DuckDB's compiled WebAssembly module (34 MB of wasm), by URL. The first engine compiles it in its
 * worker and hands it here; a restarted engine (after a crash or a stuck cancel) receives it before
 * DuckDB asks for its wasm and only instantiates it, instead of compiling it again (issue 10 item
 * 1). It is the compiled code the running engine already uses: keeping it costs nothing while
 * DuckDB runs.
 */
const compiledModules = new Map<string, WebAssembly.Module>();

interface ModuleMessage {
  memscopeWasmModule: WebAssembly.Module;
}

function isModuleMessage(data: unknown): data is ModuleMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as Partial<ModuleMessage>).memscopeWasmModule instanceof WebAssembly.Module
  );
}

/**
 * The worker's first lines, before DuckDB's script (a classic worker):
 * - duckdb-wasm's worker `console.log`s every request that fails (every SQL error the user makes):
 *   muting the console keeps the page's console clean;
 * - DuckDB's Emscripten loader instantiates its wasm with `WebAssembly.instantiateStreaming(fetch)`:
 *   wrapped so that a module the page posted first ({memscopeWasmModule}) is instantiated instead of
 *   compiling the response again, and a module this worker compiled is posted to the page for the
 *   next engine. The page's listener takes that message before AsyncDuckDB's (added first).
 */
const WORKER_PRELUDE = `for (const k of ['log','info','warn','error','debug','trace']) console[k] = () => {};
let memscopeModule = null;
self.addEventListener('message', (e) => {
  if (e.data && e.data.memscopeWasmModule instanceof WebAssembly.Module) {
    memscopeModule = e.data.memscopeWasmModule;
    e.stopImmediatePropagation();
  }
});
const memscopeInstantiateStreaming = WebAssembly.instantiateStreaming;
if (typeof memscopeInstantiateStreaming === 'function') {
  WebAssembly.instantiateStreaming = async (source, imports) => {
    if (memscopeModule) {
      Promise.resolve(source).then((r) => r.body && r.body.cancel()).catch(() => {});
      const instance = await WebAssembly.instantiate(memscopeModule, imports);
      return { module: memscopeModule, instance };
    }
    const result = await memscopeInstantiateStreaming.call(WebAssembly, source, imports);
    try { self.postMessage({ memscopeWasmModule: result.module }); } catch (e) {}
    return result;
  };
}
`;

/**
 * Starts DuckDB's worker script behind WORKER_PRELUDE in a classic blob worker. Blob workers are
 * same-origin; if a Content-Security-Policy forbids them, fall back to the plain worker (noisy, and
 * compiling DuckDB again on each restart, but working).
 */
function createQuietWorker(scriptUrl: string): Worker {
  const source = `${WORKER_PRELUDE}importScripts(${JSON.stringify(scriptUrl)});\n`;
  try {
    const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(blobUrl);
    // The worker has fetched its script once it answers; revoking later is harmless either way.
    setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
    return worker;
  } catch {
    return new Worker(scriptUrl);
  }
}

/** A worker started from a blob: URL resolves relative URLs against the blob, so pass absolute ones. */
function absolute(url: string): string {
  return new URL(url, globalThis.location?.href).href;
}

async function registerFileHandle(db: duckdb.AsyncDuckDB, name: string, file: Blob): Promise<void> {
  // BROWSER_FILEREADER: DuckDB's worker reads slices of the File on demand (FileReaderSync), so a
  // large CSV is never copied whole into the wasm heap. direct I/O on: no extra buffering layer.
  await db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
}

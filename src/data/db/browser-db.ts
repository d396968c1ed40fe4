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
  const worker = createQuietWorker(absolute(bundle.mainWorker));
  const crashListeners: ((error: unknown) => void)[] = [];
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    for (const listener of crashListeners) listener(event.error ?? new Error(event.message));
  });
  // VoidLogger: the ConsoleLogger prints every query; the e2e suite fails on console noise.
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(absolute(bundle.mainModule), bundle.pthreadWorker);
  return { db, onCrash: (callback) => crashListeners.push(callback) };
}

/**
 * duckdb-wasm's worker `console.log`s every request that fails (every SQL error the user makes).
 * A one-line classic worker that mutes the console and then loads DuckDB's worker script keeps the
 * page's console clean. Blob workers are same-origin; if a Content-Security-Policy forbids them,
 * fall back to the plain worker (noisy but working).
 */
function createQuietWorker(scriptUrl: string): Worker {
  const source = `for (const k of ['log','info','warn','error','debug','trace']) console[k] = () => {};\nimportScripts(${JSON.stringify(scriptUrl)});\n`;
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

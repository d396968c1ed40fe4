/**
 * Warm parquet workers (docs/data-path.md, "Worker lifecycle"). Starting a worker and compiling
 * parquet-wasm (~5 MB of wasm) took ~200 ms of the ~300 ms to a file's footer; a spare started
 * while the app is idle makes opening a file cost only the footer read. The worker initialises
 * parquet-wasm at start-up (parquet.worker.ts), so a spare is warm without any request, and runs
 * the deep decode warm-up (warm-up.ts), which a worker started for a load right away skips.
 *
 * Spares are taken by WorkerParquetSource (a file's load worker and its page worker) and by
 * worker replacement after a crash; they are refilled only when no file is loading, so compiling
 * a new spare does not compete with a load for this machine's two cores.
 */

import { sendParquetWasmModule } from './parquet-wasm-module';
import type { WarmUpDepth } from './warm-up';
// The built worker script's URL (one bundle for every parquet worker): a URL file's workers load it
// with `?connect=<origin>` so that the preview server sends them a CSP allowing that origin.
import parquetWorkerUrl from '../../workers/parquet.worker.ts?worker&url';
import { CONNECT_PARAM } from '../../core/url/remote-url';

export type WorkerFactory = () => Worker;

/**
 * The parquet worker script's URL; with `origin`, the one whose CSP lets it connect there
 * (docs/privacy.md, "A URL file's worker"): a distinct URL, so never a cached copy of another's.
 */
export function parquetWorkerScriptUrl(origin?: string): string {
  const url = new URL(parquetWorkerUrl, self.location.href);
  if (origin !== undefined) url.searchParams.set(CONNECT_PARAM, origin);
  return url.href;
}

function startWorker(url: string, warmUp: WarmUpDepth = 'light'): Worker {
  const worker = new Worker(url, { type: 'module', name: 'parquet' });
  // parquet-wasm compiled once for every worker (parquet-wasm-module.ts).
  sendParquetWasmModule(worker, warmUp);
  return worker;
}

export const newParquetWorker: WorkerFactory = () => startWorker(parquetWorkerScriptUrl());

/** Workers of a URL file: never spares (a spare's CSP allows no other origin). */
export function remoteParquetWorkers(origin: string): WorkerFactory {
  return () => startWorker(parquetWorkerScriptUrl(origin));
}

const spares: Worker[] = [];
let target = 0;
let busy = 0;
let refillScheduled = false;

/** Keeps `count` warm workers ready from now on (the app calls this once at start). */
export function warmParquetWorkers(count = 2): void {
  if (typeof Worker === 'undefined') return;
  target = count;
  scheduleRefill();
}

/** A warm spare if there is one, else a new (cold) worker. */
export const takeParquetWorker: WorkerFactory = () => spares.pop() ?? newParquetWorker();

/** Brackets a file load: no spare is compiled while any file is loading. */
export function loadStarted(): () => void {
  busy++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    busy--;
    scheduleRefill();
  };
}

function scheduleRefill(): void {
  if (refillScheduled || spares.length >= target || busy > 0) return;
  refillScheduled = true;
  const run = () => {
    refillScheduled = false;
    if (busy > 0) return;
    // Spares start while the app is idle, so they take the deep warm-up (warm-up.ts): a file
    // dropped later decodes its first page in one of them. A worker started for a load right away
    // takes the light one, which delays that load less.
    while (spares.length < target) spares.push(startWorker(parquetWorkerScriptUrl(), 'deep'));
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 50);
}

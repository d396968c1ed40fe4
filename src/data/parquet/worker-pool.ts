/**
 * Warm parquet workers (docs/data-path.md, "Worker lifecycle"). Starting a worker and compiling
 * parquet-wasm (~5 MB of wasm) took ~200 ms of the ~300 ms to a file's footer; a spare started
 * while the app is idle makes opening a file cost only the footer read. The worker initialises
 * parquet-wasm at start-up (parquet.worker.ts), so a spare is warm without any request.
 *
 * Spares are taken by WorkerParquetSource (a file's load worker and its page worker) and by
 * worker replacement after a crash; they are refilled only when no file is loading, so compiling
 * a new spare does not compete with a load for this machine's two cores.
 */

import { sendParquetWasmModule } from './parquet-wasm-module';

export type WorkerFactory = () => Worker;

export const newParquetWorker: WorkerFactory = () => {
  const worker = new Worker(new URL('../../workers/parquet.worker.ts', import.meta.url), {
    type: 'module',
    name: 'parquet',
  });
  // parquet-wasm compiled once for every worker (parquet-wasm-module.ts).
  sendParquetWasmModule(worker);
  return worker;
};

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
    while (spares.length < target) spares.push(newParquetWorker());
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 50);
}

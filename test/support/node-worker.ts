import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker as NodeWorker } from 'node:worker_threads';
import { parquetWasmPath } from '../../src/data/parquet/parquet-wasm-node';
import type { WorkerFactory } from '../../src/data/parquet/worker-source';

/**
 * The browser's worker decode path in Node: WorkerParquetSource (time budget, worker replaced
 * after a trap, failures located) over a worker_thread running the parquet worker's own API
 * (test/support/parquet-node-worker.ts). A node Worker is wrapped in the few members of the DOM
 * Worker that RpcClient uses.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bundles = new Map<string, Promise<string>>();

/**
 * Bundles a TypeScript worker entry (importing src/) into one ESM file a worker_thread can load.
 * Output goes under node_modules/.cache so that the bare imports left external (apache-arrow,
 * parquet-wasm) resolve from the project's node_modules.
 */
export function bundleWorker(entry: string, options: { bundleDependencies?: boolean } = {}): Promise<string> {
  let out = bundles.get(entry);
  if (!out) {
    out = (async () => {
      const outDir = join(ROOT, 'node_modules/.cache/memscope-test');
      mkdirSync(outDir, { recursive: true });
      const name = entry.replace(/^.*\//, '').replace(/\.ts$/, '');
      // One file loads faster than apache-arrow's few hundred modules: a worker thread starts
      // for every trap, so its start-up is most of the fuzz test's time.
      const external = options.bundleDependencies ? [/^node:/] : [/^apache-arrow/, /^parquet-wasm/, /^node:/];
      const outFile = join(outDir, `${name}-${process.pid}.mjs`);
      const { build } = await import('rolldown');
      await build({
        input: join(ROOT, entry),
        platform: 'node',
        external,
        output: { file: outFile, format: 'esm' },
        logLevel: 'silent',
      });
      if (!existsSync(outFile)) throw new Error(`bundling ${entry} did not write ${outFile}`);
      return outFile;
    })();
    bundles.set(entry, out);
  }
  return out;
}

let compiled: WebAssembly.Module | null = null;

export type NodeWorkerFactory = WorkerFactory & {
  /** Worker threads started so far (replacements after traps, timeouts and probes included). */
  started: () => number;
  /** Stops the idle workers kept for reuse. */
  dispose: () => void;
};

/**
 * A WorkerFactory for WorkerParquetSource that starts Node worker threads. With `reuse`, a worker
 * that is closed while healthy and idle (no request in flight, no trap) is kept and handed to
 * the next source, like the app's warm spares (worker-pool.ts): starting a thread and
 * instantiating parquet-wasm costs far more than a small decode, and the fuzz test opens hundreds
 * of files. A worker that trapped, timed out or was stopped mid-request is really terminated.
 */
export async function nodeParquetWorkers(options: { reuse?: boolean } = {}): Promise<NodeWorkerFactory> {
  const script = await bundleWorker('test/support/parquet-node-worker.ts', { bundleDependencies: true });
  compiled ??= new WebAssembly.Module(readFileSync(parquetWasmPath()));
  const wasm = compiled;
  let started = 0;
  const idle: DomLikeWorker[] = [];
  const spawn = () => {
    started++;
    return new DomLikeWorker(new NodeWorker(script, { workerData: { wasm } }), (w) => {
      if (options.reuse) idle.push(w);
      return options.reuse === true;
    });
  };
  const factory = () => {
    const worker = idle.pop() ?? spawn();
    // Keep one spare starting while the caller works, as the app's pool does (worker-pool.ts).
    if (options.reuse && idle.length === 0) idle.push(spawn());
    return worker as unknown as Worker;
  };
  return Object.assign(factory, {
    started: () => started,
    dispose: () => {
      for (const w of idle.splice(0)) w.kill();
    },
  });
}

type Listener = (event: unknown) => void;

class DomLikeWorker {
  private listeners = new Map<string, Set<Listener>>();
  private stopped = false;
  /** Ids of requests posted and not answered yet. */
  private readonly inFlight = new Set<number>();
  private poisoned = false;

  constructor(
    private readonly worker: NodeWorker,
    /** Offered a healthy, idle worker on terminate(); true when it keeps it for reuse. */
    private readonly recycle: (w: DomLikeWorker) => boolean,
  ) {
    worker.unref();
    worker.on('message', (data: { id?: number; crash?: boolean }) => {
      if (data.crash) this.poisoned = true;
      if (typeof data.id === 'number') this.inFlight.delete(data.id);
      this.emit('message', { data });
    });
    worker.on('messageerror', () => this.emit('messageerror', {}));
    worker.on('error', (error: Error) => {
      this.poisoned = true;
      this.emit('error', {
        error,
        message: `${error.name}: ${error.message}`,
        preventDefault: () => undefined,
      });
    });
    worker.on('exit', (code) => {
      this.poisoned = true;
      if (!this.stopped)
        this.emit('error', {
          message: `the worker exited with code ${code}`,
          preventDefault: () => undefined,
        });
    });
  }

  private emit(type: string, event: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  postMessage(message: { id?: number }, transfer?: Transferable[]): void {
    if (this.stopped) return;
    if (typeof message.id === 'number') this.inFlight.add(message.id);
    this.worker.postMessage(message, (transfer ?? []) as ArrayBuffer[]);
  }

  terminate(): void {
    if (this.stopped) return;
    if (!this.poisoned && this.inFlight.size === 0) {
      // The next RpcClient starts its ids at 1 again and adds its own listeners.
      this.listeners = new Map();
      if (this.recycle(this)) return;
    }
    this.kill();
  }

  kill(): void {
    this.stopped = true;
    void this.worker.terminate();
  }
}

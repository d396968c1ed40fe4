// Vite copies the wasm into dist/ and gives its same-origin URL: no CDN, works offline.
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { WarmUpDepth } from './warm-up';

/**
 * parquet-wasm (~5 MB of wasm) compiled once, on the main thread, and posted to every parquet
 * worker, which then only instantiates it. Each worker compiled it itself before: opening the
 * sample store starts eight parquet workers (a load and a page worker per file), and eight compiles
 * on two cores put the first footer ~3 s after the drop. A compiled module is shared by the workers
 * it is posted to (V8 keeps one native module); the message is `PARQUET_WASM_MODULE`.
 */
export const PARQUET_WASM_MODULE = 'memscope:parquet-wasm-module';

export interface ParquetWasmModuleMessage {
  type: typeof PARQUET_WASM_MODULE;
  /** Null when the main thread could not compile it: the worker compiles its own. */
  module: WebAssembly.Module | null;
  /** How much of the decode path the worker runs once it has the module (warm-up.ts). */
  warmUp: WarmUpDepth;
}

let compiled: Promise<WebAssembly.Module | null> | null = null;

function compileOnce(): Promise<WebAssembly.Module | null> {
  compiled ??= WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() => null);
  return compiled;
}

/** Sends the compiled module to a new parquet worker (it waits for this message to initialise). */
export function sendParquetWasmModule(worker: Worker, warmUp: WarmUpDepth): void {
  void compileOnce().then((module) => {
    const message: ParquetWasmModuleMessage = { type: PARQUET_WASM_MODULE, module, warmUp };
    try {
      worker.postMessage(message);
    } catch {
      // A module that cannot be cloned (it always can, to a worker of this page): let it compile.
      worker.postMessage({ ...message, module: null } satisfies ParquetWasmModuleMessage);
    }
  });
}

/** In the worker: the module the main thread sends (null: compile here) and the warm-up asked for. */
export function parquetWasmModuleFromParent(
  scope: DedicatedWorkerGlobalScope,
): Promise<Pick<ParquetWasmModuleMessage, 'module' | 'warmUp'>> {
  return new Promise((resolve) => {
    const receive = (event: MessageEvent) => {
      const data = event.data as Partial<ParquetWasmModuleMessage> | null;
      if (data?.type !== PARQUET_WASM_MODULE) return;
      scope.removeEventListener('message', receive);
      resolve({ module: data.module ?? null, warmUp: data.warmUp === 'deep' ? 'deep' : 'light' });
    };
    scope.addEventListener('message', receive);
  });
}

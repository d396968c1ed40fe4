// Vite copies the wasm into dist/ and gives its same-origin URL: no CDN, works offline.
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

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
}

let compiled: Promise<WebAssembly.Module | null> | null = null;

function compileOnce(): Promise<WebAssembly.Module | null> {
  compiled ??= WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() => null);
  return compiled;
}

/** Sends the compiled module to a new parquet worker (it waits for this message to initialise). */
export function sendParquetWasmModule(worker: Worker): void {
  void compileOnce().then((module) => {
    const message: ParquetWasmModuleMessage = { type: PARQUET_WASM_MODULE, module };
    try {
      worker.postMessage(message);
    } catch {
      // A module that cannot be cloned (it always can, to a worker of this page): let it compile.
      worker.postMessage({ type: PARQUET_WASM_MODULE, module: null } satisfies ParquetWasmModuleMessage);
    }
  });
}

/** In the worker: the module the main thread sends (null: compile here). */
export function parquetWasmModuleFromParent(
  scope: DedicatedWorkerGlobalScope,
): Promise<WebAssembly.Module | null> {
  return new Promise((resolve) => {
    const receive = (event: MessageEvent) => {
      const data = event.data as Partial<ParquetWasmModuleMessage> | null;
      if (data?.type !== PARQUET_WASM_MODULE) return;
      scope.removeEventListener('message', receive);
      resolve(data.module ?? null);
    };
    scope.addEventListener('message', receive);
  });
}

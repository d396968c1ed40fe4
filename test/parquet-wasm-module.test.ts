import { describe, expect, it } from 'vitest';
import { PARQUET_WASM_MODULE, parquetWasmModuleFromParent } from '../src/data/parquet/parquet-wasm-module';

/**
 * The first message a parquet worker gets says which warm-up to run (worker-pool.ts: 'deep' in an
 * idle spare, 'light' in a worker a load starts). A message from an older page, or one that names no
 * depth, must still start the worker, with the light one.
 */
describe('parquetWasmModuleFromParent', () => {
  const receive = (data: unknown) => {
    const scope = new EventTarget();
    const got = parquetWasmModuleFromParent(scope as unknown as DedicatedWorkerGlobalScope);
    // A message of another kind first: the worker's RPC requests share the channel.
    scope.dispatchEvent(new MessageEvent('message', { data: { type: 'rpc', id: 1 } }));
    scope.dispatchEvent(new MessageEvent('message', { data }));
    return got;
  };

  it.each([
    ['a deep warm-up', { type: PARQUET_WASM_MODULE, module: null, warmUp: 'deep' }, 'deep'],
    ['a light warm-up', { type: PARQUET_WASM_MODULE, module: null, warmUp: 'light' }, 'light'],
    ['no depth named', { type: PARQUET_WASM_MODULE, module: null }, 'light'],
    ['a depth it does not know', { type: PARQUET_WASM_MODULE, module: null, warmUp: 'huge' }, 'light'],
  ])('%s', async (_name, data, warmUp) => {
    expect(await receive(data)).toEqual({ module: null, warmUp });
  });
});

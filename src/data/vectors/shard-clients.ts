import { MemscopeError, type ErrorPayload } from '../../core/errors';
import { RpcClient } from '../../workers/rpc';
import type { ShardClient, ShardFactory } from './vector-index';
import type { VectorShardApi } from './vector-shard';

/** A shard in a vector worker (the browser). A crash rejects pending calls with a typed error. */
export const workerShard: ShardFactory = () => {
  const worker = new Worker(new URL('../../workers/vector.worker.ts', import.meta.url), {
    type: 'module',
    name: 'vector',
  });
  const client = new RpcClient<VectorShardApi>(worker, () => undefined);
  return {
    call: (method, arg, transfer) =>
      client.call(method, arg as never, transfer).catch((err: ErrorPayload) => {
        throw new MemscopeError(err);
      }) as never,
    terminate: () => client.terminate(),
  };
};

/**
 * A shard run on the calling thread (Node tests and tools): the same code as the worker, called
 * directly. Arguments are cloned as postMessage would, so a test cannot pass by sharing memory.
 */
export function inProcessShard(create: () => VectorShardApi): ShardFactory {
  return (): ShardClient => {
    let api: VectorShardApi | null = create();
    return {
      async call(method, arg) {
        if (!api) throw new MemscopeError({ code: 'cancelled', message: 'the vector shard was stopped' });
        const fn = api[method] as (a: unknown) => Promise<unknown>;
        // The File stays shared (a worker gets the same handle); everything else is copied.
        const { file, ...rest } = (arg ?? {}) as { file?: Blob };
        const cloned =
          arg === undefined ? arg : { ...structuredClone(rest), ...(file === undefined ? {} : { file }) };
        return (await fn(cloned)) as never;
      },
      terminate() {
        void api?.close();
        api = null;
      },
    };
  };
}

/** Shards that refuse to open: the vector index of a URL file (OpenedFile.vectorIndex). */
export function refusingShard(fileName: string): ShardFactory {
  const refusal = new MemscopeError({
    code: 'unsupported',
    file: fileName,
    message: `${fileName} is opened by URL: memscope does not build a vector index over the network.`,
    hint: 'Download the file and drop it here to search its embeddings.',
  });
  return () => ({
    call: () => Promise.reject(refusal),
    terminate: () => undefined,
  });
}

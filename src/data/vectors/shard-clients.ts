import { MemscopeError, type ErrorPayload } from '../../core/errors';
import { RpcClient } from '../../workers/rpc';
import type { ShardClient, ShardFactory } from './vector-index';
import { CONNECT_PARAM } from '../../core/url/remote-url';
// The built worker script's URL, so that a URL file's shards can load it with `?connect=<origin>`.
import vectorWorkerUrl from '../../workers/vector.worker.ts?worker&url';
import type { VectorShardApi } from './vector-shard';

/**
 * The vector worker script's URL; with `origin`, the one whose CSP lets it connect there (a URL
 * file's embedding column is read by range requests: docs/privacy.md, "A URL file's worker").
 */
function vectorWorkerScriptUrl(origin?: string): string {
  const url = new URL(vectorWorkerUrl, self.location.href);
  if (origin !== undefined) url.searchParams.set(CONNECT_PARAM, origin);
  return url.href;
}

function startShard(url: string): ShardClient {
  const worker = new Worker(url, { type: 'module', name: 'vector' });
  const client = new RpcClient<VectorShardApi>(worker, () => undefined);
  return {
    call: (method, arg, transfer) =>
      client.call(method, arg as never, transfer).catch((err: ErrorPayload) => {
        throw new MemscopeError(err);
      }) as never,
    terminate: () => client.terminate(),
  };
}

/** A shard in a vector worker (the browser). A crash rejects pending calls with a typed error. */
export const workerShard: ShardFactory = () => startShard(vectorWorkerScriptUrl());

/** Shards of a URL file: vector workers allowed to connect to its origin, and only there. */
export function remoteWorkerShard(origin: string): ShardFactory {
  return () => startShard(vectorWorkerScriptUrl(origin));
}

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

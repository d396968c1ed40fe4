import { MemscopeError } from '../../core/errors';
import type { UmapProgress } from './umap-fit';

/** The UMAP worker's protocol (src/workers/umap.worker.ts): one request, progress, one answer. */
export interface UmapRequest {
  vectors: Float32Array;
  dim: number;
  seed: number;
}

export type UmapReply =
  | { type: 'progress'; progress: UmapProgress }
  | { type: 'done'; xy: Float32Array }
  | { type: 'error'; message: string };

/**
 * UMAP of `vectors` (n × dim) in a fresh worker; aborting terminates it (umap-js has no other way
 * to stop) and rejects with a 'cancelled' error.
 */
export function runUmap(
  vectors: Float32Array,
  dim: number,
  options: { signal?: AbortSignal; onProgress?(p: UmapProgress): void; seed?: number } = {},
): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const cancelled = () => new MemscopeError({ code: 'cancelled', message: 'UMAP was cancelled.' });
    if (options.signal?.aborted) {
      reject(cancelled());
      return;
    }
    const worker = new Worker(new URL('../../workers/umap.worker.ts', import.meta.url), {
      type: 'module',
      name: 'umap',
    });
    const stop = () => {
      worker.terminate();
      reject(cancelled());
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    const finish = () => {
      options.signal?.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.addEventListener('message', (event: MessageEvent<UmapReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') options.onProgress?.(reply.progress);
      else if (reply.type === 'done') {
        finish();
        resolve(reply.xy);
      } else {
        finish();
        reject(new MemscopeError({ code: 'internal', message: `UMAP failed: ${reply.message}` }));
      }
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      finish();
      reject(
        new MemscopeError({ code: 'decoder-crash', message: `the UMAP worker failed: ${event.message}` }),
      );
    });
    const request: UmapRequest = { vectors, dim, seed: options.seed ?? 42 };
    worker.postMessage(request, [vectors.buffer as ArrayBuffer]);
  });
}

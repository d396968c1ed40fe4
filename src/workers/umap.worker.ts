/// <reference lib="webworker" />
import { fitUmap } from '../data/vectors/umap-fit';
import type { UmapReply, UmapRequest } from '../data/vectors/umap-client';

/**
 * The UMAP worker: one fit per worker (src/data/vectors/umap-fit.ts), with progress messages.
 * umap-js cannot be interrupted, so cancelling terminates this worker (umap-client.ts).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<UmapRequest>) => {
  const { vectors, dim, seed } = event.data;
  try {
    const xy = fitUmap(vectors, dim, {
      seed,
      onProgress: (p) => scope.postMessage({ type: 'progress', progress: p } satisfies UmapReply),
    });
    scope.postMessage({ type: 'done', xy } satisfies UmapReply, [xy.buffer as ArrayBuffer]);
  } catch (err) {
    scope.postMessage({
      type: 'error',
      message: err instanceof Error ? err.message : String(err),
    } satisfies UmapReply);
  }
});

/**
 * Main-thread side of the layout worker (src/workers/layout.worker.ts, on the typed RPC helper).
 * One request at a time: a new request while elk is still busy terminates the worker (elk's
 * synchronous layout cannot be interrupted) and starts a fresh one, so a superseded 10,000-node
 * layout never delays the next.
 */
import { usesElk, type LayoutChoice, type LayoutResult } from '../../core/graph/layout-types';
import { RpcClient } from '../../workers/rpc';
import type { LayoutWorkerApi } from '../../workers/layout.worker';

export interface LayoutInput {
  nodeCount: number;
  nodeWidth: number;
  nodeHeight: number;
  edges: Int32Array;
  engine: LayoutChoice;
}

export class LayoutCancelled extends Error {
  constructor() {
    super('layout superseded');
    this.name = 'LayoutCancelled';
  }
}

export class LayoutClient {
  private client: RpcClient<LayoutWorkerApi> | null = null;
  private busy = false;

  private spawn(): RpcClient<LayoutWorkerApi> {
    const worker = new Worker(new URL('../../workers/layout.worker.ts', import.meta.url), {
      type: 'module',
      name: 'memscope-layout',
    });
    // A crash rejects the pending call (below); the next request starts a new worker.
    return new RpcClient<LayoutWorkerApi>(worker, () => {
      this.client = null;
    });
  }

  async layout(input: LayoutInput, onProgress?: (message: string) => void): Promise<LayoutResult> {
    // elk is mid-layout: terminating is the only way to stop it (the pending call rejects as cancelled).
    if (this.busy) this.dispose();
    this.client ??= this.spawn();
    const client = this.client;
    onProgress?.(
      `laying out ${input.nodeCount.toLocaleString('en')} nodes${usesElk(input.engine, input.nodeCount) ? ' with elkjs' : ''}…`,
    );
    const edges = input.edges.slice();
    this.busy = true;
    try {
      return await client.call('layout', { ...input, edges }, [edges.buffer]);
    } catch (e) {
      const payload = e as { code?: string; message?: string };
      if (payload.code === 'cancelled') throw new LayoutCancelled();
      throw new Error(
        payload.code === 'decoder-crash'
          ? `The layout worker crashed: ${payload.message ?? 'unknown error'}`
          : (payload.message ?? String(e)),
        { cause: e },
      );
    } finally {
      if (this.client === client) this.busy = false;
    }
  }

  dispose(): void {
    this.client?.terminate();
    this.client = null;
    this.busy = false;
  }
}

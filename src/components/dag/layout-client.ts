/**
 * Main-thread side of the layout worker. One request at a time: a new request while elk is still
 * busy terminates the worker (elk's synchronous layout cannot be interrupted) and starts a fresh
 * one, so a superseded 10,000-node layout never delays the next.
 */
import type { LayoutChoice, LayoutRequest, LayoutResponse, LayoutResult } from './layout-protocol';

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
  private worker: Worker | null = null;
  private nextId = 1;
  private pending: {
    id: number;
    resolve: (r: LayoutResult) => void;
    reject: (e: Error) => void;
    onProgress?: (message: string) => void;
  } | null = null;

  private spawn(): Worker {
    const worker = new Worker(new URL('../../workers/layout.worker.ts', import.meta.url), {
      type: 'module',
      name: 'memscope-layout',
    });
    worker.addEventListener('message', (event: MessageEvent<LayoutResponse>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      const p = this.pending;
      this.pending = null;
      this.dispose();
      p?.reject(new Error(`The layout worker crashed: ${event.message || 'unknown error'}`));
    });
    return worker;
  }

  private receive(message: LayoutResponse): void {
    const p = this.pending;
    if (!p || message.requestId !== p.id) return;
    if (message.type === 'progress') {
      p.onProgress?.(message.message);
      return;
    }
    this.pending = null;
    if (message.type === 'result') p.resolve(message);
    else p.reject(new Error(message.message));
  }

  layout(input: LayoutInput, onProgress?: (message: string) => void): Promise<LayoutResult> {
    if (this.pending) {
      // elk is mid-layout: terminating is the only way to stop it.
      const old = this.pending;
      this.pending = null;
      this.dispose();
      old.reject(new LayoutCancelled());
    }
    this.worker ??= this.spawn();
    const id = this.nextId++;
    const edges = input.edges.slice();
    const request: LayoutRequest = { type: 'layout', requestId: id, ...input, edges };
    return new Promise<LayoutResult>((resolve, reject) => {
      this.pending = { id, resolve, reject, onProgress };
      this.worker!.postMessage(request, [edges.buffer]);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    if (this.pending) {
      const p = this.pending;
      this.pending = null;
      p.reject(new LayoutCancelled());
    }
  }
}

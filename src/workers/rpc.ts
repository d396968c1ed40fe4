import { toErrorPayload, type ErrorPayload } from '../core/errors';

/**
 * A small typed RPC over postMessage. Requests and replies carry an id; replies that hold large
 * buffers name them in an explicit transfer list (docs/architecture.md, convention 3: Arrow IPC bytes are
 * moved between threads, never copied). Errors cross as ErrorPayloads (structured clone drops
 * the MemscopeError class).
 */

/** An API is a set of one-argument async methods. */
export type RpcApi = Record<string, (arg: never) => Promise<unknown>>;

export type RpcArg<A extends RpcApi, K extends keyof A> = Parameters<A[K]>[0];
export type RpcResult<A extends RpcApi, K extends keyof A> = Awaited<ReturnType<A[K]>>;

export interface RpcRequestMessage {
  id: number;
  method: string;
  arg: unknown;
}

export type RpcReplyMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ErrorPayload }
  /** The worker caught an error that escaped every request (a wasm trap in a callback). */
  | { id: -1; ok: false; crash: true; error: ErrorPayload };

/** A handler's reply with the buffers to transfer. */
export interface Transferring<T> {
  readonly value: T;
  readonly transfer: Transferable[];
}

const TRANSFER = Symbol('transfer');

export function withTransfer<T>(value: T, transfer: Transferable[]): T {
  // The marker is stripped by serveRpc before posting; callers see only T.
  return { [TRANSFER]: true, value, transfer } as unknown as T;
}

function isTransferring(v: unknown): v is Transferring<unknown> {
  return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[TRANSFER] === true;
}

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: Event) => void): void;
}

/** Worker side: answers requests with the handlers; reports escaped errors as a crash. */
export function serveRpc<A extends RpcApi>(scope: WorkerScope, handlers: A): void {
  scope.addEventListener('message', (event: MessageEvent) => {
    // Not a call (e.g. the compiled parquet-wasm a parquet worker receives first): not ours.
    if (typeof (event.data as Partial<RpcRequestMessage> | null)?.method !== 'string') return;
    const { id, method, arg } = event.data as RpcRequestMessage;
    const handler = handlers[method];
    const run = handler
      ? Promise.resolve().then(() => handler(arg as never))
      : Promise.reject(new Error(`unknown method ${method}`));
    run.then(
      (result) => {
        if (isTransferring(result)) scope.postMessage({ id, ok: true, value: result.value }, result.transfer);
        else scope.postMessage({ id, ok: true, value: result });
      },
      (err: unknown) => scope.postMessage({ id, ok: false, error: toErrorPayload(err) }),
    );
  });
  const crash = (err: unknown) => {
    scope.postMessage({ id: -1, ok: false, crash: true, error: toErrorPayload(err) });
  };
  scope.addEventListener('error', (event: Event) => {
    crash((event as ErrorEvent).error ?? (event as ErrorEvent).message);
  });
  scope.addEventListener('unhandledrejection', (event: Event) => {
    event.preventDefault();
    crash((event as PromiseRejectionEvent).reason);
  });
}

/** The main-thread side of one worker: calls by id, a crash callback, terminate. */
export class RpcClient<A extends RpcApi> {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: ErrorPayload) => void }
  >();
  private dead = false;

  constructor(
    private readonly worker: Worker,
    private readonly onCrash: (error: ErrorPayload) => void,
  ) {
    worker.addEventListener('message', (event: MessageEvent) => {
      const reply = event.data as RpcReplyMessage;
      if ('crash' in reply) {
        this.fail(reply.error);
        return;
      }
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(reply.error);
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      // Keep it off the console: the error becomes a typed 'decoder-crash' for the caller.
      event.preventDefault();
      this.fail({ code: 'decoder-crash', message: event.message || 'the worker failed' });
    });
    worker.addEventListener('messageerror', () => {
      this.fail({ code: 'internal', message: 'a worker message could not be deserialized' });
    });
  }

  get alive(): boolean {
    return !this.dead;
  }

  call<K extends keyof A & string>(
    method: K,
    arg: RpcArg<A, K>,
    transfer: Transferable[] = [],
  ): Promise<RpcResult<A, K>> {
    if (this.dead)
      return Promise.reject<RpcResult<A, K>>({ code: 'decoder-crash', message: 'the worker has stopped' });
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, arg } satisfies RpcRequestMessage, transfer);
    });
  }

  /** Rejects every pending call with `error`, terminates the worker and reports the crash once. */
  fail(error: ErrorPayload): void {
    if (this.dead) return;
    this.dead = true;
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    this.onCrash(error);
  }

  terminate(): void {
    if (this.dead) return;
    this.dead = true;
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject({ code: 'cancelled', message: 'the worker was stopped' });
    this.pending.clear();
  }
}

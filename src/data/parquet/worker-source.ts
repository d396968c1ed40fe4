import { MemscopeError, type ErrorPayload } from '../../core/errors';
import { RpcClient } from '../../workers/rpc';
import type { ParquetWorkerApi } from '../../workers/parquet.worker';
import { parquetError } from './parquet-errors';
import {
  DEFAULT_BUDGETS,
  type DecodeBudgets,
  type ParquetFooter,
  type ParquetSource,
  type ReadRequest,
} from './parquet-reader';

/**
 * The browser ParquetSource: one parquet worker per open file (docs/data-path.md, "Worker
 * lifecycle"). Requests run one at a time so that each has an honest time budget; a request that
 * overruns it, a trap, or an abort terminates the worker, and the next request starts a fresh
 * one (re-reading the footer costs a few ms). Every rejection is a MemscopeError naming the file.
 */

export type WorkerFactory = () => Worker;

export const defaultParquetWorker: WorkerFactory = () =>
  new Worker(new URL('../../workers/parquet.worker.ts', import.meta.url), {
    type: 'module',
    name: 'parquet',
  });

export class WorkerParquetSource implements ParquetSource {
  private client: RpcClient<ParquetWorkerApi> | null = null;
  private opened: Promise<ParquetFooter> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Workers replaced after a timeout, a crash or an abort (for diagnostics and tests). */
  restarts = 0;

  constructor(
    private readonly file: Blob,
    readonly fileName: string,
    private readonly budgets: DecodeBudgets = DEFAULT_BUDGETS,
    private readonly createWorker: WorkerFactory = defaultParquetWorker,
  ) {}

  footer(): Promise<ParquetFooter> {
    return this.enqueue(undefined, () => this.ensureOpen());
  }

  read(request: ReadRequest, signal?: AbortSignal): Promise<Uint8Array> {
    return this.enqueue(signal, async (client) => {
      await this.ensureOpen();
      return client().call('read', request);
    });
  }

  close(): void {
    this.closed = true;
    this.client?.terminate();
    this.client = null;
    this.opened = null;
  }

  private spawn(): RpcClient<ParquetWorkerApi> {
    const client: RpcClient<ParquetWorkerApi> = new RpcClient(this.createWorker(), () => {
      // A crash: forget this worker; the failed call already rejected with the crash payload.
      if (this.client === client) {
        this.client = null;
        this.opened = null;
        this.restarts++;
      }
    });
    return client;
  }

  private current(): RpcClient<ParquetWorkerApi> {
    if (!this.client || !this.client.alive) {
      this.client = this.spawn();
      this.opened = null;
    }
    return this.client;
  }

  private ensureOpen(): Promise<ParquetFooter> {
    const client = this.current();
    this.opened ??= client.call('open', {
      file: this.file,
      fileName: this.fileName,
      maxReadBytes: this.budgets.maxReadBytes,
    });
    return this.opened;
  }

  /** Runs one request at a time, with the time budget and the abort signal. */
  private enqueue<T>(
    signal: AbortSignal | undefined,
    work: (client: () => RpcClient<ParquetWorkerApi>) => Promise<T>,
  ): Promise<T> {
    const run = this.queue.then(() => this.runOne(signal, work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private runOne<T>(
    signal: AbortSignal | undefined,
    work: (client: () => RpcClient<ParquetWorkerApi>) => Promise<T>,
  ): Promise<T> {
    if (this.closed) return Promise.reject(parquetError('cancelled', this.fileName));
    if (signal?.aborted) return Promise.reject(parquetError('cancelled', this.fileName));
    const client = this.current();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const replaceWorker = () => {
        if (this.client === client) {
          this.client = null;
          this.opened = null;
          this.restarts++;
        }
        client.terminate();
      };
      const timer = setTimeout(() => {
        finish(() => {
          replaceWorker();
          reject(parquetError('timeout', this.fileName, { timeoutMs: this.budgets.timeoutMs }));
        });
      }, this.budgets.timeoutMs);
      const onAbort = () => {
        finish(() => {
          // parquet-wasm cannot be interrupted mid-decode: stopping the worker is the only cancel.
          replaceWorker();
          reject(parquetError('cancelled', this.fileName));
        });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      work(() => client).then(
        (value) => finish(() => resolve(value)),
        (err: unknown) => finish(() => reject(this.toError(err))),
      );
    });
  }

  private toError(err: unknown): MemscopeError {
    if (err instanceof MemscopeError) return err;
    const payload = err as ErrorPayload;
    if (payload && typeof payload.code === 'string' && typeof payload.message === 'string') {
      if (payload.code === 'decoder-crash' && !payload.file) {
        return parquetError('decoder-crash', this.fileName, { detail: payload.message });
      }
      return new MemscopeError({ ...payload, file: payload.file ?? this.fileName });
    }
    return parquetError('internal', this.fileName, { detail: String(err) });
  }
}

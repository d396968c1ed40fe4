import { MemscopeError, type ErrorCode, type ErrorPayload } from '../../core/errors';
import { RpcClient } from '../../workers/rpc';
import type { ParquetWorkerApi } from './worker-api';
import { classifyDecoderError, parquetError } from './parquet-errors';
import { locateFailure, isLocatable } from './locate-failure';
import { remoteParquetWorkers, takeParquetWorker, type WorkerFactory } from './worker-pool';
import { isRemoteRef, type RemoteFileRef } from '../remote/http-range-source';
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

export type { WorkerFactory };

/** A warm spare from the pool when there is one (worker-pool.ts), else a new worker. */
export const defaultParquetWorker: WorkerFactory = takeParquetWorker;

export class WorkerParquetSource implements ParquetSource {
  private client: RpcClient<ParquetWorkerApi> | null = null;
  private opened: Promise<ParquetFooter> | null = null;
  /** True once `opened` has resolved for the current worker (a read can be posted at once). */
  private isOpen = false;
  private queue: Promise<unknown> = Promise.resolve();
  private running = 0;
  private closed = false;
  /** Workers replaced after a timeout, a crash or an abort (for diagnostics and tests). */
  restarts = 0;
  /** The footer of the open file, for saying where a read failed. */
  private lastFooter: ParquetFooter | null = null;
  /** Asked for by the first footer(): sent with the first open only, not a restarted worker's. */
  private firstPageAhead = false;

  constructor(
    private readonly file: Blob | RemoteFileRef,
    readonly fileName: string,
    private readonly budgets: DecodeBudgets = DEFAULT_BUDGETS,
    // A URL file gets workers allowed to connect to its origin, never a warm spare.
    private readonly createWorker: WorkerFactory = isRemoteRef(file)
      ? remoteParquetWorkers(file.origin)
      : defaultParquetWorker,
    /** False for the probes of locateFailure themselves. */
    private readonly locate = true,
  ) {}

  footer(options?: { firstPageAhead?: boolean }): Promise<ParquetFooter> {
    if (options?.firstPageAhead && !this.opened) this.firstPageAhead = true;
    return this.enqueue(undefined, () => this.ensureOpen());
  }

  read(request: ReadRequest, signal?: AbortSignal): Promise<Uint8Array> {
    // `.then`, not `await`: when the file is open the request is posted in the next microtask,
    // ahead of a React render the caller may have queued right after this call.
    const run = this.enqueue(signal, (client) =>
      this.isOpen
        ? client().call('read', request)
        : this.ensureOpen().then(() => client().call('read', request)),
    );
    if (!this.locate) return run;
    return run.catch((err: unknown) => {
      const footer = this.lastFooter;
      if (!isLocatable(err) || !footer || signal?.aborted || this.closed) throw err;
      // A damaged page names nothing (a wasm trap): read the request again piece by piece, in a
      // separate worker, for at most one time budget, to name the row group and column.
      return locateFailure(
        err,
        request,
        footer,
        () => new WorkerParquetSource(this.file, this.fileName, this.budgets, this.createWorker, false),
        Date.now() + this.budgets.timeoutMs,
      ).then((located) => Promise.reject(located));
    });
  }

  close(): void {
    this.closed = true;
    this.client?.terminate();
    this.client = null;
    this.opened = null;
    this.isOpen = false;
  }

  private spawn(): RpcClient<ParquetWorkerApi> {
    const client: RpcClient<ParquetWorkerApi> = new RpcClient(this.createWorker(), () => {
      // A crash: forget this worker; the failed call already rejected with the crash payload.
      if (this.client === client) {
        this.client = null;
        this.opened = null;
        this.isOpen = false;
        this.restarts++;
      }
    });
    return client;
  }

  private current(): RpcClient<ParquetWorkerApi> {
    if (!this.client || !this.client.alive) {
      this.client = this.spawn();
      this.opened = null;
      this.isOpen = false;
    }
    return this.client;
  }

  private ensureOpen(): Promise<ParquetFooter> {
    const client = this.current();
    if (!this.opened) {
      const opened = client.call('open', {
        file: this.file,
        fileName: this.fileName,
        maxReadBytes: this.budgets.maxReadBytes,
        firstPageAhead: this.firstPageAhead,
      });
      this.firstPageAhead = false;
      this.opened = opened;
      this.isOpen = false;
      opened.then(
        (footer) => {
          if (this.opened === opened) this.isOpen = true;
          this.lastFooter = footer;
        },
        () => undefined,
      );
    }
    return this.opened;
  }

  /** Runs one request at a time, with the time budget and the abort signal. */
  private enqueue<T>(
    signal: AbortSignal | undefined,
    work: (client: () => RpcClient<ParquetWorkerApi>) => Promise<T>,
  ): Promise<T> {
    // Idle: start now (the request is posted synchronously); else after the running ones.
    const run =
      this.running === 0 ? this.runOne(signal, work) : this.queue.then(() => this.runOne(signal, work));
    this.running++;
    const settled = run.then(
      () => {
        this.running--;
      },
      () => {
        this.running--;
      },
    );
    this.queue = settled;
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
          this.isOpen = false;
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
      if (!payload.file && (payload.code === 'decoder-crash' || payload.code === 'internal')) {
        // An error that escaped the decoder (the worker's global handler reported it, file-less):
        // a wasm trap ("unreachable") or a failed memory growth is the decoder's crash, worded
        // for the user; anything else stays internal.
        const classified = classifyDecoderError(payload.message, this.fileName);
        if (payload.code === 'decoder-crash' || TRAP_CODES.has(classified.code)) {
          return parquetError(
            TRAP_CODES.has(classified.code) ? classified.code : 'decoder-crash',
            this.fileName,
            {
              detail: payload.message,
            },
          );
        }
      }
      return new MemscopeError({ ...payload, file: payload.file ?? this.fileName });
    }
    return parquetError('internal', this.fileName, { detail: String(err) });
  }
}

const TRAP_CODES: ReadonlySet<ErrorCode> = new Set(['decoder-crash', 'out-of-memory']);

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MemscopeError, type ErrorCode, type ErrorPayload } from '../../src/core/errors';
import { parquetError } from '../../src/data/parquet/parquet-errors';
import type { ParquetFooter, ReadRequest } from '../../src/data/parquet/parquet-reader';
import type { CorpusRequest, CorpusResponse } from './corpus-worker';
import { bundleWorker } from './node-worker';

/** The shared public corpus, read in place (never copied into the repo). */
export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

export type Expectation = 'reads' | 'rejects' | 'no-crash' | 'oracle' | 'reads-arrow' | 'license';

export interface ManifestEntry {
  file: string;
  bytes: number;
  expect: Expectation;
  rows?: number;
  why: string;
}

/** The codes a decode of a bad file may end in: typed refusals, never 'internal'. */
export const DECODE_ERROR_CODES: ErrorCode[] = [
  'not-parquet',
  'encrypted',
  'truncated',
  'corrupt',
  'unsupported',
  'too-large',
  'timeout',
  'decoder-crash',
  'out-of-memory',
];

export function loadManifest(): ManifestEntry[] {
  const manifest = JSON.parse(readFileSync(join(CORPUS_DIR, 'MANIFEST.json'), 'utf8')) as {
    files: ManifestEntry[];
  };
  return manifest.files;
}

export function corpusPath(file: string): string {
  return join(CORPUS_DIR, file);
}

export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** test/support/corpus-worker.ts bundled for a worker_thread (see bundleWorker). */
export function bundleCorpusWorker(): Promise<string> {
  return bundleWorker('test/support/corpus-worker.ts');
}

const WASM_PATH = createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');

/**
 * Drives the decoder in a worker thread: one request at a time, each with a time budget. A
 * worker that traps (its uncaught error), exits or overruns the budget is terminated and the next
 * request gets a fresh one, exactly as the browser's worker source does.
 */
export class IsolatedDecoder {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending: {
    id: number;
    worker: Worker;
    resolve: (r: CorpusResponse) => void;
    reject: (e: MemscopeError) => void;
    fileName: string;
  } | null = null;
  /** How many workers were replaced after a crash or a timeout. */
  replaced = 0;

  constructor(
    private readonly script: string,
    private readonly timeoutMs: number,
  ) {}

  private spawn(): Worker {
    const worker = new Worker(this.script, { workerData: { wasmPath: WASM_PATH } });
    worker.unref();
    worker.on('message', (res: CorpusResponse) => {
      const p = this.pending;
      if (!p || p.id !== res.id) return;
      this.pending = null;
      p.resolve(res);
    });
    const fail = (detail: string) => {
      if (this.worker === worker) this.worker = null;
      void worker.terminate();
      const p = this.pending;
      // The 'exit' of a worker already replaced must not fail the request of its successor.
      if (!p || p.worker !== worker) return;
      this.pending = null;
      this.replaced++;
      p.reject(parquetError('decoder-crash', p.fileName, { detail }));
    };
    worker.on('error', (err) => fail(err instanceof Error ? `${err.name}: ${err.message}` : String(err)));
    worker.on('exit', (code) => fail(`the decoder worker exited with code ${code}`));
    return worker;
  }

  private call(msg: DistributiveOmit<CorpusRequest, 'id'>, fileName: string): Promise<CorpusResponse> {
    if (this.pending) throw new Error('IsolatedDecoder runs one request at a time');
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise<CorpusResponse>((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = null;
        this.replaced++;
        this.worker = null;
        void worker.terminate();
        reject(parquetError('timeout', fileName, { timeoutMs: this.timeoutMs }));
      }, this.timeoutMs);
      this.pending = {
        id,
        worker,
        fileName,
        resolve: (r) => {
          clearTimeout(timer);
          resolvePromise(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      worker.postMessage({ ...msg, id });
    });
  }

  private static unwrap(res: CorpusResponse): Extract<CorpusResponse, { ok: true }> {
    if (!res.ok) throw new MemscopeError(res.error as ErrorPayload);
    return res;
  }

  async open(path: string, fileName: string): Promise<ParquetFooter> {
    const res = IsolatedDecoder.unwrap(await this.call({ op: 'open', path, fileName }, fileName));
    if (!res.footer) throw new Error('open returned no footer');
    return res.footer;
  }

  async read(request: ReadRequest, fileName: string): Promise<{ ipc: Uint8Array; ms: number }> {
    const res = IsolatedDecoder.unwrap(await this.call({ op: 'read', request }, fileName));
    if (!res.ipc) throw new Error('read returned no bytes');
    return { ipc: res.ipc, ms: res.ms };
  }

  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Parses a small CSV (the oracle files: no quoted separators) into rows of strings. */
export function parseSimpleCsv(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => line.split(','));
}

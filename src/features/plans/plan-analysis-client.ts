/**
 * Main-thread side of the plan-analysis worker (src/workers/plan-analysis.worker.ts, on the typed
 * RPC helper): `parse(text, label)` resolves with the core's ParsedPlan, or rejects with a
 * MemscopeError (a JSON that is neither a schedule nor a DuckDB plan). One worker, started on first
 * use and kept. Where a worker cannot start or crashes, a small text is parsed here instead: slower
 * for the page, same result. A big one is not: a 70 MB schedule parsed on the page would block it
 * for seconds (issue 10 item 6), so the user gets an error instead. `traceRun(table)` plays a trace
 * table's rows (an Arrow table from DuckDB) through the allocation strategies there.
 */
import { tableToIPC, type Table } from 'apache-arrow';
import { MemscopeError, isErrorPayload } from '../../core/errors';
import { traceRunFromTable, type TraceRun } from '../../core/plan/memory/trace-run';
import { parsePlanText, type ParsedPlan } from '../../core/plan/parse-plan';
import { DIGEST_ABOVE_EXECUTORS } from '../../core/plan/schedule-digest';
import { RpcClient } from '../../workers/rpc';
import type { PlanAnalysisApi } from '../../workers/plan-analysis.worker';

/** Above this many bytes (or UTF-16 units of pasted text), a plan is read only in the worker. */
export const MAIN_THREAD_PARSE_LIMIT = 4 * 2 ** 20;

/**
 * After reading a plan this big, the worker is let go once idle (the next plan starts a fresh one in
 * ~50-100 ms): a 1,000,000-executor schedule leaves ~0.5 GB in the worker's heap otherwise.
 */
export const RELEASE_WORKER_ABOVE = 16 * 2 ** 20;

export class PlanAnalysisClient {
  private client: RpcClient<PlanAnalysisApi> | null = null;
  private broken = false;
  private inFlight = 0;
  private release = false;

  private spawn(): RpcClient<PlanAnalysisApi> | null {
    if (this.broken || typeof Worker === 'undefined') return null;
    try {
      const worker = new Worker(new URL('../../workers/plan-analysis.worker.ts', import.meta.url), {
        type: 'module',
        name: 'memscope-plan-analysis',
      });
      // A worker that fails to load or crashes: parse here from now on.
      return new RpcClient<PlanAnalysisApi>(worker, () => {
        this.broken = true;
        this.client = null;
      });
    } catch {
      this.broken = true;
      return null;
    }
  }

  /** Starts the worker ahead of the first parse (module load and compile take ~50-100 ms). */
  warm(): void {
    this.client ??= this.spawn();
  }

  /** `source` is JSON text, or a file the worker reads itself (big files never become a page string). */
  async parse(source: string | Blob, label: string): Promise<ParsedPlan> {
    this.client ??= this.spawn();
    const client = this.client;
    const here = async () => {
      const size = typeof source === 'string' ? source.length : source.size;
      if (size > MAIN_THREAD_PARSE_LIMIT) {
        throw new MemscopeError({
          code: client ? 'out-of-memory' : 'internal',
          message: client
            ? `${label} could not be analysed: the analysis worker stopped (probably out of memory).`
            : `${label} is too big to read without the analysis worker, which could not start.`,
          hint: 'Plans above a few MB are only read off the page, so that the page keeps answering.',
        });
      }
      return parsePlanText(
        typeof source === 'string' ? source : await source.text(),
        label,
        DIGEST_ABOVE_EXECUTORS,
      );
    };
    if (!client) return here();
    this.inFlight++;
    if ((typeof source === 'string' ? source.length : source.size) > RELEASE_WORKER_ABOVE)
      this.release = true;
    try {
      return await client.call(
        'parse',
        typeof source === 'string' ? { text: source, label } : { file: source, label },
      );
    } catch (e) {
      if (!client.alive) return here();
      throw isErrorPayload(e) ? new MemscopeError(e) : e;
    } finally {
      this.settled(client);
    }
  }

  /** One call less in flight; the worker is let go once idle after a big plan (RELEASE_WORKER_ABOVE). */
  private settled(client: RpcClient<PlanAnalysisApi>): void {
    if (--this.inFlight === 0 && this.release && this.client === client) {
      this.release = false;
      this.dispose();
    }
  }

  /** The strategies over every query of a trace table, read from DuckDB as `table` (traceRowsSql). */
  async traceRun(table: Table): Promise<TraceRun> {
    this.client ??= this.spawn();
    const client = this.client;
    if (!client) return traceRunFromTable(table);
    // Serializing is a copy of the buffers (no per-row objects); the bytes are then moved, not cloned.
    const ipc = tableToIPC(table, 'stream');
    this.inFlight++;
    try {
      return await client.call('traceRun', { ipc }, [ipc.buffer]);
    } catch (e) {
      // The worker died under it: the table is still here (only its serialized copy was moved).
      if (!client.alive) return traceRunFromTable(table);
      throw isErrorPayload(e) ? new MemscopeError(e) : e;
    } finally {
      this.settled(client);
    }
  }

  dispose(): void {
    this.client?.terminate();
    this.client = null;
  }
}

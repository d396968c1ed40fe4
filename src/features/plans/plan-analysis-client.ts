/**
 * Main-thread side of the plan-analysis worker (src/workers/plan-analysis.worker.ts, on the typed
 * RPC helper): `parse(text, label)` resolves with the core's ParsedPlan, or rejects with a
 * MemscopeError (a JSON that is neither a schedule nor a DuckDB plan). One worker, started on first
 * use and kept. Where a worker cannot start or crashes, the text is parsed here instead: slower
 * for the page, same result. `traceRun(table)` plays a trace table's rows (an Arrow table from
 * DuckDB) through the allocation strategies there, on the same terms.
 */
import { tableToIPC, type Table } from 'apache-arrow';
import { MemscopeError, isErrorPayload } from '../../core/errors';
import { traceRunFromTable, type TraceRun } from '../../core/plan/memory/trace-run';
import { parsePlanText, type ParsedPlan } from '../../core/plan/parse-plan';
import { DIGEST_ABOVE_EXECUTORS } from '../../core/plan/schedule-digest';
import { RpcClient } from '../../workers/rpc';
import type { PlanAnalysisApi } from '../../workers/plan-analysis.worker';

export class PlanAnalysisClient {
  private client: RpcClient<PlanAnalysisApi> | null = null;
  private broken = false;

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
    const here = async () =>
      parsePlanText(typeof source === 'string' ? source : await source.text(), label, DIGEST_ABOVE_EXECUTORS);
    if (!client) return here();
    try {
      return await client.call(
        'parse',
        typeof source === 'string' ? { text: source, label } : { file: source, label },
      );
    } catch (e) {
      if (!client.alive) return here();
      throw isErrorPayload(e) ? new MemscopeError(e) : e;
    }
  }

  /** The strategies over every query of a trace table, read from DuckDB as `table` (traceRowsSql). */
  async traceRun(table: Table): Promise<TraceRun> {
    this.client ??= this.spawn();
    const client = this.client;
    if (!client) return traceRunFromTable(table);
    // Serializing is a copy of the buffers (no per-row objects); the bytes are then moved, not cloned.
    const ipc = tableToIPC(table, 'stream');
    try {
      return await client.call('traceRun', { ipc }, [ipc.buffer]);
    } catch (e) {
      // The worker died under it: the table is still here (only its serialized copy was moved).
      if (!client.alive) return traceRunFromTable(table);
      throw isErrorPayload(e) ? new MemscopeError(e) : e;
    }
  }

  dispose(): void {
    this.client?.terminate();
    this.client = null;
  }
}

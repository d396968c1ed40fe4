/**
 * Main-thread side of the plan-analysis worker (src/workers/plan-analysis.worker.ts, on the typed
 * RPC helper): `parse(text, label)` resolves with the core's ParsedPlan, or rejects with a
 * MemscopeError (a JSON that is neither a schedule nor a DuckDB plan). One worker, started on first
 * use and kept. Where a worker cannot start or crashes, the text is parsed here instead: slower
 * for the page, same result.
 */
import { MemscopeError, isErrorPayload } from '../../core/errors';
import { parsePlanText, type ParsedPlan } from '../../core/plan/parse-plan';
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

  async parse(text: string, label: string): Promise<ParsedPlan> {
    this.client ??= this.spawn();
    const client = this.client;
    if (!client) return parsePlanText(text, label);
    try {
      return await client.call('parse', { text, label });
    } catch (e) {
      if (!client.alive) return parsePlanText(text, label);
      throw isErrorPayload(e) ? new MemscopeError(e) : e;
    }
  }

  dispose(): void {
    this.client?.terminate();
    this.client = null;
  }
}

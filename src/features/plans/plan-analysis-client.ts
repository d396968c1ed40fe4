/**
 * Main-thread side of the plan-analysis worker: `parse(text)` resolves with the core's
 * ParsedSchedule. One worker, started on first use and kept; answers to superseded requests are
 * dropped. Where a worker cannot start (or crashes), the text is parsed here instead: slower for the
 * page, same result.
 */
import { parseScheduleText } from '../../core/plan/parse-schedule';
import type { ParsedSchedule } from '../../core/plan/types';
import type { PlanAnalysisRequest, PlanAnalysisResponse } from './plan-analysis-protocol';

type Pending = { resolve: (p: ParsedSchedule) => void; reject: (e: Error) => void; text: string };

export class PlanAnalysisClient {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  private spawn(): Worker | null {
    if (this.broken || typeof Worker === 'undefined') return null;
    try {
      const worker = new Worker(new URL('../../workers/plan-analysis.worker.ts', import.meta.url), {
        type: 'module',
        name: 'memscope-plan-analysis',
      });
      worker.addEventListener('message', (event: MessageEvent<PlanAnalysisResponse>) => {
        const m = event.data;
        const p = this.pending.get(m.requestId);
        if (!p) return;
        this.pending.delete(m.requestId);
        if (m.type === 'parsed') p.resolve(m.parsed);
        else p.reject(new Error(m.message));
      });
      worker.addEventListener('error', () => {
        // A worker that fails to load or crashes: parse what was asked here, and from now on.
        this.broken = true;
        this.worker?.terminate();
        this.worker = null;
        const waiting = [...this.pending.values()];
        this.pending.clear();
        for (const p of waiting) settle(p);
      });
      return worker;
    } catch {
      this.broken = true;
      return null;
    }
  }

  /** Starts the worker ahead of the first parse (module load and compile take ~50-100 ms). */
  warm(): void {
    this.worker ??= this.spawn();
  }

  parse(text: string): Promise<ParsedSchedule> {
    this.worker ??= this.spawn();
    const worker = this.worker;
    return new Promise<ParsedSchedule>((resolve, reject) => {
      const p: Pending = { resolve, reject, text };
      if (!worker) {
        settle(p);
        return;
      }
      const requestId = this.nextId++;
      this.pending.set(requestId, p);
      const request: PlanAnalysisRequest = { type: 'parse', requestId, text };
      worker.postMessage(request);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.pending.clear();
  }
}

function settle(p: Pending): void {
  try {
    p.resolve(parseScheduleText(p.text));
  } catch (e) {
    p.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

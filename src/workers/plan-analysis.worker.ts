/// <reference lib="webworker" />
/**
 * Reads what the Plans view opens (an executor schedule or one of DuckDB's plans, told apart by
 * content) off the main thread. For a 10,000-executor schedule that is ~100 ms of JSON.parse, id
 * normalization and validation (more on a busy machine), one task the page could not paint
 * through. The answer is the plan core's ParsedPlan, structured-cloned (~10-30 ms to receive at
 * 10,000 executors; the waves, critical path and graph are cheaper to compute on the main thread,
 * in yielding steps, than to clone). Errors (a JSON that is no plan) cross as ErrorPayloads.
 *
 * It also plays a whole trace table through the allocation strategies (`traceRun`): the trace's
 * rows arrive as one Arrow IPC stream (transferred), are parsed into one schedule per query here,
 * and only the run's numbers (a few per query and strategy) go back.
 */
import { traceRunFromTable, type TraceRun } from '../core/plan/memory/trace-run';
import { parsePlanText, type ParsedPlan } from '../core/plan/parse-plan';
import { DIGEST_ABOVE_EXECUTORS } from '../core/plan/schedule-digest';
import type { BumpaloVersion } from '../core/plan/memory/memory-types';
import { serveRpc } from './rpc';

const api = {
  /**
   * `file` is read here, so a big file's text never exists on the page. Schedules above
   * DIGEST_ABOVE_EXECUTORS come back as a digest (counts, waves, memory totals), not as objects.
   */
  async parse(arg: { text?: string; file?: Blob; label: string }): Promise<ParsedPlan> {
    const text = arg.file ? await arg.file.text() : (arg.text ?? '');
    return parsePlanText(text, arg.label, DIGEST_ABOVE_EXECUTORS);
  },
  /** `ipc`: the trace's rows (traceRowsSql) as an Arrow IPC stream. */
  async traceRun(arg: { ipc: Uint8Array; bumpalo?: BumpaloVersion }): Promise<TraceRun> {
    // apache-arrow's reader is ~190 kB of this worker: loaded on the first run, so opening a plan
    // (the worker's start-up, warmed when the pointer enters the view) does not pay for it.
    const { tableFromIPC } = await import('apache-arrow');
    return traceRunFromTable(tableFromIPC(arg.ipc), arg.bumpalo);
  },
};

export type PlanAnalysisApi = typeof api;

serveRpc(self as unknown as DedicatedWorkerGlobalScope, api);

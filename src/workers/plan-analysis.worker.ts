/// <reference lib="webworker" />
/**
 * Parses and validates a pasted or dropped schedule off the main thread. For a 10,000-executor
 * schedule that is ~100 ms of JSON.parse, id normalization and validation (more on a busy machine),
 * one task the page could not paint through. The answer is the plan core's ParsedSchedule,
 * structured-cloned (~10-30 ms to receive at 10,000 executors; the waves, critical path and graph
 * are cheaper to compute on the main thread, in yielding steps, than to clone).
 */
import { parseScheduleText } from '../core/plan/parse-schedule';
import type { PlanAnalysisRequest, PlanAnalysisResponse } from '../features/plans/plan-analysis-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<PlanAnalysisRequest>) => {
  const req = event.data;
  if (req?.type !== 'parse') return;
  let message: PlanAnalysisResponse;
  try {
    message = { type: 'parsed', requestId: req.requestId, parsed: parseScheduleText(req.text) };
  } catch (error) {
    message = {
      type: 'error',
      requestId: req.requestId,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  scope.postMessage(message);
});

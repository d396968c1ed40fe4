/** Messages between the Plans view and src/workers/plan-analysis.worker.ts. */
import type { ParsedSchedule } from '../../core/plan/types';

export interface PlanAnalysisRequest {
  readonly type: 'parse';
  readonly requestId: number;
  readonly text: string;
}

export type PlanAnalysisResponse =
  | { readonly type: 'parsed'; readonly requestId: number; readonly parsed: ParsedSchedule }
  | { readonly type: 'error'; readonly requestId: number; readonly message: string };

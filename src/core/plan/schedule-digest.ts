/**
 * A schedule too big to draw, summarised where it was parsed (the plan-analysis worker): counts,
 * waves, critical path and the Box and arena memory totals, plus the first problems. Only this
 * small object crosses to the page; a 1,000,000-executor schedule as objects would take seconds
 * of main-thread time to receive and more to lay out (issue 10 item 6).
 */
import { scheduleSummary } from './compare-schedules';
import type { ParsedSchedule, ScheduleFormat, ValidationProblem } from './types';
import type { MemorySummary } from './memory/memory-types';

/**
 * Schedules above this many executors open as a digest, not as a graph: at 10,000 each analysis
 * step on the page is 5-40 ms (docs/plans.md), so 50,000 keeps them near the ~100 ms budget.
 */
export const DIGEST_ABOVE_EXECUTORS = 50_000;
const MAX_PROBLEMS = 100;

export interface ScheduleDigest {
  readonly executors: number;
  readonly edges: number;
  readonly rootId: string | null;
  readonly format: ScheduleFormat;
  readonly problemCount: number;
  /** The first MAX_PROBLEMS problems, errors first. */
  readonly problems: readonly ValidationProblem[];
  readonly summary: MemorySummary;
}

export function digestSchedule(parsed: ParsedSchedule): ScheduleDigest {
  return {
    executors: parsed.schedule.executors.length,
    edges: parsed.schedule.edges.length,
    rootId: parsed.schedule.rootId,
    format: parsed.format,
    problemCount: parsed.problems.length,
    problems: parsed.problems.slice(0, MAX_PROBLEMS),
    summary: scheduleSummary(parsed.schedule),
  };
}

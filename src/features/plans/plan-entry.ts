import type { ParsedPlan } from '../../core/plan/parse-plan';
import { formatCountOf } from '../../core/format/quantities';
import type { ValidationProblem } from '../../core/plan/types';

/** One plan opened or profiled in this tab: the history's row and what the view shows. */
export interface PlanEntry {
  readonly id: number;
  readonly label: string;
  /** Epoch ms, for the history. */
  readonly at: number;
  /** performance.now() when the user opened it (before parsing), for the paint timing. */
  readonly openedAt: number;
  /** The SQL it came from (profiled in the editor), if any. */
  readonly query: string | null;
  readonly plan: ParsedPlan;
  /** Problems about the table rather than the schedule (trace tables). */
  readonly extraProblems: readonly ValidationProblem[];
}

export function entrySize(entry: PlanEntry): string {
  const p = entry.plan;
  if (p.kind === 'duckdb') return formatCountOf(p.plan.graph.nodes.length, 'operator');
  if (p.kind === 'schedule-digest') return `${formatCountOf(p.digest.executors, 'executor')} (summary)`;
  return formatCountOf(p.parsed.schedule.executors.length, 'executor');
}

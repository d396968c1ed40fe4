/**
 * Allocation strategies over a run of queries: the schedules of this tab's history, in the order
 * they were opened, played through each strategy of src/core/plan/memory/query-run.ts and shown by
 * RunStrategies (the same table, chart and warnings as a trace table's run, TraceRunPanel).
 */
import { useMemo } from 'react';
import { runQueryFromSchedule, simulateRun } from '../../core/plan/memory/query-run';
import { formatCount } from '../../core/format/quantities';
import type { PlanEntry } from './plan-entry';
import { RunStrategies } from './run-strategies';

export function RunPanel({ entries }: { entries: readonly PlanEntry[] }) {
  const schedules = useMemo(
    () =>
      entries.flatMap((e) =>
        e.plan.kind === 'schedule' && e.plan.parsed.schedule.executors.length > 0
          ? [runQueryFromSchedule(`#${e.id} ${e.label}`, e.plan.parsed.schedule)]
          : [],
      ),
    [entries],
  );
  const results = useMemo(() => (schedules.length >= 2 ? simulateRun(schedules) : null), [schedules]);
  if (!results) return null;
  return (
    <details className="plans-panel plans-run">
      <summary>
        Allocation strategies over a run of {formatCount(schedules.length)} queries (the schedules in the
        history, in order)
      </summary>
      <RunStrategies
        results={results}
        queryLabels={schedules.map((q) => q.label)}
        label="Allocation strategies over the run"
      />
    </details>
  );
}

/**
 * Everything the Plans view derives from one parsed schedule, memoized per schedule (waves,
 * critical path, graph) and per what-if choice (memory). All of it is the plan core's pure logic.
 */
import { useMemo } from 'react';
import { computeCriticalPath } from '../../core/plan/critical-path';
import { buildMemorySummary } from '../../core/plan/memory/memory-summary';
import { simulateScheduleMemory } from '../../core/plan/memory/simulate-memory';
import { scheduleToPlanGraph } from '../../core/plan/plan-graph';
import type { AllocationOrder, ParsedSchedule, Schedule } from '../../core/plan/types';
import { computeWaves } from '../../core/plan/waves';

export type OrderChoice = 'topological' | 'input' | 'size';

export interface WhatIf {
  /** null = Bump::new(). */
  readonly initialCapacity: number | null;
  readonly order: OrderChoice;
  readonly allocator: 'glibc' | 'jemalloc';
}

export const DEFAULT_WHAT_IF: WhatIf = { initialCapacity: null, order: 'topological', allocator: 'glibc' };

function toOrder(schedule: Schedule, choice: OrderChoice): AllocationOrder {
  if (choice === 'topological') return { kind: 'topological' };
  if (choice === 'input') return { kind: 'input' };
  // Largest first: a "what if the engine created big executors up front" experiment.
  const ids = [...schedule.executors].sort((a, b) => b.sizeBytes - a.sizeBytes).map((e) => e.id);
  return { kind: 'custom', ids };
}

/** `withMemory` false skips the memory models until the panels that show them mount. */
export function usePlanAnalysis(parsed: ParsedSchedule | null, whatIf: WhatIf, withMemory = true) {
  const schedule = parsed?.schedule ?? null;
  const base = useMemo(() => {
    if (!schedule) return null;
    const waves = computeWaves(schedule);
    const criticalPath = computeCriticalPath(schedule);
    const graph = scheduleToPlanGraph(schedule, { waves, criticalPath });
    const deps = new Map<string, string[]>();
    const succs = new Map<string, string[]>();
    for (const e of schedule.edges) {
      let d = deps.get(e.to);
      if (!d) deps.set(e.to, (d = []));
      d.push(e.from);
      let s = succs.get(e.from);
      if (!s) succs.set(e.from, (s = []));
      s.push(e.to);
    }
    const executorById = new Map(schedule.executors.map((e) => [e.id, e]));
    return { schedule, waves, criticalPath, graph, deps, succs, executorById };
  }, [schedule]);

  const memory = useMemo(() => {
    if (!base || !withMemory) return null;
    const simulation = simulateScheduleMemory(
      base.schedule,
      {
        order: toOrder(base.schedule, whatIf.order),
        model: {
          box: whatIf.allocator,
          arena: { initialCapacity: whatIf.initialCapacity, chunkAllocator: whatIf.allocator },
        },
      },
      base.waves,
    );
    const summary = buildMemorySummary(base.schedule, base.waves, base.criticalPath, simulation);
    return { simulation, summary };
  }, [base, whatIf, withMemory]);

  return { base, memory };
}

export type PlanBase = NonNullable<ReturnType<typeof usePlanAnalysis>['base']>;
export type PlanMemory = NonNullable<ReturnType<typeof usePlanAnalysis>['memory']>;

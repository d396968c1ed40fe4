/**
 * Everything the Plans view derives from one parsed schedule: waves, critical path and graph per
 * schedule, memory per what-if choice. All of it is the plan core's pure logic.
 *
 * The per-schedule part runs in steps, one task each (waves, critical path, graph, indexes), with a
 * yield to the browser between them: at 10,000 executors each step is 5-40 ms, where the whole was
 * one task of ~100 ms (more on a busy machine) that the page could not paint through.
 */
import { useEffect, useMemo, useState } from 'react';
import { computeCriticalPath } from '../../core/plan/critical-path';
import { buildMemorySummary } from '../../core/plan/memory/memory-summary';
import { simulateScheduleMemory } from '../../core/plan/memory/simulate-memory';
import { scheduleToPlanGraph } from '../../core/plan/plan-graph';
import {
  type Executor,
  type ExecutorId,
  type ParsedSchedule,
  type PlanGraph,
  type Schedule,
} from '../../core/plan/types';
import { type CriticalPath, type Waves } from '../../core/plan/analysis-types';
import {
  DEFAULT_BUMPALO_VERSION,
  type AllocationOrder,
  type BumpaloVersion,
} from '../../core/plan/memory/memory-types';
import { computeWaves } from '../../core/plan/waves';
import { yieldToMain } from './yield-to-main';

export type OrderChoice = 'topological' | 'input' | 'size';

export interface WhatIf {
  /** null = Bump::new(). */
  readonly initialCapacity: number | null;
  readonly order: OrderChoice;
  readonly allocator: 'glibc' | 'jemalloc';
  readonly bumpalo: BumpaloVersion;
}

export const DEFAULT_WHAT_IF: WhatIf = {
  initialCapacity: null,
  order: 'topological',
  allocator: 'glibc',
  bumpalo: DEFAULT_BUMPALO_VERSION,
};

export interface PlanBase {
  readonly schedule: Schedule;
  readonly waves: Waves;
  readonly criticalPath: CriticalPath;
  readonly graph: PlanGraph;
  readonly deps: ReadonlyMap<ExecutorId, ExecutorId[]>;
  readonly succs: ReadonlyMap<ExecutorId, ExecutorId[]>;
  readonly executorById: ReadonlyMap<ExecutorId, Executor>;
}

function toOrder(schedule: Schedule, choice: OrderChoice): AllocationOrder {
  if (choice === 'topological') return { kind: 'topological' };
  if (choice === 'input') return { kind: 'input' };
  // Largest first: a "what if the engine created big executors up front" experiment.
  const ids = [...schedule.executors].sort((a, b) => b.sizeBytes - a.sizeBytes).map((e) => e.id);
  return { kind: 'custom', ids };
}

/** The per-schedule analysis in yielding steps; resolves null when `live()` turns false. */
async function analyse(schedule: Schedule, live: () => boolean): Promise<PlanBase | null> {
  // The effect that starts this runs in the commit's task: start in a new one.
  await yieldToMain();
  if (!live()) return null;
  const waves = computeWaves(schedule);
  await yieldToMain();
  if (!live()) return null;
  const criticalPath = computeCriticalPath(schedule);
  await yieldToMain();
  if (!live()) return null;
  const graph = scheduleToPlanGraph(schedule, { waves, criticalPath });
  await yieldToMain();
  if (!live()) return null;
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
}

/** `withMemory` false skips the memory models until the panels that show them mount. */
export function usePlanAnalysis(parsed: ParsedSchedule | null, whatIf: WhatIf, withMemory = true) {
  const schedule = parsed?.schedule ?? null;
  const [done, setDone] = useState<PlanBase | null>(null);
  useEffect(() => {
    if (!schedule) return;
    let live = true;
    void analyse(schedule, () => live).then((result) => {
      if (live && result) setDone(result);
    });
    return () => {
      live = false;
    };
  }, [schedule]);
  const base = done && done.schedule === schedule ? done : null;

  const memory = useMemo(() => {
    if (!base || !withMemory) return null;
    const simulation = simulateScheduleMemory(
      base.schedule,
      {
        order: toOrder(base.schedule, whatIf.order),
        model: {
          box: whatIf.allocator,
          arena: {
            initialCapacity: whatIf.initialCapacity,
            chunkAllocator: whatIf.allocator,
            bumpalo: whatIf.bumpalo,
          },
        },
      },
      base.waves,
    );
    const summary = buildMemorySummary(base.schedule, base.waves, base.criticalPath, simulation);
    return { simulation, summary };
  }, [base, whatIf, withMemory]);

  return { base, memory };
}

export type PlanMemory = NonNullable<ReturnType<typeof usePlanAnalysis>['memory']>;

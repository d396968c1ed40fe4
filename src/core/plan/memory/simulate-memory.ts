/**
 * Runs both memory models over a schedule's allocation sequence and derives the warnings the team
 * must see before moving executors from Box to a bump arena.
 */
import { computeWaves } from '../waves';
import { formatBytesExact } from '../../format/quantities';
import { effectiveAlign, effectiveSize } from '../executor-values';
import { listIds } from '../problem-list';
import { sanitizeSchedule } from '../sanitize-schedule';
import { allocationOrder } from './allocation-order';
import { simulateArena } from './bumpalo-arena';
import { simulateGlibcBox } from './glibc-malloc';
import { simulateJemallocBox } from './jemalloc';
import type { ExecutorId, Schedule } from '../types';
import type { Waves } from '../analysis-types';
import type {
  BoxAllocator,
  BoxSimulation,
  MemorySimulation,
  MemorySimulationOptions,
  MemoryWarning,
} from './memory-types';

export const DEFAULT_MEMORY_OPTIONS: MemorySimulationOptions = {
  order: { kind: 'topological' },
  model: { box: 'glibc', arena: { initialCapacity: null, chunkAllocator: 'glibc' } },
};

export function simulateBox(
  sizes: ArrayLike<number>,
  aligns: ArrayLike<number>,
  allocator: BoxAllocator,
): BoxSimulation {
  return allocator === 'glibc' ? simulateGlibcBox(sizes, aligns) : simulateJemallocBox(sizes, aligns);
}

/** The allocation sequence and its request sizes and alignments (what the models run over). */
export function allocationSequence(
  schedule: Schedule,
  order: MemorySimulationOptions['order'] = DEFAULT_MEMORY_OPTIONS.order,
): { seq: Int32Array; blocked: Int32Array; sizes: Float64Array; aligns: Float64Array } {
  const clean = sanitizeSchedule(schedule);
  const { order: seq, blocked } = allocationOrder(clean, order);
  const n = seq.length;
  const sizes = new Float64Array(n);
  const aligns = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const e = clean.executors[seq[k]!]!;
    sizes[k] = effectiveSize(e);
    aligns[k] = effectiveAlign(e);
  }
  return { seq, blocked, sizes, aligns };
}

export function simulateScheduleMemory(
  schedule: Schedule,
  options: MemorySimulationOptions = DEFAULT_MEMORY_OPTIONS,
  waves?: Waves,
): MemorySimulation {
  const clean = sanitizeSchedule(schedule);
  const { seq, blocked, sizes, aligns } = allocationSequence(clean, options.order);
  const order: ExecutorId[] = Array.from(seq, (i) => clean.executors[i]!.id);
  const box = simulateBox(sizes, aligns, options.model.box);
  const otherBox = simulateBox(sizes, aligns, options.model.box === 'glibc' ? 'jemalloc' : 'glibc');
  const arena = simulateArena(sizes, aligns, options.model.arena);
  const warnings = memoryWarnings(clean, waves ?? computeWaves(clean));
  if (blocked.length > 0) {
    const ids = Array.from(blocked, (i) => clean.executors[i]!.id);
    warnings.push({
      code: 'cycle',
      message: `${ids.length} executor${ids.length === 1 ? ' is' : 's are'} on or behind a cycle and have no place in a topological order; they are allocated last, by id: ${listIds(ids)}.`,
      executorIds: ids,
    });
  }
  return { order, sizes, aligns, box, otherBox, arena, warnings };
}

/**
 * "Removed before the query ends": executors flagged `removed`, and, when every executor has
 * timings, those that end before the root ends (the engine can drop a finished executor's Box; an
 * arena keeps its bytes until reset()). The root itself is never "removed early".
 */
export function removedBeforeEnd(schedule: Schedule): ExecutorId[] {
  const ex = schedule.executors;
  const timed = ex.length > 0 && ex.every((e) => e.startUs !== undefined && e.endUs !== undefined);
  let queryEnd = -Infinity;
  if (timed) {
    const root = ex.find((e) => e.id === schedule.rootId);
    if (root) queryEnd = root.endUs!;
    else for (const e of ex) queryEnd = Math.max(queryEnd, e.endUs!);
  }
  return ex
    .filter((e) => e.id !== schedule.rootId && (e.removed || (timed && e.endUs! < queryEnd)))
    .map((e) => e.id);
}

export function memoryWarnings(schedule: Schedule, waves: Waves): MemoryWarning[] {
  const clean = sanitizeSchedule(schedule);
  const warnings: MemoryWarning[] = [];
  const heap = clean.executors.filter((e) => e.holdsHeap);
  if (heap.length > 0) {
    const ids = heap.map((e) => e.id);
    warnings.push({
      code: 'holds-heap',
      message: `${ids.length} executor${ids.length === 1 ? ' holds' : 's hold'} heap data (Vec, String, HashMap or Arc): ${listIds(ids)}. A bump arena never runs Drop, not even on reset(), so that heap memory leaks (an Arc's reference count never goes down) unless the engine drops those values by hand or keeps these executors in a Box.`,
      executorIds: ids,
      bytes: heap.reduce((s, e) => s + effectiveSize(e), 0),
    });
  }
  const removed = removedBeforeEnd(clean);
  if (removed.length > 0) {
    const set = new Set(removed);
    const bytes = clean.executors.filter((e) => set.has(e.id)).reduce((s, e) => s + effectiveSize(e), 0);
    warnings.push({
      code: 'removed-before-end',
      message: `${removed.length} executor${removed.length === 1 ? ' is' : 's are'} finished or removed before the query ends (${formatBytesExact(bytes)}): ${listIds(removed)}. With Box their memory is freed when they are removed; in the arena it stays allocated until reset().`,
      executorIds: removed,
      bytes,
    });
  }
  if (waves.maxParallelism > 1) {
    const step = Array.prototype.indexOf.call(waves.parallelism, waves.maxParallelism) as number;
    warnings.push({
      code: 'parallel-shared-arena',
      message: `Up to ${waves.maxParallelism} executors are runnable at once (step ${step}). Bump is Send but not Sync: parallel executors cannot allocate from one shared arena. Give each worker its own arena (a thread-local Bump) or guard the arena with a lock.`,
      executorIds: waves.steps[step] ? waves.steps[step].becameRunnable : [],
    });
  }
  return warnings;
}

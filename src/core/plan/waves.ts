/**
 * Runnable waves: play the schedule under exactly one rule, "an executor is runnable once all of
 * its dependencies have completed".
 *
 * - steps mode: every step completes the whole runnable set, so step k holds the executors whose
 *   longest chain of dependencies has k links.
 * - timings mode (every executor has start_us and end_us): one step per distinct end time; at that
 *   time the executors ending then complete, and those whose last dependency just completed become
 *   runnable. An executor whose recorded end is earlier than its dependencies' (inconsistent data,
 *   reported by validation) is taken to complete when it becomes runnable.
 */
import { compareExecutorIds } from './executor-id';
import { buildScheduleIndex, topologicalOrder, type ScheduleIndex } from './schedule-index';
import { listIds } from './problem-list';
import { sanitizeSchedule } from './sanitize-schedule';
import type { ExecutorId, Schedule } from './types';
import type { Wave, WaveMode, Waves } from './analysis-types';

export interface WaveOptions {
  /** 'auto' (default): timings when every executor has start_us and end_us, else steps. */
  readonly mode?: 'auto' | WaveMode;
}

/** True when every executor has usable start_us/end_us. */
export function hasCompleteTimings(schedule: Schedule): boolean {
  if (schedule.executors.length === 0) return false;
  for (const e of schedule.executors) {
    if (e.startUs === undefined || e.endUs === undefined) return false;
    if (!Number.isFinite(e.startUs) || !Number.isFinite(e.endUs)) return false;
  }
  return true;
}

/**
 * The steps of the waves as typed arrays: when each executor (by index in the sanitized schedule)
 * becomes runnable and completes. computeWaves makes the lists the view shows from this; a summary
 * needs only the counts (countWaves), without a list per step or a Map entry per executor.
 */
export interface WaveSteps {
  readonly mode: WaveMode;
  readonly fallbackReason: string | null;
  readonly index: ScheduleIndex;
  /** Executors in topological order, and those on or behind a cycle. */
  readonly order: Int32Array;
  readonly blocked: Int32Array;
  readonly readyStep: Int32Array;
  readonly completeStep: Int32Array;
  /** Timings mode: the time of each step (µs). */
  readonly times: Float64Array | null;
  readonly stepCount: number;
}

export function waveSteps(schedule: Schedule, options: WaveOptions = {}): WaveSteps {
  const clean = sanitizeSchedule(schedule);
  const index = buildScheduleIndex(clean);
  const n = index.ids.length;
  const { order, blocked } = topologicalOrder(index);
  const wanted = options.mode ?? 'auto';
  const timed = hasCompleteTimings(clean);
  const mode: WaveMode = wanted === 'steps' || !timed ? 'steps' : 'timings';
  const fallbackReason =
    wanted === 'timings' && !timed
      ? 'Some executors have no start_us/end_us, so the waves are played by steps.'
      : null;

  const readyStep = new Int32Array(n).fill(-1);
  const completeStep = new Int32Array(n).fill(-1);
  let times: Float64Array | null = null;
  let stepCount = 0;

  if (mode === 'steps') {
    for (let k = 0; k < order.length; k++) {
      const v = order[k]!;
      let level = 0;
      for (let j = index.depStart[v]!; j < index.depStart[v + 1]!; j++) {
        const d = index.depList[j]!;
        if (completeStep[d]! > level) level = completeStep[d]!;
      }
      readyStep[v] = level;
      completeStep[v] = level + 1;
      if (level + 2 > stepCount) stepCount = level + 2;
    }
  } else {
    const ex = clean.executors;
    const readyTime = new Float64Array(n).fill(-Infinity);
    const effEnd = new Float64Array(n);
    let t0 = Infinity;
    for (let i = 0; i < n; i++) t0 = Math.min(t0, ex[i]!.startUs!);
    for (let k = 0; k < order.length; k++) {
      const v = order[k]!;
      let r = -Infinity;
      for (let j = index.depStart[v]!; j < index.depStart[v + 1]!; j++)
        r = Math.max(r, effEnd[index.depList[j]!]!);
      readyTime[v] = r;
      effEnd[v] = Math.max(ex[v]!.endUs!, r, t0);
    }
    // Distinct event times, ascending (a typed-array sort: no comparator call per pair).
    const all = new Float64Array(order.length + 1);
    all[0] = t0;
    for (let k = 0; k < order.length; k++) all[k + 1] = effEnd[order[k]!]!;
    all.sort();
    let u = 0;
    for (let k = 0; k < all.length; k++) if (u === 0 || all[u - 1] !== all[k]) all[u++] = all[k]!;
    const unique = all.slice(0, u);
    times = unique;
    const stepOf = (t: number): number => {
      let lo = 0;
      let hi = unique.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (unique[mid]! < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    for (let k = 0; k < order.length; k++) {
      const v = order[k]!;
      readyStep[v] = readyTime[v] === -Infinity ? 0 : stepOf(readyTime[v]!);
      completeStep[v] = stepOf(effEnd[v]!);
    }
    stepCount = order.length > 0 ? unique.length : 0;
  }
  return { mode, fallbackReason, index, order, blocked, readyStep, completeStep, times, stepCount };
}

/** Runnable executors per step, the most at once, and the steps with any runnable ("waves"). */
export function countWaves(steps: WaveSteps): {
  parallelism: Int32Array;
  maxParallelism: number;
  waveCount: number;
} {
  const { order, readyStep, completeStep, stepCount } = steps;
  const delta = new Int32Array(stepCount + 1);
  for (let k = 0; k < order.length; k++) {
    const v = order[k]!;
    delta[readyStep[v]!]!++;
    delta[completeStep[v]!]!--;
  }
  const parallelism = new Int32Array(stepCount);
  let running = 0;
  let maxParallelism = 0;
  let waveCount = 0;
  for (let k = 0; k < stepCount; k++) {
    running += delta[k]!;
    parallelism[k] = running;
    if (running > maxParallelism) maxParallelism = running;
    if (running > 0) waveCount++;
  }
  return { parallelism, maxParallelism, waveCount };
}

export function computeWaves(schedule: Schedule, options: WaveOptions = {}): Waves {
  const steps = waveSteps(schedule, options);
  const { mode, fallbackReason, index, order, blocked, readyStep, completeStep, times, stepCount } = steps;
  const { parallelism, maxParallelism, waveCount } = countWaves(steps);

  // Bucket executors by step (ascending id inside a step).
  const byRank = Array.from(order).sort((a, b) => index.idRank[a]! - index.idRank[b]!);
  const became: ExecutorId[][] = Array.from({ length: stepCount }, () => []);
  const completed: ExecutorId[][] = Array.from({ length: stepCount }, () => []);
  const runnableAt = new Map<ExecutorId, number>();
  const completedAt = new Map<ExecutorId, number>();
  for (const v of byRank) {
    const id = index.ids[v]!;
    became[readyStep[v]!]!.push(id);
    completed[completeStep[v]!]!.push(id);
    runnableAt.set(id, readyStep[v]!);
    completedAt.set(id, completeStep[v]!);
  }
  const waves: Wave[] = [];
  for (let k = 0; k < stepCount; k++) {
    waves.push({
      index: k,
      timeUs: times ? times[k]! : null,
      completed: completed[k]!,
      becameRunnable: became[k]!,
      runnableCount: parallelism[k]!,
    });
  }

  const neverRunnable = Array.from(blocked, (v) => index.ids[v]!);
  const stopReason =
    neverRunnable.length === 0
      ? null
      : `The waves stop: ${neverRunnable.length} executor${neverRunnable.length === 1 ? '' : 's'} never became runnable because they are on or behind a cycle (a dependency that never completes): ${listIds(neverRunnable)}.`;
  return {
    mode,
    fallbackReason,
    steps: waves,
    parallelism,
    maxParallelism,
    waveCount,
    runnableAt,
    completedAt,
    neverRunnable,
    stopReason,
  };
}

/** The runnable set at a step (became runnable at or before it, not completed yet), ascending id. */
export function runnableSetAt(waves: Waves, step: number): ExecutorId[] {
  const out: ExecutorId[] = [];
  for (const [id, ready] of waves.runnableAt) {
    if (ready <= step && (waves.completedAt.get(id) ?? Infinity) > step) out.push(id);
  }
  return out.sort(compareExecutorIds);
}

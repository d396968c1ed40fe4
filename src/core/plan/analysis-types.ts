/**
 * Types of what the plan core computes from a schedule: runnable waves (waves.ts) and the critical
 * path (critical-path.ts). Plain data, like types.ts: Maps and typed arrays structured-clone.
 */
import type { ExecutorId } from './types';

// ---------------------------------------------------------------------------------------------
// Waves
// ---------------------------------------------------------------------------------------------

export type WaveMode = 'steps' | 'timings';

/**
 * One step of playing the schedule. At step k: `completed` just completed, `becameRunnable` just
 * became runnable (all their dependencies have completed), and `runnableCount` executors are
 * runnable (not yet completed). Step 0 has the executors without dependencies. The last step
 * completes the last executors and has runnableCount 0.
 */
export interface Wave {
  readonly index: number;
  /** Timings mode: the event time in µs (step 0 = earliest start). Steps mode: null. */
  readonly timeUs: number | null;
  readonly completed: readonly ExecutorId[];
  readonly becameRunnable: readonly ExecutorId[];
  readonly runnableCount: number;
}

export interface Waves {
  readonly mode: WaveMode;
  /** Why timings were not used although asked for (e.g. some executors lack start/end). */
  readonly fallbackReason: string | null;
  readonly steps: readonly Wave[];
  /** Runnable executors per step (the parallelism chart); same length as `steps`. */
  readonly parallelism: Int32Array;
  readonly maxParallelism: number;
  /** Steps with at least one runnable executor (what the summary calls "waves"). */
  readonly waveCount: number;
  /** Step at which each executor became runnable. Absent for executors that never did. */
  readonly runnableAt: ReadonlyMap<ExecutorId, number>;
  /** Step at which each executor completed. */
  readonly completedAt: ReadonlyMap<ExecutorId, number>;
  /** Executors that never became runnable (on or behind a cycle). Empty for a DAG. */
  readonly neverRunnable: readonly ExecutorId[];
  /** Human sentence when neverRunnable is not empty. */
  readonly stopReason: string | null;
}

// ---------------------------------------------------------------------------------------------
// Critical path
// ---------------------------------------------------------------------------------------------

export type CriticalPathUnit = 'us' | 'executors';

/** Critical-path-method numbers of one executor (in the path's unit). */
export interface NodeSlack {
  readonly duration: number;
  readonly earliestStart: number;
  readonly earliestFinish: number;
  readonly latestStart: number;
  readonly latestFinish: number;
  /** latestStart - earliestStart; 0 on the critical path. */
  readonly slack: number;
}

export interface CriticalPath {
  /** 'us' when every executor has timings (sum of end_us - start_us), else 'executors'. */
  readonly unit: CriticalPathUnit;
  /** Executor ids from first to last (dependencies first). */
  readonly path: readonly ExecutorId[];
  /** Sum of durations along the path (µs) or number of executors on it. */
  readonly length: number;
  readonly slack: ReadonlyMap<ExecutorId, NodeSlack>;
  /** False when a cycle kept part of the graph out of the computation. */
  readonly complete: boolean;
}

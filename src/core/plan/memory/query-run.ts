/**
 * Allocation strategies over a run of queries (issue 9 item 8; assumptions in
 * docs/plan-memory-models.md, "A run of queries"). The engine team weighs a per-query arena,
 * per-kind executor pools, fewer Arcs and lazy creation, and expects the arena to pay off most for
 * consecutive queries. Each strategy is played over the same queries, in order:
 *
 * - box:        one Box per executor (glibc model), all freed when the query ends;
 * - fresh-bump: a new Bump::new() per query, dropped when the query ends;
 * - reset-bump: one Bump, reset() between queries: reset keeps the newest (largest) chunk, so the
 *               next query starts in it (as with_capacity(that chunk)) and it stays held while idle;
 * - pools:      per-kind pools: a query takes executors of a kind from its pool (a hit) or allocates
 *               one (a Box, a miss); at the end every executor goes back to its pool and stays held;
 * - lazy:       Box, but an executor that never ran (no timings while its query has some) is never
 *               created.
 *
 * Pure: sizes in, numbers out. The per-query numbers are "reserved" (bytes the strategy has from
 * the allocator while the query runs, at its peak), allocator calls during the query, and bytes
 * still held once the query is over (idle until the next one).
 */
import { sanitizeSchedule } from '../sanitize-schedule';
import { allocationOrder } from './allocation-order';
import { simulateArena } from './bumpalo-arena';
import { glibcAllocationBytes } from './glibc-malloc';
import type { Schedule } from '../types';
import type { BumpaloVersion } from './memory-types';

export interface RunExecutor {
  readonly kind: string;
  readonly sizeBytes: number;
  readonly align: number;
  /** False when the query has timings and this executor has none: it never ran. */
  readonly ran: boolean;
  readonly holdsHeap: boolean;
}

export interface RunQuery {
  readonly label: string;
  /** In allocation order. */
  readonly executors: readonly RunExecutor[];
}

export type StrategyKey = 'box' | 'fresh-bump' | 'reset-bump' | 'pools' | 'lazy';

export interface QueryStep {
  readonly reservedBytes: number;
  readonly allocatorCalls: number;
  readonly idleBytes: number;
  /** Pools only: executors taken from a pool / all executors of the query. */
  readonly hits?: number;
}

export interface StrategyResult {
  readonly key: StrategyKey;
  readonly label: string;
  readonly steps: readonly QueryStep[];
  readonly peakReservedBytes: number;
  /** The last query's reserved bytes: where the run settles once warm. */
  readonly steadyReservedBytes: number;
  readonly allocatorCallsPerQuery: number;
  /** Largest number of bytes held between queries. */
  readonly maxIdleBytes: number;
  /** Pools only: hits / executors over the run. */
  readonly hitRate?: number;
  readonly warnings: readonly string[];
}

export const STRATEGY_LABELS: Readonly<Record<StrategyKey, string>> = {
  box: 'Box per executor',
  'fresh-bump': 'Fresh Bump per query',
  'reset-bump': 'One Bump, reset() between queries',
  pools: 'Per-kind pools',
  lazy: 'Lazy creation (Box)',
};

const boxBytes = (e: RunExecutor) => glibcAllocationBytes(e.sizeBytes, e.align);

function finish(
  key: StrategyKey,
  steps: QueryStep[],
  warnings: string[],
  extra: Partial<StrategyResult> = {},
): StrategyResult {
  const n = steps.length;
  return {
    key,
    label: STRATEGY_LABELS[key],
    steps,
    peakReservedBytes: steps.reduce((m, s) => Math.max(m, s.reservedBytes), 0),
    steadyReservedBytes: n > 0 ? steps[n - 1]!.reservedBytes : 0,
    allocatorCallsPerQuery: n > 0 ? steps.reduce((s, q) => s + q.allocatorCalls, 0) / n : 0,
    maxIdleBytes: steps.reduce((m, s) => Math.max(m, s.idleBytes), 0),
    warnings,
    ...extra,
  };
}

function heapHolders(run: readonly RunQuery[]): number {
  return run.reduce((s, q) => s + q.executors.filter((e) => e.holdsHeap).length, 0);
}

export function simulateBoxRun(run: readonly RunQuery[], onlyRan = false): StrategyResult {
  const steps = run.map((q) => {
    const live = onlyRan ? q.executors.filter((e) => e.ran) : q.executors;
    return {
      reservedBytes: live.reduce((s, e) => s + boxBytes(e), 0),
      allocatorCalls: live.length,
      idleBytes: 0,
    };
  });
  if (!onlyRan) return finish('box', steps, []);
  const skipped = run.reduce((s, q) => s + q.executors.filter((e) => !e.ran).length, 0);
  return finish('lazy', steps, [
    skipped === 0
      ? 'Every executor ran (or the queries have no timings): lazy creation saves nothing here.'
      : `${skipped} executor${skipped === 1 ? '' : 's'} never ran and ${skipped === 1 ? 'is' : 'are'} never created; creating on first use adds a branch to each executor's first call.`,
  ]);
}

function arenaWarnings(run: readonly RunQuery[]): string[] {
  const heap = heapHolders(run);
  return heap > 0
    ? [
        `Drop never runs in an arena: ${heap} executor${heap === 1 ? '' : 's'} hold heap data (Vec, String, HashMap, Arc) that leaks unless dropped by hand; reset() runs no destructors either.`,
      ]
    : [];
}

export function simulateBumpRun(
  run: readonly RunQuery[],
  reset: boolean,
  bumpalo?: BumpaloVersion,
): StrategyResult {
  const steps: QueryStep[] = [];
  let kept: number | null = null;
  for (const q of run) {
    const sizes = q.executors.map((e) => e.sizeBytes);
    const aligns = q.executors.map((e) => e.align);
    const sim = simulateArena(sizes, aligns, {
      initialCapacity: reset ? kept : null,
      chunkAllocator: 'glibc',
      ...(bumpalo ? { bumpalo } : {}),
    });
    // A kept chunk is not allocated again: the query's calls are its new chunks only.
    const newChunks = sim.chunks.length - (reset && kept !== null ? 1 : 0);
    if (reset && sim.chunks.length > 0) kept = sim.afterResetBytes;
    steps.push({
      reservedBytes: sim.reservedBytes,
      allocatorCalls: newChunks,
      idleBytes: reset ? (kept ?? 0) : 0,
    });
  }
  return finish(reset ? 'reset-bump' : 'fresh-bump', steps, arenaWarnings(run));
}

export function simulatePoolRun(run: readonly RunQuery[]): StrategyResult {
  // Per kind: pooled objects and the size of one (the largest seen: a pool holds one type).
  const pooled = new Map<string, { count: number; bytes: number }>();
  const steps: QueryStep[] = [];
  let hits = 0;
  let total = 0;
  for (const q of run) {
    const need = new Map<string, { count: number; bytes: number }>();
    for (const e of q.executors) {
      const n = need.get(e.kind) ?? { count: 0, bytes: 0 };
      n.count++;
      n.bytes = Math.max(n.bytes, boxBytes(e));
      need.set(e.kind, n);
    }
    let calls = 0;
    let queryHits = 0;
    for (const [kind, n] of need) {
      const p = pooled.get(kind) ?? { count: 0, bytes: 0 };
      const reused = Math.min(p.count, n.count);
      queryHits += reused;
      calls += n.count - reused;
      // A larger object than the pool's replaces nothing here: the pool is sized for its largest.
      pooled.set(kind, { count: Math.max(p.count, n.count), bytes: Math.max(p.bytes, n.bytes) });
    }
    hits += queryHits;
    total += q.executors.length;
    const held = [...pooled.values()].reduce((s, p) => s + p.count * p.bytes, 0);
    steps.push({ reservedBytes: held, allocatorCalls: calls, idleBytes: held, hits: queryHits });
  }
  const heap = heapHolders(run);
  const warnings = [
    'Every reused executor must have its state reset (counters, buffers, cursors) before the next query.',
  ];
  if (heap > 0)
    warnings.push(
      `${heap} executor${heap === 1 ? '' : 's'} hold heap data: a pooled one keeps its Vec/HashMap capacity while idle, and its contents must be cleared.`,
    );
  return finish('pools', steps, warnings, { hitRate: total > 0 ? hits / total : 0 });
}

export function simulateRun(run: readonly RunQuery[], bumpalo?: BumpaloVersion): StrategyResult[] {
  return [
    simulateBoxRun(run),
    simulateBumpRun(run, false, bumpalo),
    simulateBumpRun(run, true, bumpalo),
    simulatePoolRun(run),
    simulateBoxRun(run, true),
  ];
}

/**
 * One query of a run from a schedule: executors in topological order (the single-query model's
 * default); when any executor has timings, those without never ran.
 */
export function runQueryFromSchedule(label: string, schedule: Schedule): RunQuery {
  const clean = sanitizeSchedule(schedule);
  const timed = clean.executors.some((e) => e.startUs !== undefined && e.endUs !== undefined);
  const { order } = allocationOrder(clean, { kind: 'topological' });
  const executors: RunExecutor[] = [];
  for (const i of order) {
    const e = clean.executors[i]!;
    executors.push({
      kind: e.kind,
      sizeBytes: e.sizeBytes,
      align: e.align,
      ran: !timed || (e.startUs !== undefined && e.endUs !== undefined),
      holdsHeap: e.holdsHeap,
    });
  }
  return { label, executors };
}

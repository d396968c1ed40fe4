import { describe, expect, it } from 'vitest';
import { runQueryFromSchedule, simulateRun, type RunExecutor, type RunQuery } from './query-run';
import { scheduleFromEdges } from '../schedules.fixtures';

const ex = (kind: string, sizeBytes: number, ran = true, holdsHeap = false): RunExecutor => ({
  kind,
  sizeBytes,
  align: 8,
  ran,
  holdsHeap,
});

// Q1: Scan 24, Filter 100 (holds heap), Produce 1000. Q2: Scan 24, Scan 24 (never ran), Filter 100.
// glibc Box chunks (docs/plan-memory-models.md): 24 -> 32, 100 -> 112, 1000 -> 1008.
// bumpalo: Q1 puts 24 and 100 in the first 448-byte chunk (pointer 448 -> 424 -> 324), 1000 does not
// fit: the next chunk is round(max(2 x 448, 1000, round_up(1000, 16) = 1008)) = 2048 - 64 = 1984.
// Q2 (152 bytes) fits in 448, or in the kept 1984-byte chunk after reset().
const RUN: RunQuery[] = [
  { label: 'q1', executors: [ex('Scan', 24), ex('Filter', 100, true, true), ex('Produce', 1000)] },
  { label: 'q2', executors: [ex('Scan', 24), ex('Scan', 24, false), ex('Filter', 100, true, true)] },
];

describe('simulateRun: five strategies over the same two queries, computed by hand', () => {
  const results = new Map(simulateRun(RUN, '3.18').map((r) => [r.key, r]));
  it.each([
    // key, reserved per query, calls per query, idle per query, peak, steady, calls/query, max idle
    ['box', [1152, 176], [3, 3], [0, 0], 1152, 176, 3, 0],
    ['fresh-bump', [2432, 448], [2, 1], [0, 0], 2432, 448, 1.5, 0],
    ['reset-bump', [2432, 1984], [2, 0], [1984, 1984], 2432, 1984, 1, 1984],
    // Pools: Q1 allocates all three (held 1,152); Q2 reuses a Scan and the Filter, allocates one Scan:
    // held 2 x 32 + 112 + 1008 = 1,184.
    ['pools', [1152, 1184], [3, 1], [1152, 1184], 1184, 1184, 2, 1184],
    // Lazy: Q2's second Scan never ran and is never created: 32 + 112.
    ['lazy', [1152, 144], [3, 2], [0, 0], 1152, 144, 2.5, 0],
  ] as const)('%s', (key, reserved, calls, idle, peak, steady, perQuery, maxIdle) => {
    const r = results.get(key)!;
    expect(r.steps.map((s) => s.reservedBytes)).toEqual(reserved);
    expect(r.steps.map((s) => s.allocatorCalls)).toEqual(calls);
    expect(r.steps.map((s) => s.idleBytes)).toEqual(idle);
    expect(r.peakReservedBytes).toBe(peak);
    expect(r.steadyReservedBytes).toBe(steady);
    expect(r.allocatorCallsPerQuery).toBe(perQuery);
    expect(r.maxIdleBytes).toBe(maxIdle);
  });

  it('pools report their hit rate: 2 of 6 executors came from a pool', () => {
    const pools = results.get('pools')!;
    expect(pools.steps.map((s) => s.hits)).toEqual([0, 2]);
    expect(pools.hitRate).toBeCloseTo(2 / 6, 12);
  });

  it.each([
    ['fresh-bump', /Drop never runs in an arena: 2 executors hold heap data/],
    ['reset-bump', /reset\(\) runs no destructors/],
    ['pools', /state reset/],
    ['lazy', /1 executor never ran and is never created/],
  ] as const)('%s warns: %s', (key, pattern) => {
    expect(results.get(key)!.warnings.join(' ')).toMatch(pattern);
  });

  it('an empty run is all zeros', () => {
    for (const r of simulateRun([])) {
      expect([r.peakReservedBytes, r.steadyReservedBytes, r.allocatorCallsPerQuery, r.maxIdleBytes]).toEqual([
        0, 0, 0, 0,
      ]);
    }
  });
});

describe('runQueryFromSchedule', () => {
  it.each([
    ['no timings: every executor ran', {}, [true, true, true]],
    ['timings on 1 and 3 only: 2 never ran', { 1: [0, 5], 3: [5, 9] }, [true, false, true]],
  ] as const)('%s', (_name, timings, ran) => {
    const q = runQueryFromSchedule(
      'q',
      scheduleFromEdges('1>2 2>3', 3, timings as Record<number, [number, number]>),
    );
    expect(q.executors.map((e) => e.ran)).toEqual(ran);
    expect(q.executors.map((e) => e.sizeBytes)).toEqual([8, 8, 8]);
  });
});

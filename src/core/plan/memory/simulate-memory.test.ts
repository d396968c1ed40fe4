import { describe, expect, it } from 'vitest';
import { computeCriticalPath } from '../critical-path';
import { parseScheduleJson } from '../parse-schedule';
import { computeWaves } from '../waves';
import { buildMemorySummary, wasteRatio } from './memory-summary';
import { removedBeforeEnd, simulateScheduleMemory } from './simulate-memory';
import type { MemorySimulationOptions } from './memory-types';

const diamond = parseScheduleJson({
  root_executor_id: 4,
  executors: [
    { id: 4, kind: 'Produce', size_bytes: 32, start_us: 30, end_us: 40 },
    { id: 3, kind: 'Project', size_bytes: 100, start_us: 10, end_us: 15, holds_heap: true },
    { id: 2, kind: 'Filter', size_bytes: 1000, start_us: 10, end_us: 30 },
    { id: 1, kind: 'GetVertices', size_bytes: 24, start_us: 0, end_us: 10 },
  ],
  dependencies: [
    { from: 1, to: 2 },
    { from: 1, to: 3 },
    { from: 2, to: 4 },
    { from: 3, to: 4 },
  ],
}).schedule;

const options = (order: MemorySimulationOptions['order']): MemorySimulationOptions => ({
  order,
  model: { box: 'glibc', arena: { initialCapacity: null, chunkAllocator: 'glibc' } },
});

describe('simulateScheduleMemory', () => {
  it.each([
    ['topological (stable by id)', { kind: 'topological' } as const, ['1', '2', '3', '4']],
    ['input', { kind: 'input' } as const, ['4', '3', '2', '1']],
    [
      'custom, rest appended topologically',
      { kind: 'custom', ids: ['3', '1'] } as const,
      ['3', '1', '2', '4'],
    ],
  ])('allocates in %s order', (_name, order, expected) => {
    expect(simulateScheduleMemory(diamond, options(order)).order).toEqual(expected);
  });

  it('runs both Box models and the arena over the same sequence', () => {
    const sim = simulateScheduleMemory(diamond, options({ kind: 'topological' }));
    expect(Array.from(sim.sizes)).toEqual([24, 1000, 100, 32]);
    expect(sim.box.allocator).toBe('glibc');
    expect(sim.otherBox.allocator).toBe('jemalloc');
    expect(sim.box.allocations).toBe(4);
    expect(sim.box.usedBytes).toBe(1156);
    expect(sim.arena.usedBytes).toBe(1156);
    expect(sim.box.reservedSeries.length).toBe(5);
    expect(sim.arena.reservedSeries.length).toBe(5);
    expect(sim.arena.mallocCalls).toBe(sim.arena.chunks.length);
  });

  it('warns about heap-holding executors, early removal and parallel waves sharing one arena', () => {
    const sim = simulateScheduleMemory(diamond);
    const byCode = Object.fromEntries(sim.warnings.map((w) => [w.code, w]));
    expect(byCode['holds-heap']!.executorIds).toEqual(['3']);
    expect(byCode['holds-heap']!.message).toMatch(/never runs Drop/);
    expect(byCode['removed-before-end']!.executorIds).toEqual(['3', '2', '1']);
    expect(byCode['removed-before-end']!.bytes).toBe(1124);
    expect(byCode['parallel-shared-arena']!.message).toMatch(/Up to 2 executors .* not Sync/);
  });

  it('counts explicitly removed executors without timings, never the root', () => {
    const s = parseScheduleJson({
      root_executor_id: 2,
      executors: [
        { id: 1, kind: 'A', size_bytes: 8, removed: true },
        { id: 2, kind: 'B', size_bytes: 8, removed: true },
      ],
      dependencies: [{ from: 1, to: 2 }],
    }).schedule;
    expect(removedBeforeEnd(s)).toEqual(['1']);
    expect(simulateScheduleMemory(s).warnings.map((w) => w.code)).toEqual(['removed-before-end']);
  });

  it('builds the export shape', () => {
    const waves = computeWaves(diamond);
    const cp = computeCriticalPath(diamond);
    const sim = simulateScheduleMemory(diamond, options({ kind: 'topological' }), waves);
    const summary = buildMemorySummary(diamond, waves, cp, sim);
    expect(Object.keys(summary)).toEqual(['executors', 'waves', 'critical_path_length', 'box', 'arena']);
    expect(summary.executors).toBe(4);
    expect(summary.waves).toBe(waves.waveCount);
    expect(summary.critical_path_length).toBe(40);
    expect(summary.box).toEqual({ reserved_bytes: sim.box.reservedBytes, used_bytes: 1156, allocations: 4 });
    expect(Object.keys(summary.arena)).toEqual([
      'bumpalo',
      'chunks',
      'reserved_bytes',
      'reserved_bytes_including_metadata',
      'used_bytes',
      'padding_bytes',
      'abandoned_tail_bytes',
      'after_reset_bytes',
    ]);
    expect(summary.arena.chunks).toEqual(sim.arena.chunks.map((c) => c.usableBytes));
    expect(summary.arena.bumpalo).toBe('>=3.18');
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('computes waste as a share of reserved bytes', () => {
    expect(wasteRatio(448, 24)).toBeCloseTo(424 / 448);
    expect(wasteRatio(0, 0)).toBe(0);
  });

  it('puts executors on a cycle last and says so', () => {
    const cyclic = parseScheduleJson({
      root_executor_id: 3,
      executors: [1, 2, 3].map((id) => ({ id, kind: 'K', size_bytes: 8 })),
      dependencies: [
        { from: 1, to: 2 },
        { from: 2, to: 1 },
        { from: 2, to: 3 },
      ],
    }).schedule;
    const sim = simulateScheduleMemory(cyclic);
    expect(sim.order).toEqual(['1', '2', '3']);
    expect(sim.warnings.find((w) => w.code === 'cycle')!.executorIds).toEqual(['1', '2', '3']);
  });
});

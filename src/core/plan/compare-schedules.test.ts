import { describe, expect, it } from 'vitest';
import { compareScheduleSummaries, scheduleSummary } from './compare-schedules';
import { computeCriticalPath } from './critical-path';
import { buildMemorySummary } from './memory/memory-summary';
import { simulateScheduleMemory } from './memory/simulate-memory';
import { parseScheduleJson } from './parse-schedule';
import { scheduleFromEdges } from './schedules.fixtures';
import { computeWaves } from './waves';

describe('compareScheduleSummaries', () => {
  // Every executor is 8 bytes, align 8: glibc 8 -> 32 B per Box; the arena's first chunk (448 B)
  // holds them all. A chain of 3 has 3 waves and a critical path of 3; a fan-in 1>3 2>3 has 2 and 2.
  const chain = scheduleSummary(scheduleFromEdges('1>2 2>3', 3));
  const fan = scheduleSummary(scheduleFromEdges('1>3 2>3', 3));
  const longer = scheduleSummary(scheduleFromEdges('1>2 2>3 3>4', 4));

  it.each([
    [
      'the same schedule',
      chain,
      chain,
      [3, 3, 3, 3, 3, 3, 96, 96],
      'same executors, waves, critical path and memory totals',
    ],
    [
      'a chain against a fan-in',
      chain,
      fan,
      [3, 3, 3, 2, 3, 2, 96, 96],
      '2 of 8 figures differ: waves, critical path length',
    ],
    [
      'one more executor',
      chain,
      longer,
      [3, 4, 3, 4, 3, 4, 96, 128],
      '5 of 8 figures differ: executors, waves, critical path length, box reserved bytes, box allocations',
    ],
  ])('%s', (_name, a, b, firstFour, verdict) => {
    const c = compareScheduleSummaries(a, b);
    expect(c.rows.slice(0, 4).flatMap((r) => [r.a, r.b])).toEqual(firstFour);
    expect(c.verdict).toBe(verdict);
  });
});

describe('scheduleSummary: the lean figures equal the full analysis', () => {
  // scheduleSummary works from typed arrays only (what a 1,000,000-executor digest uses); the view
  // builds the summary from computeWaves, computeCriticalPath and simulateScheduleMemory. Same numbers.
  const withDuplicates = parseScheduleJson({
    root_executor_id: 3,
    executors: [
      { id: 1, kind: 'A', size_bytes: 24, align: 8 },
      { id: 2, kind: 'B', size_bytes: 500, align: 16 },
      { id: 2, kind: 'B', size_bytes: 9, align: 8 },
      { id: 3, kind: 'C', size_bytes: 136, align: 64 },
    ],
    dependencies: [
      { from: 1, to: 3 },
      { from: 1, to: 3 },
      { from: 2, to: 3 },
      { from: 2, to: 2 },
      { from: 7, to: 3 },
    ],
  }).schedule;
  it.each([
    ['a chain', scheduleFromEdges('1>2 2>3', 3)],
    ['a fan-in with a join', scheduleFromEdges('1>3 2>3 3>5 4>5', 5)],
    [
      'timings (waves by time, path in µs)',
      scheduleFromEdges('1>3 2>3', 3, { 1: [0, 10], 2: [0, 4], 3: [12, 20] }),
    ],
    ['a cycle behind the root', scheduleFromEdges('1>2 2>1 2>3', 3)],
    ['repeated executors and dependencies, an unknown one', withDuplicates],
    ['empty', { rootId: null, executors: [], edges: [] }],
  ])('%s', (_name, schedule) => {
    const waves = computeWaves(schedule);
    const full = buildMemorySummary(
      schedule,
      waves,
      computeCriticalPath(schedule),
      simulateScheduleMemory(schedule, undefined, waves),
    );
    expect(scheduleSummary(schedule)).toEqual(full);
  });
});

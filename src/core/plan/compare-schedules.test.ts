import { describe, expect, it } from 'vitest';
import { compareScheduleSummaries, scheduleSummary } from './compare-schedules';
import { scheduleFromEdges } from './schedules.fixtures';

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

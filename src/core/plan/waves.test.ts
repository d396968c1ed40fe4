import { describe, expect, it } from 'vitest';
import { computeWaves, runnableSetAt } from './waves';
import { scheduleFromEdges } from './schedules.fixtures';
import type { Schedule } from './types';

const schedule = scheduleFromEdges;

/** Runnable sets per step, derived from the rule "runnable once all dependencies have completed". */
function runnableSets(s: Schedule): string[][] {
  const w = computeWaves(s);
  return w.steps.map((_, k) => runnableSetAt(w, k)).filter((set) => set.length > 0);
}

describe('waves by steps', () => {
  it.each([
    ['chain', schedule('1>2 2>3 3>4', 4), [['1'], ['2'], ['3'], ['4']], 1],
    ['diamond', schedule('1>2 1>3 2>4 3>4', 4), [['1'], ['2', '3'], ['4']], 2],
    [
      'wide fan-out',
      schedule(Array.from({ length: 10 }, (_, i) => `1>${i + 2} ${i + 2}>20`).join(' '), 20),
      [['1'], Array.from({ length: 10 }, (_, i) => String(i + 2)), ['20']],
      10,
    ],
    ['two sources', schedule('1>3 2>3 3>4 2>4', 4), [['1', '2'], ['3'], ['4']], 2],
  ])('%s', (_name, s, expected, maxParallelism) => {
    const w = computeWaves(s);
    expect(w.mode).toBe('steps');
    expect(runnableSets(s)).toEqual(expected);
    expect(w.maxParallelism).toBe(maxParallelism);
    expect(w.waveCount).toBe(expected.length);
    expect(Array.from(w.parallelism)).toEqual([...expected.map((set) => set.length), 0]);
    expect(w.neverRunnable).toEqual([]);
    // The last step completes the last wave.
    expect(w.steps[w.steps.length - 1]!.completed).toEqual(expected[expected.length - 1]);
  });

  it('makes an executor runnable only when all of its dependencies have completed', () => {
    // 4 depends on 1 (step 0) and on 3 (step 2): it waits for 3.
    const w = computeWaves(schedule('1>2 2>3 3>4 1>4', 4));
    expect(w.runnableAt.get('4')).toBe(3);
    expect(w.completedAt.get('1')).toBe(1);
  });

  it('stops at a cycle and names the executors that never became runnable', () => {
    const w = computeWaves(schedule('1>2 2>3 3>4 4>2 4>5', 5));
    expect(runnableSetAt(w, 0)).toEqual(['1']);
    expect(w.neverRunnable).toEqual(['2', '3', '4', '5']);
    expect(w.stopReason).toMatch(/4 executors never became runnable .* 2, 3, 4, 5/);
    expect(w.waveCount).toBe(1);
  });

  it('handles an empty schedule', () => {
    const w = computeWaves({ rootId: null, executors: [], edges: [] });
    expect(w.steps).toEqual([]);
    expect(w.maxParallelism).toBe(0);
  });
});

describe('waves by timings', () => {
  // Diamond: 1 [0,10], 2 [10,30], 3 [10,15], 4 [30,40]
  const timed = schedule('1>2 1>3 2>4 3>4', 4, { 1: [0, 10], 2: [10, 30], 3: [10, 15], 4: [30, 40] });

  it('has one step per end time: what completes, what becomes runnable', () => {
    const w = computeWaves(timed);
    expect(w.mode).toBe('timings');
    expect(w.steps.map((s) => [s.timeUs, s.completed, s.becameRunnable, s.runnableCount])).toEqual([
      [0, [], ['1'], 1],
      [10, ['1'], ['2', '3'], 2],
      [15, ['3'], [], 1],
      [30, ['2'], ['4'], 1],
      [40, ['4'], [], 0],
    ]);
    expect(w.waveCount).toBe(4);
  });

  it('can be forced to steps, and falls back to steps when timings are partial', () => {
    expect(computeWaves(timed, { mode: 'steps' }).mode).toBe('steps');
    const partial = schedule('1>2', 2, { 1: [0, 5] });
    const w = computeWaves(partial, { mode: 'timings' });
    expect(w.mode).toBe('steps');
    expect(w.fallbackReason).toMatch(/no start_us\/end_us/);
  });

  it('completes an executor no earlier than it became runnable when its recorded end is earlier', () => {
    const odd = schedule('1>2', 2, { 1: [0, 50], 2: [5, 10] });
    const w = computeWaves(odd);
    expect(w.completedAt.get('2')).toBe(w.runnableAt.get('2'));
  });
});

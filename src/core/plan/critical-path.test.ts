import { describe, expect, it } from 'vitest';
import { computeCriticalPath } from './critical-path';
import { scheduleFromEdges } from './schedules.fixtures';

const schedule = scheduleFromEdges;

describe('critical path by time', () => {
  const t: Record<number, [number, number]> = { 1: [0, 10], 2: [10, 30], 3: [10, 15], 4: [30, 40] };
  const s = schedule('1>2 1>3 2>4 3>4', 4, t);
  const dur = (id: number): number => t[id]![1] - t[id]![0];

  it('sums durations along the longest chain', () => {
    const cp = computeCriticalPath(s);
    expect(cp.unit).toBe('us');
    expect(cp.path).toEqual(['1', '2', '4']);
    expect(cp.length).toBe(dur(1) + dur(2) + dur(4));
    expect(cp.complete).toBe(true);
  });

  it('gives slack: zero on the path, the gap elsewhere', () => {
    const cp = computeCriticalPath(s);
    for (const id of cp.path) expect(cp.slack.get(id)!.slack).toBe(0);
    const three = cp.slack.get('3')!;
    expect(three.earliestStart).toBe(dur(1));
    expect(three.slack).toBe(dur(2) - dur(3));
    expect(three.latestStart).toBe(dur(1) + dur(2) - dur(3));
  });

  it('can be counted in executors instead', () => {
    const cp = computeCriticalPath(s, { unit: 'executors' });
    expect(cp.unit).toBe('executors');
    expect(cp.length).toBe(3);
  });
});

describe('critical path by executor count', () => {
  it.each([
    ['chain', schedule('1>2 2>3 3>4', 4), ['1', '2', '3', '4']],
    ['diamond (ties by smallest id)', schedule('1>2 1>3 2>4 3>4', 4), ['1', '2', '4']],
    ['long branch wins', schedule('1>2 2>3 3>9 1>9 5>9', 9), ['1', '2', '3', '9']],
  ])('%s', (_name, s, path) => {
    const cp = computeCriticalPath(s);
    expect(cp.unit).toBe('executors');
    expect(cp.path).toEqual(path);
    expect(cp.length).toBe(path.length);
  });

  it('marks the result incomplete when a cycle keeps executors out', () => {
    const cp = computeCriticalPath(schedule('1>2 2>3 3>2 3>4', 4));
    expect(cp.complete).toBe(false);
    expect(cp.path).toEqual(['1']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseScheduleJson } from './parse-schedule';
import { MAX_ALIGN, MAX_SIZE_BYTES } from './executor-values';
import { findCycles } from './find-cycles';
import { validateSchedule } from './validate-schedule';
import type { ProblemCode, Schedule } from './types';

/** A schedule in the edge-list JSON shape; `edges` as "1>2 2>3". */
function json(
  edges: string,
  root: number | null,
  overrides: Record<number, Record<string, unknown>> = {},
  ids?: number[],
) {
  const pairs = edges
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p.split('>').map(Number) as [number, number]);
  const all = ids ?? [...new Set(pairs.flat().concat(root === null ? [] : [root]))].sort((a, b) => a - b);
  return {
    root_executor_id: root,
    executors: all.map((id) => ({ id, kind: 'Filter', size_bytes: 64, align: 8, ...overrides[id] })),
    dependencies: pairs.map(([from, to]) => ({ from, to })),
  };
}

const codes = (value: unknown): ProblemCode[] => parseScheduleJson(value).problems.map((p) => p.code);

describe('validateSchedule: every rule', () => {
  it('accepts a valid diamond with no problems', () => {
    const parsed = parseScheduleJson(json('1>2 1>3 2>4 3>4', 4));
    expect(parsed.problems).toEqual([]);
    expect(parsed.ok).toBe(true);
  });

  const cases: [string, unknown, ProblemCode, RegExp][] = [
    ['a cycle, named in order', json('1>4 4>7 7>9 9>4 9>10', 10), 'cycle', /cycle: 4 → 7 → 9 → 4/],
    [
      'an unknown dependency id',
      {
        ...json('1>2', 2),
        dependencies: [
          { from: 1, to: 2 },
          { from: 99, to: 2 },
        ],
      },
      'unknown-dependency',
      /depends on 99, which is not in the schedule/,
    ],
    ['a duplicate id', json('1>2', 2, {}, [1, 2, 2]), 'duplicate-id', /id 2 is used 2 times/],
    ['a missing root', json('1>2 2>3', null), 'missing-root', /only executor nothing depends on is 3/],
    [
      'a root that is not an executor',
      { ...json('1>2', 2), root_executor_id: 5 },
      'unknown-root',
      /root executor 5 is not among the executors/,
    ],
    [
      'a root that has successors',
      json('1>2 2>3', 2),
      'root-has-successors',
      /root executor 2 has successor 3/,
    ],
    [
      'executors that cannot reach the root',
      json('1>2 1>3', 2),
      'unreachable',
      /1 executor cannot reach the root 2.*: 3/,
    ],
    ['a negative size', json('1>2', 2, { 1: { size_bytes: -8 } }), 'invalid-size', /size_bytes -8/],
    ['a non-integer size', json('1>2', 2, { 1: { size_bytes: 12.5 } }), 'invalid-size', /size_bytes 12.5/],
    [
      'an absurd size',
      json('1>2', 2, { 1: { size_bytes: MAX_SIZE_BYTES + 1 } }),
      'absurd-size',
      /over 1 TiB/,
    ],
    [
      'an alignment that is not a power of two',
      json('1>2', 2, { 2: { align: 12 } }),
      'invalid-align',
      /align 12.*not a power of two/,
    ],
    [
      'an alignment beyond the maximum',
      json('1>2', 2, { 2: { align: MAX_ALIGN * 2 } }),
      'invalid-align',
      /more than 65,536/,
    ],
    ['a zero alignment', json('1>2', 2, { 2: { align: 0 } }), 'invalid-align', /align 0/],
    [
      'a wrong type, with its JSON path',
      json('1>2', 2, { 1: { size_bytes: 'big' } }),
      'wrong-type',
      /size_bytes must be a number/,
    ],
    ['a self-dependency', json('1>1 1>2', 2), 'self-dependency', /depends on itself/],
    [
      'end before start',
      json('1>2', 2, { 1: { start_us: 10, end_us: 5 }, 2: { start_us: 10, end_us: 20 } }),
      'invalid-timing',
      /ends \(5 µs\) before it starts/,
    ],
    [
      'partial timings',
      json('1>2', 2, { 1: { start_us: 0, end_us: 5 } }),
      'partial-timings',
      /1 of 2 executors have no start_us/,
    ],
    [
      'a start before a dependency ends',
      json('1>2', 2, { 1: { start_us: 0, end_us: 50 }, 2: { start_us: 10, end_us: 60 } }),
      'timing-order',
      /starts at 10 µs, before its dependency 1 ends at 50 µs/,
    ],
    [
      'a start before a dependency ends, with only those two times given',
      json('1>2', 2, { 1: { end_us: 50 }, 2: { start_us: 10 } }),
      'timing-order',
      /starts at 10 µs, before its dependency 1 ends at 50 µs/,
    ],
    [
      'a duplicate edge',
      {
        ...json('1>2', 2),
        dependencies: [
          { from: 1, to: 2 },
          { from: 1, to: 2 },
        ],
      },
      'duplicate-edge',
      /listed more than once/,
    ],
    ['an empty schedule', { root_executor_id: 1, executors: [], dependencies: [] }, 'empty', /no executors/],
    ['negative rows', json('1>2', 2, { 1: { rows: -1 } }), 'invalid-rows', /rows -1/],
  ];

  it.each(cases)('reports %s', (_name, value, code, message) => {
    const parsed = parseScheduleJson(value);
    const found = parsed.problems.filter((p) => p.code === code);
    expect(found.length, JSON.stringify(parsed.problems, null, 1)).toBeGreaterThan(0);
    expect(found.map((p) => p.message).join('\n')).toMatch(message);
  });

  it('gives JSON paths for field problems', () => {
    const parsed = parseScheduleJson(json('1>2', 2, { 2: { size_bytes: 'big', align: 3 } }));
    const paths = parsed.problems.map((p) => p.path);
    expect(paths).toContain('$.executors[1].size_bytes');
    expect(paths).toContain('$.executors[1].align');
  });

  it('lists errors before warnings', () => {
    const parsed = parseScheduleJson(json('1>2 2>3', 2, { 1: { start_us: 0, end_us: 5 } }));
    const severities = parsed.problems.map((p) => p.severity);
    expect(severities).toEqual([...severities].sort());
    expect(parsed.ok).toBe(false);
  });

  it('still yields the best-effort graph: duplicates and unknown edges dropped, cycles kept', () => {
    const value = json('1>2 2>3 3>2 3>4', 4, {}, [1, 2, 2, 3, 4]);
    value.dependencies.push({ from: 77, to: 4 });
    const parsed = parseScheduleJson(value);
    expect(parsed.schedule.executors.map((e) => e.id)).toEqual(['1', '2', '3', '4']);
    expect(parsed.schedule.edges).toHaveLength(4);
    expect(codes(value)).toEqual(expect.arrayContaining(['duplicate-id', 'unknown-dependency', 'cycle']));
  });

  it('summarizes past 20 problems of one kind', () => {
    const ids = Array.from({ length: 50 }, (_, i) => i + 1);
    const overrides = Object.fromEntries(ids.map((id) => [id, { size_bytes: -1 }]));
    const value = json(
      ids
        .slice(1)
        .map((id) => `${id}>1`)
        .join(' '),
      1,
      overrides,
      ids,
    );
    const invalid = parseScheduleJson(value).problems.filter((p) => p.code === 'invalid-size');
    expect(invalid).toHaveLength(21);
    expect(invalid[20]!.message).toMatch(/30 more problems/);
  });
});

describe('findCycles', () => {
  it('finds one cycle per strongly connected component, starting at its smallest id', () => {
    const s: Schedule = parseScheduleJson(json('1>2 2>3 3>1 5>6 6>5 3>7 6>7', 7)).schedule;
    const cycles = findCycles(s);
    expect(cycles.map((c) => c.path)).toEqual([
      ['1', '2', '3'],
      ['5', '6'],
    ]);
  });

  it('names a short loop inside a larger component', () => {
    const s = parseScheduleJson(json('1>2 2>1 2>3 3>4 4>2 4>9', 9)).schedule;
    const [cycle] = findCycles(s);
    expect(cycle!.path).toEqual(['1', '2']);
    expect(cycle!.component).toEqual(['1', '2', '3', '4']);
    expect(validateSchedule(s).find((p) => p.code === 'cycle')!.message).toMatch(
      /4 executors are caught in this loop/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseScheduleJson } from './parse-schedule';

/** The engine shape: a root with `n` dependencies, each listing the root among its successors. */
function star(n: number, forget: number | null) {
  const leaves = Array.from({ length: n }, (_, i) => i + 1);
  const root = n + 1;
  return {
    root_executor_id: root,
    executors: [...leaves, root].map((id) => ({ id, kind: 'K', size_bytes: 8 })),
    dependencies: [
      ...leaves.map((id) => ({ executor_id: id, dependencies: [], successors: id === forget ? [] : [root] })),
      { executor_id: root, dependencies: leaves, successors: [] },
    ],
  };
}

describe('engine shape: both sides of every dependency compared, also for long lists', () => {
  it.each([
    ['a short list, consistent', 5, null, 0],
    ['a short list, one side missing', 5, 3, 1],
    ['a list longer than a scan (looked up in a set), consistent', 200, null, 0],
    ['a list longer than a scan, one side missing', 200, 150, 1],
  ])('%s', (_name, n, forget, mismatches) => {
    const parsed = parseScheduleJson(star(n, forget));
    const found = parsed.problems.filter((p) => p.code === 'dependency-mismatch');
    expect(found).toHaveLength(mismatches);
    if (forget !== null) {
      expect(found[0]!.executorIds).toEqual([String(forget), String(n + 1)]);
      expect(found[0]!.path).toBe(`$.dependencies[${n}].dependencies[${forget - 1}]`);
    }
    // Each dependency once, though listed on both sides.
    expect(parsed.schedule.edges).toHaveLength(n);
  });

  it('names where a repeated edge was read, from the entry and list position', () => {
    const parsed = parseScheduleJson({
      root_executor_id: 2,
      executors: [1, 2].map((id) => ({ id, kind: 'K', size_bytes: 8 })),
      dependencies: [{ executor_id: 2, dependencies: [1, 2] }],
    });
    expect(parsed.problems.find((p) => p.code === 'self-dependency')?.path).toBe(
      '$.dependencies[0].dependencies[1]',
    );
  });
});

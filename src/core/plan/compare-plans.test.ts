import { describe, expect, it } from 'vitest';
import { comparePlanGraphs, pairChildren } from './compare-plans';
import { parseDuckDbProfile } from './duckdb-profile';
import type { PlanNode } from './types';

const n = (kind: string, label = kind, table?: string): PlanNode => ({
  id: '',
  kind,
  label,
  metrics: table === undefined ? {} : { 'extra:Table': table },
});

describe('pairChildren', () => {
  it.each([
    [
      'same order',
      [n('SCAN', 'SCAN', 'a'), n('SCAN', 'SCAN', 'b')],
      [n('SCAN', 'SCAN', 'a'), n('SCAN', 'SCAN', 'b')],
      [
        [0, 0],
        [1, 1],
      ],
      [],
      [],
    ],
    [
      'swapped inputs',
      [n('SCAN', 'SCAN', 'a'), n('SCAN', 'SCAN', 'b')],
      [n('SCAN', 'SCAN', 'b'), n('SCAN', 'SCAN', 'a')],
      [
        [0, 1],
        [1, 0],
      ],
      [],
      [],
    ],
    [
      'same type, other name: by position',
      [n('SCAN', 'SEQ_SCAN')],
      [n('SCAN', 'INDEX_SCAN')],
      [[0, 0]],
      [],
      [],
    ],
    ['a new input', [n('FILTER')], [n('PROJECTION'), n('FILTER')], [[0, 1]], [], [0]],
    ['an input gone', [n('FILTER'), n('SCAN')], [n('SCAN')], [[1, 0]], [0], []],
  ] as const)('%s', (_name, a, b, pairs, onlyA, onlyB) => {
    const result = pairChildren(a, b);
    expect([...result.pairs].sort((x, y) => x[0] - y[0])).toEqual(pairs);
    expect(result.onlyA).toEqual(onlyA);
    expect(result.onlyB).toEqual(onlyB);
  });
});

const op = (type: string, timing: number, rows: number, children: object[] = [], table?: string) => ({
  operator_type: type,
  operator_timing: timing,
  operator_cardinality: rows,
  extra_info: table ? { Table: table } : {},
  children,
});

describe('comparePlanGraphs', () => {
  const first = parseDuckDbProfile({
    children: [
      op('PROJECTION', 0.001, 10, [
        op('HASH_JOIN', 0.01, 10, [
          op('TABLE_SCAN', 0.002, 100, [], 'a'),
          op('TABLE_SCAN', 0.001, 50, [], 'b'),
        ]),
      ]),
    ],
  }).graph;

  it('matches identical plans with no deltas', () => {
    const c = comparePlanGraphs(first, first);
    expect(c.rows.map((r) => r.status)).toEqual(['matched', 'matched', 'matched', 'matched']);
    expect(c.joinOrderChanged).toBe(false);
    expect(c.verdict).toBe('same plan shape; about the same operator time');
  });

  it('sees swapped join inputs, a new filter, and names the operator that got slower', () => {
    const second = parseDuckDbProfile({
      children: [
        op('PROJECTION', 0.001, 10, [
          op('HASH_JOIN', 0.032, 12, [
            op('TABLE_SCAN', 0.001, 50, [], 'b'),
            op('FILTER', 0.002, 20, [op('TABLE_SCAN', 0.002, 100, [], 'a')]),
          ]),
        ]),
      ],
    }).graph;
    const c = comparePlanGraphs(first, second);
    // Merged tree in the second plan's order: the FILTER is new and its scan is new under it;
    // the first plan's scan of a (matched to nothing at that level) is removed.
    expect(c.rows.map((r) => [r.status, r.kind, r.depth, r.aId, r.bId])).toEqual([
      ['matched', 'PROJECTION', 0, '0', '0'],
      ['matched', 'HASH_JOIN', 1, '1', '1'],
      ['matched', 'TABLE_SCAN', 2, '3', '2'],
      ['added', 'FILTER', 2, null, '3'],
      ['added', 'TABLE_SCAN', 3, null, '4'],
      ['removed', 'TABLE_SCAN', 2, '2', null],
    ]);
    expect(c.joinOrderChanged).toBe(true);
    expect([c.matched, c.added, c.removed]).toEqual([3, 2, 1]);
    // Totals 0.014 -> 0.038 s (2.7x); HASH_JOIN 0.010 -> 0.032 s (3.2x) moved most.
    expect(c.verdict).toBe(
      'join order changed; 2 operators added, 1 removed; 2.7× slower in total; 3.2× slower in HASH_JOIN #1',
    );
    const join = c.rows[1]!;
    expect([join.timeA, join.timeB, join.rowsA, join.rowsB]).toEqual([0.01, 0.032, 10, 12]);
  });

  it('treats plans with different root types as all removed and all added', () => {
    const other = parseDuckDbProfile({ children: [op('ORDER_BY', 0.001, 1)] }).graph;
    const c = comparePlanGraphs(first, other);
    expect([c.matched, c.added, c.removed]).toEqual([0, 1, 4]);
  });

  it('says which way and where when the second is faster', () => {
    const faster = parseDuckDbProfile({
      children: [
        op('PROJECTION', 0.001, 10, [
          op('HASH_JOIN', 0.002, 10, [
            op('TABLE_SCAN', 0.002, 100, [], 'a'),
            op('TABLE_SCAN', 0.001, 50, [], 'b'),
          ]),
        ]),
      ],
    }).graph;
    expect(comparePlanGraphs(first, faster).verdict).toBe(
      'same plan shape; 2.3× faster in total; 5.0× faster in HASH_JOIN #1',
    );
  });
});

import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parseTraceTable } from '../parse-trace-table';
import type { TraceColumns } from '../types';
import { buildTraceRun, orderTraceQueries, traceRunFromTable } from './trace-run';

type Timing = [number, number] | null;

/** A trace table from rows [query_id, executor_id, kind, size_bytes, deps, timing, holds_heap]. */
function trace(rows: [string, number, string, number, string, Timing, boolean][]): TraceColumns {
  return {
    query_id: rows.map((r) => r[0]),
    executor_id: rows.map((r) => r[1]),
    kind: rows.map((r) => r[2]),
    size_bytes: rows.map((r) => r[3]),
    deps: rows.map((r) => r[4]),
    start_us: rows.map((r) => r[5]?.[0] ?? null),
    end_us: rows.map((r) => r[5]?.[1] ?? null),
    holds_heap: rows.map((r) => r[6]),
  };
}

/** Two executors per query, a chain 1 -> 2, with the given spans per query id (null: no timings). */
function twoQueries(spans: Record<string, Timing>): TraceColumns {
  return trace(
    Object.entries(spans).flatMap(([q, s]) => [
      [q, 1, 'Scan', 24, '', s, false],
      [q, 2, 'Produce', 24, '1', s, false],
    ]),
  );
}

describe('orderTraceQueries: table order unless start times are one clock', () => {
  it.each([
    ['no timings', { a: null, b: null }, 'table', ['a', 'b'], /not every query has start_us/],
    ['one query without timings', { a: [100, 200], b: null }, 'table', ['a', 'b'], /not every query/],
    // The shipped sample's case: every query's clock starts near 0.
    ['per-query clocks', { a: [0, 50], b: [2, 40] }, 'table', ['a', 'b'], /overlap/],
    ['disjoint spans, table order reversed', { a: [100, 200], b: [0, 50] }, 'start', ['b', 'a'], /one clock/],
    ['one query ends as the next starts', { a: [0, 50], b: [50, 90] }, 'start', ['a', 'b'], /one clock/],
    ['a single query', { a: [0, 50] }, 'table', ['a'], /there is one query/],
  ] as const)('%s', (_name, spans, by, ids, reason) => {
    const { queries } = parseTraceTable(twoQueries(spans as Record<string, Timing>));
    const order = orderTraceQueries(queries);
    expect(order.by).toBe(by);
    expect(order.indexes.map((i) => queries[i]!.queryId)).toEqual(ids);
    expect(order.reason).toMatch(reason);
  });
});

// Query 20: Scan 24 -> Filter 100 (holds heap) -> Produce 1000. Query 10: Scan 24, Scan 24 -> Filter
// 100, where the second Scan has no timings when the query has some (it never ran).
// glibc Box chunks (docs/plan-memory-models.md): 24 -> 32, 100 -> 112, 1000 -> 1008.
function sample(t20: Timing, t10: Timing): TraceColumns {
  return trace([
    ['20', 1, 'Scan', 24, '', t20, false],
    ['20', 2, 'Filter', 100, '1', t20, true],
    ['20', 3, 'Produce', 1000, '2', t20, false],
    ['10', 1, 'Scan', 24, '', t10, false],
    ['10', 2, 'Scan', 24, '', null, false],
    ['10', 3, 'Filter', 100, '1;2', t10, true],
  ]);
}

describe('buildTraceRun: the strategies over every query of a trace, in order (by hand)', () => {
  it.each([
    // Query 20 has no timings: table order, 20 then 10 (query-run.test.ts's two queries).
    // Fresh Bump: 20 needs 448 + 1984 (1000 does not fit behind 24 + 100), 10 fits in 448.
    // Reset: 10 starts in the kept 1984 chunk. Pools: 10 reuses a Scan and the Filter.
    // Lazy: 10's second Scan never ran: 32 + 112.
    {
      name: 'table order',
      t20: null,
      ids: ['20', '10'],
      ran: [3, 2],
      expected: {
        box: [
          [1152, 176],
          [3, 3],
          [0, 0],
        ],
        'fresh-bump': [
          [2432, 448],
          [2, 1],
          [0, 0],
        ],
        'reset-bump': [
          [2432, 1984],
          [2, 0],
          [1984, 1984],
        ],
        pools: [
          [1152, 1184],
          [3, 1],
          [1152, 1184],
        ],
        lazy: [
          [1152, 144],
          [3, 2],
          [0, 0],
        ],
      },
    },
    // Query 20 at 100..200, 10 at 0..50: one clock, 10 runs first.
    // Reset: 10 makes a 448 chunk and keeps it; 20 starts in it (24 + 104 at 8-alignment), 1000
    // needs a new chunk: round(max(2 x 448, 1000, 1008)) = 2048 - 64 = 1984; one call, 1984 kept.
    // Pools: 10 pools two Scans and a Filter (176); 20 reuses a Scan and the Filter, allocates a
    // Produce: 2 x 32 + 112 + 1008 = 1184.
    {
      name: 'start order',
      t20: [100, 200] as Timing,
      ids: ['10', '20'],
      ran: [2, 3],
      expected: {
        box: [
          [176, 1152],
          [3, 3],
          [0, 0],
        ],
        'fresh-bump': [
          [448, 2432],
          [1, 2],
          [0, 0],
        ],
        'reset-bump': [
          [448, 2432],
          [1, 1],
          [448, 1984],
        ],
        pools: [
          [176, 1184],
          [3, 1],
          [176, 1184],
        ],
        lazy: [
          [144, 1152],
          [2, 3],
          [0, 0],
        ],
      },
    },
  ])('$name', ({ t20, ids, ran, expected }) => {
    const run = buildTraceRun(parseTraceTable(sample(t20, [0, 50])), '3.18');
    expect(run.queries.map((q) => q.queryId)).toEqual(ids);
    expect(run.queries.map((q) => q.ran)).toEqual(ran);
    expect(run.queries.map((q) => q.executors)).toEqual([3, 3]);
    expect(run.executors).toBe(6);
    for (const r of run.results) {
      const [reserved, calls, idle] = expected[r.key];
      expect(
        r.steps.map((s) => s.reservedBytes),
        r.key,
      ).toEqual(reserved);
      expect(
        r.steps.map((s) => s.allocatorCalls),
        r.key,
      ).toEqual(calls);
      expect(
        r.steps.map((s) => s.idleBytes),
        r.key,
      ).toEqual(idle);
    }
  });

  it('counts a query’s validation errors and passes table problems on as text', () => {
    const cols = trace([
      ['1', 1, 'Scan', 24, '2', null, false],
      ['1', 2, 'Scan', 24, '1', null, false],
    ]);
    const run = buildTraceRun(parseTraceTable(cols));
    expect(run.queries[0]!.errors).toBeGreaterThan(0);
    expect(run.tableProblems).toEqual([]);
    const missing = buildTraceRun(parseTraceTable({ ...cols, deps: undefined } as unknown as TraceColumns));
    expect(missing.queries).toEqual([]);
    expect(missing.tableProblems.join(' ')).toMatch(/lacks the column deps/);
  });

  it('an Arrow table gives the same run as its plain columns', () => {
    const cols = sample(null, [0, 50]);
    const table = tableFromArrays({
      query_id: cols.query_id as string[],
      executor_id: Int32Array.from(cols.executor_id as number[]),
      kind: cols.kind as string[],
      size_bytes: Float64Array.from(cols.size_bytes as number[]),
      deps: cols.deps as string[],
    });
    const plain = buildTraceRun(
      parseTraceTable({ ...cols, start_us: undefined, end_us: undefined, holds_heap: undefined }),
    );
    expect(traceRunFromTable(table)).toEqual(plain);
  });
});

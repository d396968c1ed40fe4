import { describe, expect, it } from 'vitest';
import { parseTraceTable, readDepsCell } from './parse-trace-table';
import type { TraceColumns } from './types';

/** Rows -> columns, as the UI would hand them over from an Arrow table or CSV. */
function columns(rows: Record<string, unknown>[]): TraceColumns {
  const keys = Object.keys(rows[0]!);
  return Object.fromEntries(keys.map((k) => [k, rows.map((r) => r[k])])) as unknown as TraceColumns;
}

const rows = [
  {
    query_id: 1,
    executor_id: 10,
    kind: 'GetVertices',
    size_bytes: 96,
    align: 8,
    deps: [],
    start_us: 0,
    end_us: 5,
    rows: 100,
  },
  {
    query_id: 1,
    executor_id: 11,
    kind: 'Filter',
    size_bytes: 64,
    align: 8,
    deps: [10],
    start_us: 5,
    end_us: 9,
    rows: 40,
  },
  {
    query_id: 1,
    executor_id: 12,
    kind: 'Produce',
    size_bytes: 32,
    align: 8,
    deps: [11],
    start_us: 9,
    end_us: 10,
    rows: 40,
  },
  {
    query_id: 2,
    executor_id: 10,
    kind: 'Start',
    size_bytes: 16,
    align: 8,
    deps: [],
    start_us: 0,
    end_us: 1,
    rows: 1,
  },
  {
    query_id: 2,
    executor_id: 20,
    kind: 'Limit',
    size_bytes: 24,
    align: 8,
    deps: [10],
    start_us: 1,
    end_us: 2,
    rows: 1,
  },
];

describe('parseTraceTable', () => {
  it('makes one schedule per query_id, in order of appearance, root = the executor nothing depends on', () => {
    const trace = parseTraceTable(columns(rows));
    expect(trace.problems).toEqual([]);
    expect(trace.queries.map((q) => [q.queryId, q.rowCount, q.parsed.schedule.rootId, q.parsed.ok])).toEqual([
      ['1', 3, '12', true],
      ['2', 2, '20', true],
    ]);
    const q1 = trace.queries[0]!.parsed.schedule;
    expect(q1.queryId).toBe('1');
    expect(q1.edges).toEqual([
      { from: '10', to: '11' },
      { from: '11', to: '12' },
    ]);
    expect(q1.executors[0]).toMatchObject({
      kind: 'GetVertices',
      sizeBytes: 96,
      startUs: 0,
      endUs: 5,
      rows: 100,
    });
  });

  it.each([
    ['an array', [1, 2], ['1', '2']],
    [
      'a BigInt64Array (Arrow list<int64>)',
      BigInt64Array.from([1n, 9007199254740993n]),
      ['1', '9007199254740993'],
    ],
    ['JSON text', '[1, 2]', ['1', '2']],
    ['separated text', '1;2', ['1', '2']],
    ['space separated text', '1 2', ['1', '2']],
    ['empty text', '', []],
    ['null', null, []],
    [
      'an Arrow-like list cell',
      {
        length: 2,
        *[Symbol.iterator]() {
          yield 1n;
          yield 2n;
        },
      },
      ['1', '2'],
    ],
  ])('reads deps given as %s', (_name, cell, expected) => {
    const deps = readDepsCell(cell);
    expect(deps!.map((d) => String(d))).toEqual(expected);
  });

  it('accepts Arrow-like columns with get(i) and bigint cells', () => {
    const col = (values: unknown[]) => ({ length: values.length, get: (i: number) => values[i] });
    const trace = parseTraceTable({
      query_id: col([7n, 7n]),
      executor_id: col([1n, 2n]),
      kind: col(['Start', 'Produce']),
      size_bytes: col([8n, 16n]),
      deps: col([BigInt64Array.from([]), BigInt64Array.from([1n])]),
    });
    expect(trace.queries).toHaveLength(1);
    expect(trace.queries[0]!.parsed.schedule.rootId).toBe('2');
    expect(trace.queries[0]!.parsed.ok).toBe(true);
  });

  it('flags an ambiguous root and picks the executor that ends last', () => {
    const trace = parseTraceTable(
      columns([
        { query_id: 'q', executor_id: 1, kind: 'A', size_bytes: 8, deps: [], start_us: 0, end_us: 5 },
        { query_id: 'q', executor_id: 2, kind: 'B', size_bytes: 8, deps: [1], start_us: 5, end_us: 20 },
        { query_id: 'q', executor_id: 3, kind: 'C', size_bytes: 8, deps: [1], start_us: 5, end_us: 9 },
      ]),
    );
    const parsed = trace.queries[0]!.parsed;
    expect(parsed.schedule.rootId).toBe('2');
    const problem = parsed.problems.find((p) => p.code === 'ambiguous-root')!;
    expect(problem.message).toMatch(/2 executors have no successors \(2, 3\).*2 \(the last to end\) is used/);
  });

  it('locates problems by row and column', () => {
    const trace = parseTraceTable(
      columns([
        { query_id: 1, executor_id: 1, kind: 'A', size_bytes: 'lots', align: null, deps: [] },
        { query_id: 1, executor_id: 2, kind: 'B', size_bytes: 8, align: 3, deps: [1, 99] },
      ]),
    );
    const problems = trace.queries[0]!.parsed.problems;
    expect(problems.find((p) => p.code === 'wrong-type')!.path).toBe('row 1, column size_bytes');
    expect(problems.find((p) => p.code === 'invalid-align')!.path).toBe('row 2, column align');
    expect(problems.find((p) => p.code === 'unknown-dependency')!.path).toBe('row 2, column deps');
  });

  it('reports missing columns and mismatched lengths without throwing', () => {
    const missing = parseTraceTable({
      query_id: [1],
      executor_id: [1],
      kind: ['A'],
    } as unknown as TraceColumns);
    expect(missing.queries).toEqual([]);
    expect(missing.problems[0]!.message).toMatch(/lacks the columns size_bytes, deps/);
    const uneven = parseTraceTable({
      query_id: [1, 1],
      executor_id: [1, 2],
      kind: ['A', 'B'],
      size_bytes: [1, 2],
      deps: [[]],
    });
    expect(uneven.problems[0]!.message).toMatch(/only the first 1 rows are read/);
  });
});

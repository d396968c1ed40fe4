import { describe, expect, it } from 'vitest';
import nativeProfile from '../../../docs/formats/examples/duckdb-profile-native.json';
import { looksLikeDuckDbPlan, parseDuckDbProfile } from './duckdb-profile';

// Shape of DuckDB 1.4 `EXPLAIN (ANALYZE, FORMAT JSON)` as DuckDB 1.4 writes it (the Node DuckDB-WASM
// build's own output is checked in test/duckdb-plans.test.ts).
const analyzed = {
  latency: 0,
  cpu_time: 0,
  rows_returned: 0,
  children: [
    {
      operator_type: 'EXPLAIN_ANALYZE',
      operator_name: 'EXPLAIN_ANALYZE',
      operator_timing: 0.00001,
      children: [
        {
          operator_type: 'PROJECTION',
          operator_name: 'PROJECTION ',
          operator_timing: 0.001,
          operator_cardinality: 10,
          extra_info: { Projections: ['a', 'b'], 'Estimated Cardinality': '10' },
          children: [
            {
              operator_type: 'TABLE_SCAN',
              operator_name: 'SEQ_SCAN ',
              operator_timing: 0.004,
              operator_cardinality: 1000,
              operator_rows_scanned: 1000,
              extra_info: { Table: 'experiences' },
              children: [],
            },
          ],
        },
      ],
    },
  ],
};

// Hand-written after what DuckDB 1.1-1.4 write with PRAGMA enable_profiling='json' and
// profiling_output: the query-level metrics are real, there is no EXPLAIN_ANALYZE wrapper. Shared
// with the e2e test and docs/formats/duckdb-profile.md.
const native: unknown = nativeProfile;

// The older (0.x) JSON profile: name/timing/cardinality, a "Query" root, extra_info as text.
const legacy = {
  name: 'Query',
  result: 0.0051,
  timing: 0.0051,
  cardinality: 0,
  'extra-info': 'SELECT * FROM t WHERE x > 5',
  timings: [],
  children: [
    {
      name: 'FILTER',
      timing: 0.001,
      cardinality: 400,
      extra_info: '(x > 5)\n[INFOSEPARATOR]\nEC: 20',
      timings: [],
      children: [
        { name: 'SEQ_SCAN', timing: 0.004, cardinality: 1000, extra_info: 't\nx\nEC: 1000', children: [] },
      ],
    },
  ],
};

// EXPLAIN (FORMAT JSON): estimates only.
const explain = [
  {
    name: 'STREAMING_LIMIT',
    extra_info: {},
    children: [
      {
        name: 'HASH_JOIN',
        extra_info: { 'Join Type': 'INNER', Conditions: 'id = id', 'Estimated Cardinality': '1000' },
        children: [
          { name: 'SEQ_SCAN ', extra_info: { Table: 'a', 'Estimated Cardinality': '1000' }, children: [] },
          { name: 'SEQ_SCAN ', extra_info: { Table: 'b', 'Estimated Cardinality': '10' }, children: [] },
        ],
      },
    ],
  },
];

describe('parseDuckDbProfile: the four shapes', () => {
  const cases = [
    {
      name: 'EXPLAIN (ANALYZE, FORMAT JSON)',
      input: JSON.stringify(analyzed),
      shape: 'explain-analyze',
      kinds: ['PROJECTION', 'TABLE_SCAN'],
      labels: ['PROJECTION', 'SEQ_SCAN'],
      edges: [{ from: '1', to: '0' }],
      total: 0.005,
      analyzed: true,
      latency: null,
      rows: null,
      query: null,
    },
    {
      name: 'native 1.x profile',
      input: native,
      shape: 'native',
      kinds: ['PROJECTION', 'HASH_GROUP_BY', 'TABLE_SCAN'],
      labels: ['PROJECTION', 'HASH_GROUP_BY', 'SEQ_SCAN'],
      edges: [
        { from: '1', to: '0' },
        { from: '2', to: '1' },
      ],
      total: 0.0112,
      analyzed: true,
      latency: 0.0123,
      rows: 7,
      query: 'SELECT g, count(*) FROM t GROUP BY g',
    },
    {
      name: 'older name/timing/cardinality profile',
      input: JSON.stringify(legacy),
      shape: 'legacy',
      kinds: ['FILTER', 'SEQ_SCAN'],
      labels: ['FILTER', 'SEQ_SCAN'],
      edges: [{ from: '1', to: '0' }],
      total: 0.005,
      analyzed: true,
      latency: 0.0051,
      rows: null,
      query: 'SELECT * FROM t WHERE x > 5',
    },
    {
      name: 'EXPLAIN (FORMAT JSON) array',
      input: explain,
      shape: 'explain',
      kinds: ['STREAMING_LIMIT', 'HASH_JOIN', 'SEQ_SCAN', 'SEQ_SCAN'],
      labels: ['STREAMING_LIMIT', 'HASH_JOIN', 'SEQ_SCAN', 'SEQ_SCAN'],
      edges: [
        { from: '1', to: '0' },
        { from: '2', to: '1' },
        { from: '3', to: '1' },
      ],
      total: 0,
      analyzed: false,
      latency: null,
      rows: null,
      query: null,
    },
  ] as const;

  it.each(cases)('$name', (c) => {
    const plan = parseDuckDbProfile(c.input);
    expect(plan.problems).toEqual([]);
    expect(plan.shape).toBe(c.shape);
    expect(plan.graph.nodes.map((n) => n.kind)).toEqual(c.kinds);
    expect(plan.graph.nodes.map((n) => n.label)).toEqual(c.labels);
    expect(plan.graph.edges).toEqual(c.edges);
    expect(plan.graph.rootId).toBe('0');
    expect(plan.totalTimingS).toBeCloseTo(c.total, 9);
    expect(plan.analyzed).toBe(c.analyzed);
    expect(plan.query.latencyS).toBe(c.latency);
    expect(plan.query.rowsReturned).toBe(c.rows);
    expect(plan.query.queryText).toBe(c.query);
    expect(looksLikeDuckDbPlan(typeof c.input === 'string' ? JSON.parse(c.input) : c.input)).toBe(true);
  });

  it('keeps extra_info and reads the estimate from each shape', () => {
    expect(parseDuckDbProfile(analyzed).graph.nodes[0]!.metrics).toMatchObject({
      estimated_cardinality: 10,
      'extra:Projections': 'a, b',
      cardinality: 10,
    });
    expect(parseDuckDbProfile(native).graph.nodes[2]!.metrics).toMatchObject({
      rows_scanned: 1000,
      bytes_read: 4096,
      'extra:Table': 't',
      estimated_cardinality: 1000,
    });
    const old = parseDuckDbProfile(legacy).graph.nodes;
    expect(old[0]!.metrics).toMatchObject({ estimated_cardinality: 20, 'extra:info': '(x > 5)' });
    expect(old[1]!.metrics).toMatchObject({ estimated_cardinality: 1000, 'extra:info': 't, x' });
    expect(parseDuckDbProfile(explain).graph.nodes[1]!.metrics).toMatchObject({
      'extra:Join Type': 'INNER',
      'extra:Conditions': 'id = id',
      estimated_cardinality: 1000,
    });
  });

  it('reads the native query-level totals, and treats EXPLAIN ANALYZE zeros as not measured', () => {
    expect(parseDuckDbProfile(native).query).toEqual({
      latencyS: 0.0123,
      cpuTimeS: 0.0101,
      rowsReturned: 7,
      peakBufferMemoryBytes: 262144,
      bytesRead: 4096,
      bytesWritten: 0,
      queryText: 'SELECT g, count(*) FROM t GROUP BY g',
    });
    expect(parseDuckDbProfile(analyzed).query.cpuTimeS).toBeNull();
  });
});

describe('looksLikeDuckDbPlan', () => {
  it.each([
    ['a schedule', { root_executor_id: 1, executors: [], dependencies: [] }, false],
    ['an array of numbers', [1, 2], false],
    ['an empty object', {}, false],
    ['a string', 'PROJECTION', false],
    ['one operator', { operator_type: 'PROJECTION', children: [] }, true],
    ['an empty native profile', { latency: 0.1, children: [] }, true],
  ])('%s -> %s', (_name, value, expected) => {
    expect(looksLikeDuckDbPlan(value)).toBe(expected);
  });
});

describe('parseDuckDbProfile: bad input', () => {
  it('returns problems instead of throwing', () => {
    expect(parseDuckDbProfile('{oops').problems[0]).toMatch(/not valid JSON/);
    expect(parseDuckDbProfile(42).problems).toEqual(['The plan has no operators.']);
  });

  it('stops at 10,000 levels and says so once', () => {
    let op: Record<string, unknown> = { operator_type: 'LEAF', children: [] };
    for (let i = 0; i < 10_050; i++) op = { operator_type: 'FILTER', children: [op] };
    const plan = parseDuckDbProfile(op);
    expect(plan.problems).toHaveLength(1);
    expect(plan.graph.nodes.length).toBe(10_001);
  });
});

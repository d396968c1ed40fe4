import { describe, expect, it } from 'vitest';
import { parseDuckDbProfile } from './duckdb-profile';

// Shape of DuckDB 1.4 `EXPLAIN (ANALYZE, FORMAT JSON)` as docs/decisions/0001-duckdb-wasm-offline.md describes it.
const analyzed = {
  latency: 0,
  cpu_time: 0,
  children: [
    {
      operator_type: 'EXPLAIN_ANALYZE',
      operator_name: 'EXPLAIN_ANALYZE',
      operator_timing: 0,
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

describe('parseDuckDbProfile', () => {
  it('reads EXPLAIN ANALYZE JSON into a PlanGraph, skipping the wrapper and summing timings', () => {
    const { graph, totalTimingS, problems } = parseDuckDbProfile(JSON.stringify(analyzed));
    expect(problems).toEqual([]);
    expect(graph.nodes.map((n) => [n.id, n.kind, n.label])).toEqual([
      ['0', 'PROJECTION', 'PROJECTION'],
      ['1', 'TABLE_SCAN', 'SEQ_SCAN'],
    ]);
    expect(graph.edges).toEqual([{ from: '1', to: '0' }]);
    expect(graph.rootId).toBe('0');
    expect(totalTimingS).toBeCloseTo(0.005);
    expect(graph.nodes[0]!.metrics).toMatchObject({
      estimated_cardinality: 10,
      'extra:Projections': 'a, b',
      cardinality: 10,
    });
    expect(graph.nodes[1]!.metrics).toMatchObject({ rows_scanned: 1000, 'extra:Table': 'experiences' });
  });

  it('reads plain EXPLAIN (FORMAT JSON) arrays and the older name/timing/cardinality keys', () => {
    const { graph } = parseDuckDbProfile([
      { name: 'HASH_GROUP_BY', timing: 0.2, cardinality: 3, children: [{ name: 'SEQ_SCAN', children: [] }] },
    ]);
    expect(graph.nodes.map((n) => n.kind)).toEqual(['HASH_GROUP_BY', 'SEQ_SCAN']);
    expect(graph.nodes[0]!.metrics).toMatchObject({ timing_s: 0.2, cardinality: 3 });
  });

  it('returns problems instead of throwing', () => {
    expect(parseDuckDbProfile('{oops').problems[0]).toMatch(/not valid JSON/);
    expect(parseDuckDbProfile(42).problems).toEqual(['The plan has no operators.']);
  });
});

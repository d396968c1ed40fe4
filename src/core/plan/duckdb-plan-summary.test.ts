import { describe, expect, it } from 'vitest';
import { parseDuckDbProfile } from './duckdb-profile';
import { hottestPath, misestimateOf, summarizeDuckDbPlan } from './duckdb-plan-summary';
import type { PlanGraph, PlanNode } from './types';

const node = (id: string, kind: string, metrics: PlanNode['metrics']): PlanNode => ({
  id,
  kind,
  label: kind,
  metrics,
});

describe('misestimateOf', () => {
  it.each([
    // [estimated, actual, ratio, flagged]
    [100, 100, 1, false],
    [100, 1000, 10, false], // exactly 10x is not beyond 10x
    [100, 1001, 10.01, true],
    [1000, 100, 0.1, false],
    [1000, 99, 0.099, true],
    [0, 500, 500, true], // estimate 0 counts as 1 row
    [20, 0, 0.05, true], // empty result counts as 1 row
    [0, 0, 1, false],
  ])('estimated %d, actual %d -> ratio %d, flagged %s', (estimated, actual, ratio, flagged) => {
    const m = misestimateOf(node('0', 'FILTER', { estimated_cardinality: estimated, cardinality: actual }));
    expect(m).not.toBeNull();
    expect(m!.ratio).toBeCloseTo(ratio, 9);
    expect(m!.flagged).toBe(flagged);
  });

  it('needs both numbers', () => {
    expect(misestimateOf(node('0', 'X', { cardinality: 5 }))).toBeNull();
    expect(misestimateOf(node('0', 'X', { estimated_cardinality: 5 }))).toBeNull();
  });
});

describe('hottestPath', () => {
  // 0 <- 1 <- 3, 0 <- 2 <- 4, 2 <- 5: times 1, 5, 2, 1, 1, 7 -> 0 2 5 (1+2+7=10 beats 1+5+1=7).
  const graph: PlanGraph = {
    source: 'duckdb-profile',
    nodes: [1, 5, 2, 1, 1, 7].map((t, i) => node(String(i), `K${i}`, { timing_s: t })),
    edges: [
      { from: '1', to: '0' },
      { from: '2', to: '0' },
      { from: '3', to: '1' },
      { from: '4', to: '2' },
      { from: '5', to: '2' },
    ],
    rootId: '0',
    metricUnits: {},
  };
  it.each([
    ['the heaviest root-to-leaf sum', graph, ['0', '2', '5']],
    ['no root', { ...graph, rootId: null }, []],
    [
      'no timings: the first child each time',
      { ...graph, nodes: graph.nodes.map((n) => ({ ...n, metrics: {} })) },
      ['0', '1', '3'],
    ],
  ])('%s', (_name, g, expected) => {
    expect(hottestPath(g)).toEqual(expected);
  });
});

describe('summarizeDuckDbPlan', () => {
  it('gives the exported shape with the numbers computed by hand', () => {
    const plan = parseDuckDbProfile({
      latency: 0.02,
      cpu_time: 0.018,
      children: [
        {
          operator_type: 'PROJECTION',
          operator_timing: 0.001,
          operator_cardinality: 5,
          extra_info: { 'Estimated Cardinality': '5' },
          children: [
            {
              operator_type: 'HASH_JOIN',
              operator_timing: 0.012,
              operator_cardinality: 5,
              extra_info: { 'Estimated Cardinality': '400' }, // 80x over
              children: [
                {
                  operator_type: 'TABLE_SCAN',
                  operator_timing: 0.004,
                  operator_cardinality: 2000,
                  extra_info: { 'Estimated Cardinality': '100' }, // 20x under
                  children: [],
                },
                {
                  operator_type: 'TABLE_SCAN',
                  operator_timing: 0.003,
                  operator_cardinality: 10,
                  children: [],
                },
              ],
            },
          ],
        },
      ],
    });
    const facts = summarizeDuckDbPlan(plan);
    expect(facts.summary.total_operator_seconds).toBeCloseTo(0.02, 12);
    expect({ ...facts.summary, total_operator_seconds: 0 }).toEqual({
      source: 'duckdb',
      operators: 4,
      total_operator_seconds: 0,
      hottest_operator: 'HASH_JOIN',
      max_cardinality: 2000,
      worst_misestimate: { operator_type: 'HASH_JOIN', estimated: 400, actual: 5 },
      query_latency_seconds: 0.02,
    });
    expect(facts.hottestId).toBe('1');
    expect(facts.maxCardinalityId).toBe('2');
    expect(facts.worstMisestimateId).toBe('1');
    expect(facts.flaggedMisestimates).toBe(2);
  });

  it('says null where a plain EXPLAIN has nothing measured', () => {
    const facts = summarizeDuckDbPlan(
      parseDuckDbProfile([{ name: 'SEQ_SCAN', children: [], extra_info: {} }]),
    );
    expect(facts.summary).toEqual({
      source: 'duckdb',
      operators: 1,
      total_operator_seconds: 0,
      hottest_operator: null,
      max_cardinality: null,
      worst_misestimate: null,
      query_latency_seconds: null,
    });
  });
});

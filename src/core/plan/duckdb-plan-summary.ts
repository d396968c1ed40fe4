/**
 * What the Plans view says about one DuckDB plan: misestimates, the hottest path, and the summary
 * exported as JSON (issue 9 item 4; the same numbers are shown as labelled text).
 */
import type { DuckDbPlanResult } from './duckdb-profile';
import type { PlanGraph, PlanNode } from './types';

/** Actual / estimated cardinality beyond this factor, either way, is flagged. */
export const MISESTIMATE_FACTOR = 10;

export interface Misestimate {
  readonly estimated: number;
  readonly actual: number;
  /**
   * actual / estimated, with both floored at 1 row so that an estimate of 0 (or an empty result)
   * gives a finite ratio: 0 estimated, 500 actual -> 500.
   */
  readonly ratio: number;
  readonly flagged: boolean;
}

export function misestimateOf(node: PlanNode): Misestimate | null {
  const actual = node.metrics.cardinality;
  const estimated = node.metrics.estimated_cardinality;
  if (typeof actual !== 'number' || typeof estimated !== 'number') return null;
  const ratio = Math.max(actual, 1) / Math.max(estimated, 1);
  return {
    estimated,
    actual,
    ratio,
    flagged: ratio > MISESTIMATE_FACTOR || ratio < 1 / MISESTIMATE_FACTOR,
  };
}

/** How far off an estimate is, the same either way (10x over = 10x under). */
export const misestimateSeverity = (m: Misestimate) => Math.max(m.ratio, 1 / m.ratio);

export const timingOf = (node: PlanNode): number | null =>
  typeof node.metrics.timing_s === 'number' ? node.metrics.timing_s : null;

/** Children of each node, in the order the plan lists them (edges run child -> parent). */
export function childrenOf(graph: PlanGraph): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const e of graph.edges) {
    let list = children.get(e.to);
    if (!list) children.set(e.to, (list = []));
    list.push(e.from);
  }
  return children;
}

/**
 * The root-to-leaf path with the largest sum of operator time: where a query spends its time.
 * Ties go to the first child. Empty when the plan has no root; the root alone when nothing is timed.
 */
export function hottestPath(graph: PlanGraph): string[] {
  if (graph.rootId === null) return [];
  const children = childrenOf(graph);
  const time = new Map(graph.nodes.map((n) => [n.id, timingOf(n) ?? 0]));
  // Post-order without recursion (plans can be deep): best path time below each node.
  const best = new Map<string, number>();
  const next = new Map<string, string | null>();
  const stack: { id: string; expanded: boolean }[] = [{ id: graph.rootId, expanded: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const kids = children.get(top.id) ?? [];
    if (!top.expanded) {
      stack.push({ id: top.id, expanded: true });
      for (const k of kids) stack.push({ id: k, expanded: false });
      continue;
    }
    let bestChild: string | null = null;
    let bestTime = -1;
    for (const k of kids) {
      const t = best.get(k) ?? 0;
      if (t > bestTime) {
        bestTime = t;
        bestChild = k;
      }
    }
    best.set(top.id, (time.get(top.id) ?? 0) + Math.max(0, bestTime));
    next.set(top.id, bestChild);
  }
  const path: string[] = [];
  for (let id: string | null = graph.rootId; id !== null; id = next.get(id) ?? null) path.push(id);
  return path;
}

/** The exported summary: exactly the keys issue 9 names, snake_case, plain JSON. */
export interface DuckDbPlanSummary {
  readonly source: 'duckdb';
  readonly operators: number;
  readonly total_operator_seconds: number;
  /** The operator_type with the largest operator_timing; null when no operator is timed. */
  readonly hottest_operator: string | null;
  /** The largest operator_cardinality; null when no operator has one (plain EXPLAIN). */
  readonly max_cardinality: number | null;
  readonly worst_misestimate: {
    readonly operator_type: string;
    readonly estimated: number;
    readonly actual: number;
  } | null;
  readonly query_latency_seconds: number | null;
}

export interface DuckDbPlanFacts {
  readonly summary: DuckDbPlanSummary;
  /** Node ids behind the summary's operators, for "show in graph". */
  readonly hottestId: string | null;
  readonly maxCardinalityId: string | null;
  readonly worstMisestimateId: string | null;
  readonly flaggedMisestimates: number;
}

export function summarizeDuckDbPlan(plan: DuckDbPlanResult): DuckDbPlanFacts {
  let hottest: PlanNode | null = null;
  let widest: PlanNode | null = null;
  let worst: { node: PlanNode; m: Misestimate } | null = null;
  let flagged = 0;
  for (const node of plan.graph.nodes) {
    const t = timingOf(node);
    if (t !== null && (hottest === null || t > (timingOf(hottest) ?? -1))) hottest = node;
    const c = node.metrics.cardinality;
    if (typeof c === 'number' && (widest === null || c > (widest.metrics.cardinality as number)))
      widest = node;
    const m = misestimateOf(node);
    if (m) {
      if (m.flagged) flagged++;
      if (worst === null || misestimateSeverity(m) > misestimateSeverity(worst.m)) worst = { node, m };
    }
  }
  return {
    summary: {
      source: 'duckdb',
      operators: plan.graph.nodes.length,
      total_operator_seconds: plan.totalTimingS,
      hottest_operator: hottest?.kind ?? null,
      max_cardinality: widest ? (widest.metrics.cardinality as number) : null,
      worst_misestimate: worst
        ? { operator_type: worst.node.kind, estimated: worst.m.estimated, actual: worst.m.actual }
        : null,
      query_latency_seconds: plan.query.latencyS,
    },
    hottestId: hottest?.id ?? null,
    maxCardinalityId: widest?.id ?? null,
    worstMisestimateId: worst?.node.id ?? null,
    flaggedMisestimates: flagged,
  };
}

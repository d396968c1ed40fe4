/**
 * DuckDB's profiled plans -> PlanGraph. Reads the JSON of `EXPLAIN (ANALYZE, FORMAT JSON) q` (the
 * `explain_value` of its one row), of `EXPLAIN (FORMAT JSON) q` (an array of {name, children,
 * extra_info}), and the older `name`/`timing`/`cardinality` keys. Never throws.
 *
 * DuckDB 1.4 quirks handled (docs/formats/, DuckDB profiles): the root's latency/cpu_time and cumulative_* fields are 0,
 * so totals are summed over operators; the first child is an EXPLAIN_ANALYZE wrapper, which is
 * skipped; operator_name may carry a trailing space; "Estimated Cardinality" is a string.
 */
import type { PlanEdge, PlanGraph, PlanMetricValue, PlanNode } from './types';

export interface DuckDbPlanResult {
  readonly graph: PlanGraph;
  /** Sum of operator_timing (seconds) over all operators. */
  readonly totalTimingS: number;
  readonly problems: readonly string[];
}

export const DUCKDB_METRIC_UNITS: Readonly<Record<string, string>> = {
  timing_s: 's',
  cardinality: 'rows',
  rows_scanned: 'rows',
  result_set_size: 'B',
  estimated_cardinality: 'rows',
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function parseDuckDbProfile(input: unknown): DuckDbPlanResult {
  const problems: string[] = [];
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      problems.push(`The plan is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
      value = null;
    }
  }
  const roots: Json[] = Array.isArray(value) ? value.filter(isObject) : isObject(value) ? [value] : [];
  if (roots.length === 0 && problems.length === 0) problems.push('The plan has no operators.');

  const nodes: PlanNode[] = [];
  const edges: PlanEdge[] = [];
  let total = 0;
  const visit = (op: Json, parent: string | null, depth: number): void => {
    if (depth > 10_000) {
      problems.push('The plan is nested more than 10,000 levels deep; the rest is left out.');
      return;
    }
    const type = String(op.operator_type ?? op.name ?? 'UNKNOWN').trim();
    const children = Array.isArray(op.children) ? op.children.filter(isObject) : [];
    // The ANALYZE result wraps the real plan in an EXPLAIN_ANALYZE operator (and a root object
    // without a type); both only add noise, so their children take their place.
    if (
      type === 'EXPLAIN_ANALYZE' ||
      (op.operator_type === undefined && op.name === undefined && 'children' in op)
    ) {
      for (const c of children) visit(c, parent, depth + 1);
      return;
    }
    const id = String(nodes.length);
    const timing = num(op.operator_timing ?? op.timing);
    if (timing !== null) total += timing;
    const metrics: Record<string, PlanMetricValue> = {};
    if (timing !== null) metrics.timing_s = timing;
    const cardinality = num(op.operator_cardinality ?? op.cardinality);
    if (cardinality !== null) metrics.cardinality = cardinality;
    const scanned = num(op.operator_rows_scanned);
    if (scanned !== null) metrics.rows_scanned = scanned;
    const resultSize = num(op.result_set_size);
    if (resultSize !== null) metrics.result_set_size = resultSize;
    if (isObject(op.extra_info)) {
      for (const [key, v] of Object.entries(op.extra_info)) {
        if (key === 'Estimated Cardinality') {
          const est = num(v);
          if (est !== null) metrics.estimated_cardinality = est;
          continue;
        }
        metrics[`extra:${key}`] = Array.isArray(v) ? v.map(String).join(', ') : String(v);
      }
    } else if (typeof op.extra_info === 'string' && op.extra_info.trim() !== '') {
      metrics['extra:info'] = op.extra_info.trim();
    }
    const label =
      typeof op.operator_name === 'string' && op.operator_name.trim() !== '' ? op.operator_name.trim() : type;
    nodes.push({ id, kind: type, label, metrics });
    if (parent !== null) edges.push({ from: id, to: parent });
    for (const c of children) visit(c, id, depth + 1);
  };
  for (const r of roots) visit(r, null, 0);
  const rootId = nodes.length > 0 ? '0' : null;
  return {
    graph: { source: 'duckdb-profile', nodes, edges, rootId, metricUnits: DUCKDB_METRIC_UNITS },
    totalTimingS: total,
    problems,
  };
}

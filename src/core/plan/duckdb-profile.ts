/**
 * DuckDB's plans -> PlanGraph. Four shapes, recognized by content (docs/formats/duckdb-profile.md):
 *
 * - native 1.x, written by `PRAGMA enable_profiling='json'` / `profiling_output`: a root object with
 *   the query-level metrics (`latency`, `cpu_time`, `rows_returned`, `system_peak_buffer_memory`,
 *   `total_bytes_read`, ...) and `children` holding the operators (`operator_type`, ...);
 * - `EXPLAIN (ANALYZE, FORMAT JSON) q` (the `explain_value` of its one row): the same root, but its
 *   query-level numbers are all 0 in DuckDB 1.4 and its first child is an EXPLAIN_ANALYZE wrapper;
 * - `EXPLAIN (FORMAT JSON) q` (no ANALYZE): an array of `{name, children, extra_info}`;
 * - the older (0.x) profile: `name`/`timing`/`cardinality`, a root named "Query" whose `timing`
 *   is the query's latency, and `extra_info` as one string (estimated cardinality as `EC: n`).
 *
 * Never throws. Wrappers (EXPLAIN_ANALYZE, the query root) are not operators: their children take
 * their place. Node ids are the operators' pre-order index ("0" is the topmost operator), which is
 * also the "#n" the views and comparisons use.
 */
import type { PlanEdge, PlanGraph, PlanMetricValue, PlanNode } from './types';

export type DuckDbPlanShape = 'native' | 'explain-analyze' | 'explain' | 'legacy';

/** Query-level totals; null where the source does not report them (or reports a meaningless 0). */
export interface DuckDbQueryTotals {
  readonly latencyS: number | null;
  readonly cpuTimeS: number | null;
  readonly rowsReturned: number | null;
  readonly peakBufferMemoryBytes: number | null;
  readonly bytesRead: number | null;
  readonly bytesWritten: number | null;
  /** The SQL text when the profile carries it (`query_name`, older `extra-info`). */
  readonly queryText: string | null;
}

export interface DuckDbPlanResult {
  readonly graph: PlanGraph;
  readonly shape: DuckDbPlanShape;
  /** True when operators carry measured timings/cardinalities (not only estimates). */
  readonly analyzed: boolean;
  /** Sum of operator_timing (seconds) over all operators: DuckDB reports some root totals as 0. */
  readonly totalTimingS: number;
  readonly query: DuckDbQueryTotals;
  readonly problems: readonly string[];
}

/** A query the SQL editor profiled, handed to the Plans view (plain data; features share no code). */
export interface ProfiledQuery {
  /** The SQL the user wrote (not the EXPLAIN wrapper). */
  readonly sql: string;
  /** The plan JSON (`explain_value`). */
  readonly planJson: string;
  readonly analyzed: boolean;
  /** Epoch ms. */
  readonly at: number;
  /** Open it in the Plans view now (the "Profile" button) or only add it to the history. */
  readonly show: boolean;
}

export const DUCKDB_METRIC_UNITS: Readonly<Record<string, string>> = {
  timing_s: 's',
  cardinality: 'rows',
  rows_scanned: 'rows',
  result_set_size: 'B',
  estimated_cardinality: 'rows',
  bytes_read: 'B',
  bytes_written: 'B',
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

const isOperator = (v: Json) => typeof v.operator_type === 'string' || typeof v.name === 'string';

/**
 * True when `value` (parsed JSON) has the shape of one of DuckDB's plans: an operator tree keyed
 * by operator_type, or by name with timing/cardinality/extra_info/children. Cheap: looks at the
 * root and its first operator only.
 */
export function looksLikeDuckDbPlan(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && isObject(value[0]) && looksLikeOperator(value[0]);
  if (!isObject(value)) return false;
  if (looksLikeOperator(value)) return true;
  const children = value.children;
  return (
    Array.isArray(children) &&
    ('latency' in value || 'cpu_time' in value || 'query_name' in value || 'result' in value) &&
    (children.length === 0 || (isObject(children[0]) && looksLikeOperator(children[0])))
  );
}

function looksLikeOperator(v: Json): boolean {
  if (typeof v.operator_type === 'string') return true;
  return (
    typeof v.name === 'string' &&
    Array.isArray(v.children) &&
    ('timing' in v || 'cardinality' in v || 'extra_info' in v)
  );
}

/** The older shape's extra_info is one string; "EC: n" (or "Estimated Cardinality: n") is the estimate. */
const EC_IN_TEXT = /(?:^|\n)\s*(?:EC|Estimated Cardinality)\s*[:=]\s*~?\s*(\d+)/i;

function isWrapper(op: Json, type: string, depth: number): boolean {
  if (type === 'EXPLAIN_ANALYZE') return true;
  if (!isOperator(op)) return true;
  // The older profile's root: {"name": "Query", "timing": <latency>, "children": [...]}.
  return depth === 0 && type === 'Query';
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
  let sawAnalyzeWrapper = false;
  let measured = false;
  let legacy = false;
  let tooDeep = false;
  // An explicit stack, not recursion: a deep plan must not overflow the call stack. Children are
  // pushed in reverse so that ids stay in pre-order.
  const stack: { op: Json; parent: string | null; depth: number }[] = [];
  const pushChildren = (children: readonly Json[], parent: string | null, depth: number) => {
    for (let k = children.length - 1; k >= 0; k--) stack.push({ op: children[k]!, parent, depth });
  };
  const visit = (op: Json, parent: string | null, depth: number): void => {
    if (depth > 10_000) {
      if (!tooDeep) problems.push('The plan is nested more than 10,000 levels deep; the rest is left out.');
      tooDeep = true;
      return;
    }
    const type = String(op.operator_type ?? op.name ?? 'UNKNOWN').trim();
    const children = Array.isArray(op.children) ? op.children.filter(isObject) : [];
    if (isWrapper(op, type, depth)) {
      if (type === 'EXPLAIN_ANALYZE') sawAnalyzeWrapper = true;
      if (type === 'Query') legacy = true;
      pushChildren(children, parent, depth + 1);
      return;
    }
    if (op.operator_type === undefined && ('timing' in op || 'cardinality' in op)) legacy = true;
    const id = String(nodes.length);
    const metrics: Record<string, PlanMetricValue> = {};
    const timing = num(op.operator_timing ?? op.timing);
    if (timing !== null) {
      total += timing;
      metrics.timing_s = timing;
      measured = true;
    }
    const cardinality = num(op.operator_cardinality ?? op.cardinality);
    if (cardinality !== null) {
      metrics.cardinality = cardinality;
      measured = true;
    }
    const scanned = num(op.operator_rows_scanned);
    if (scanned !== null) metrics.rows_scanned = scanned;
    const resultSize = num(op.result_set_size);
    if (resultSize !== null) metrics.result_set_size = resultSize;
    const read = num(op.total_bytes_read);
    if (read !== null && read > 0) metrics.bytes_read = read;
    const written = num(op.total_bytes_written);
    if (written !== null && written > 0) metrics.bytes_written = written;
    const extra = op.extra_info ?? op['extra-info'];
    if (isObject(extra)) {
      for (const [key, v] of Object.entries(extra)) {
        if (key === 'Estimated Cardinality') {
          const est = num(v);
          if (est !== null) metrics.estimated_cardinality = est;
          continue;
        }
        metrics[`extra:${key}`] = Array.isArray(v) ? v.map(String).join(', ') : String(v);
      }
    } else if (typeof extra === 'string' && extra.trim() !== '') {
      const ec = EC_IN_TEXT.exec(extra);
      if (ec) metrics.estimated_cardinality = Number(ec[1]);
      const text = extra
        .replace(/\[INFOSEPARATOR\]/g, '')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !EC_IN_TEXT.test(`\n${l}`))
        .join(', ');
      if (text !== '') metrics['extra:info'] = text;
    }
    const label =
      typeof op.operator_name === 'string' && op.operator_name.trim() !== '' ? op.operator_name.trim() : type;
    nodes.push({ id, kind: type, label, metrics });
    if (parent !== null) edges.push({ from: id, to: parent });
    pushChildren(children, id, depth + 1);
  };
  pushChildren(roots, null, 0);
  while (stack.length > 0) {
    const next = stack.pop()!;
    visit(next.op, next.parent, next.depth);
  }

  const shape: DuckDbPlanShape = Array.isArray(value)
    ? legacy && measured
      ? 'legacy'
      : 'explain'
    : sawAnalyzeWrapper
      ? 'explain-analyze'
      : legacy
        ? 'legacy'
        : 'native';
  const root = roots.length === 1 && !isOperator(roots[0]!) ? roots[0]! : null;
  const legacyRoot = roots.length === 1 && roots[0]!.name === 'Query' ? roots[0]! : null;
  return {
    graph: {
      source: 'duckdb-profile',
      nodes,
      edges,
      rootId: nodes.length > 0 ? '0' : null,
      metricUnits: DUCKDB_METRIC_UNITS,
    },
    shape,
    analyzed: measured,
    totalTimingS: total,
    query: queryTotals(shape, root ?? legacyRoot),
    problems,
  };
}

const NO_TOTALS: DuckDbQueryTotals = {
  latencyS: null,
  cpuTimeS: null,
  rowsReturned: null,
  peakBufferMemoryBytes: null,
  bytesRead: null,
  bytesWritten: null,
  queryText: null,
};

function queryTotals(shape: DuckDbPlanShape, root: Json | null): DuckDbQueryTotals {
  if (!root) return NO_TOTALS;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  if (shape === 'legacy') {
    return {
      ...NO_TOTALS,
      latencyS: num(root.timing ?? root.result),
      queryText: text(root.query_name) ?? text(root['extra-info']),
    };
  }
  // EXPLAIN ANALYZE's root reports 0 for every query-level number (docs/formats/, DuckDB 1.4): 0 there means "not
  // measured", so only a native profile's zeros are kept.
  const keep = (v: unknown) => {
    const n = num(v);
    return n === null || (shape === 'explain-analyze' && n === 0) ? null : n;
  };
  return {
    latencyS: keep(root.latency),
    cpuTimeS: keep(root.cpu_time),
    rowsReturned: keep(root.rows_returned),
    peakBufferMemoryBytes: keep(root.system_peak_buffer_memory),
    bytesRead: keep(root.total_bytes_read),
    bytesWritten: keep(root.total_bytes_written),
    queryText: text(root.query_name),
  };
}

/**
 * Index-based view of a PlanGraph for drawing: collapse ("hide everything that feeds only into
 * this node"), the visible node set and its edges, and search. Pure, DOM-free, unit-tested.
 */
import type { PlanGraph } from '../../core/plan/types';

export interface GraphIndex {
  readonly n: number;
  readonly indexOf: ReadonlyMap<string, number>;
  /** Edge endpoints as node indexes (edges naming unknown ids are dropped). */
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly predStart: Int32Array;
  readonly predList: Int32Array;
  readonly outDegree: Int32Array;
}

export function buildGraphIndex(graph: PlanGraph): GraphIndex {
  const n = graph.nodes.length;
  const indexOf = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    if (!indexOf.has(node.id)) indexOf.set(node.id, i);
  });
  const fromList: number[] = [];
  const toList: number[] = [];
  for (const e of graph.edges) {
    const a = indexOf.get(e.from);
    const b = indexOf.get(e.to);
    if (a === undefined || b === undefined) continue;
    fromList.push(a);
    toList.push(b);
  }
  const from = Int32Array.from(fromList);
  const to = Int32Array.from(toList);
  const predStart = new Int32Array(n + 1);
  const outDegree = new Int32Array(n);
  for (let k = 0; k < from.length; k++) {
    predStart[to[k]! + 1]!++;
    outDegree[from[k]!]!++;
  }
  for (let i = 0; i < n; i++) predStart[i + 1]! += predStart[i]!;
  const predList = new Int32Array(from.length);
  const fill = predStart.slice(0, n);
  for (let k = 0; k < from.length; k++) predList[fill[to[k]!]!++] = from[k]!;
  return { n, indexOf, from, to, predStart, predList, outDegree };
}

/**
 * Nodes whose every successor path runs into `v`: in a schedule, dependencies flow toward the
 * root sink, so these are the inputs that exist only for `v`. A node counts once all of its
 * successors are `v` or already in the set (a reverse dominator walk by successor counting).
 */
export function exclusiveInputs(index: GraphIndex, v: number): number[] {
  const remaining = index.outDegree.slice();
  const inSet = new Uint8Array(index.n);
  inSet[v] = 1;
  const out: number[] = [];
  const stack = [v];
  while (stack.length > 0) {
    const w = stack.pop()!;
    for (let k = index.predStart[w]!; k < index.predStart[w + 1]!; k++) {
      const p = index.predList[k]!;
      if (inSet[p]) continue;
      if (--remaining[p]! === 0) {
        inSet[p] = 1;
        out.push(p);
        stack.push(p);
      }
    }
  }
  return out;
}

export interface VisibleGraph {
  /** Graph node index of each visible node (layout order). */
  readonly nodes: Int32Array;
  /** Visible position of each graph node, or -1 when hidden. */
  readonly slotOf: Int32Array;
  /** Hidden node -> the collapsed node that stands for it (graph indexes); -1 when visible. */
  readonly representative: Int32Array;
  /** Per visible slot: how many nodes it hides (0 unless collapsed). */
  readonly hiddenCount: Int32Array;
  /** (from, to) pairs in visible slots, deduplicated, without self-loops. */
  readonly edges: Int32Array;
  /** Graph edge index of each visible edge pair (first one mapped to it). */
  readonly edgeSource: Int32Array;
}

export function buildVisibleGraph(index: GraphIndex, collapsed: readonly number[]): VisibleGraph {
  const n = index.n;
  const representative = new Int32Array(n).fill(-1);
  const sets = collapsed.map((c) => ({ c, hidden: exclusiveInputs(index, c) }));
  // Nested collapses: the largest set wins, so an inner collapsed node hides under the outer one.
  sets.sort((a, b) => b.hidden.length - a.hidden.length);
  for (const { c, hidden } of sets) {
    if (representative[c] !== -1) continue;
    for (const u of hidden) if (representative[u] === -1) representative[u] = c;
  }
  const slotOf = new Int32Array(n).fill(-1);
  const nodes: number[] = [];
  for (let i = 0; i < n; i++) {
    if (representative[i] === -1) {
      slotOf[i] = nodes.length;
      nodes.push(i);
    }
  }
  const hiddenCount = new Int32Array(nodes.length);
  for (let i = 0; i < n; i++) {
    const r = representative[i]!;
    if (r !== -1) hiddenCount[slotOf[r]!]!++;
  }
  const seen = new Set<number>();
  const pairs: number[] = [];
  const source: number[] = [];
  const m = index.from.length;
  for (let k = 0; k < m; k++) {
    const a = visibleSlot(index.from[k]!);
    const b = visibleSlot(index.to[k]!);
    if (a === b) continue;
    const key = a * nodes.length + b;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push(a, b);
    source.push(k);
  }
  function visibleSlot(i: number): number {
    const r = representative[i]!;
    return slotOf[r === -1 ? i : r]!;
  }
  return {
    nodes: Int32Array.from(nodes),
    slotOf,
    representative,
    hiddenCount,
    edges: Int32Array.from(pairs),
    edgeSource: Int32Array.from(source),
  };
}

/** The visible slot that shows graph node i: its own, or that of the collapsed node hiding it. */
export function slotShowing(visible: VisibleGraph, i: number): number {
  const slot = visible.slotOf[i] ?? -1;
  return slot === -1 ? visible.slotOf[visible.representative[i]!]! : slot;
}

/** Case-insensitive: exact id first, then ids containing the query, then kinds containing it. */
export function searchNodes(graph: PlanGraph, query: string): number[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const exact: number[] = [];
  const idHits: number[] = [];
  const kindHits: number[] = [];
  graph.nodes.forEach((node, i) => {
    const id = node.id.toLowerCase();
    if (id === q) exact.push(i);
    else if (id.includes(q)) idHits.push(i);
    else if (node.kind.toLowerCase().includes(q) || node.label.toLowerCase().includes(q)) kindHits.push(i);
  });
  return [...exact, ...idHits, ...kindHits];
}

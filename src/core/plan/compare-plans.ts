/**
 * Two DuckDB plans side by side: operators matched by tree position and type (then by name), a
 * merged tree with time and row deltas, added and removed operators, and a one-line verdict.
 *
 * Matching walks both trees from the roots. Under a matched pair, the children are paired in four
 * passes, each only over what earlier passes left: (1) same position and same signature (type,
 * name, table), (2) same signature anywhere, in order (a join whose inputs swapped sides), (3) same
 * position and type, (4) same type anywhere. What is left is an added (second plan only) or a
 * removed (first plan only) subtree. Roots are matched when their types agree.
 */
import { childrenOf, timingOf } from './duckdb-plan-summary';
import type { PlanGraph, PlanNode } from './types';

export type DeltaStatus = 'matched' | 'added' | 'removed';

export interface OperatorDelta {
  readonly status: DeltaStatus;
  /** Depth in the merged tree (0 = root). */
  readonly depth: number;
  readonly kind: string;
  readonly label: string;
  /** Ids (pre-order "#n") in the first and second plan. */
  readonly aId: string | null;
  readonly bId: string | null;
  readonly timeA: number | null;
  readonly timeB: number | null;
  readonly rowsA: number | null;
  readonly rowsB: number | null;
  /** Matched under its parent at another position than in the first plan. */
  readonly moved: boolean;
}

export interface PlanComparison {
  /** The merged tree in pre-order (second plan's child order; removed subtrees after). */
  readonly rows: readonly OperatorDelta[];
  readonly totalA: number;
  readonly totalB: number;
  readonly matched: number;
  readonly added: number;
  readonly removed: number;
  readonly joinOrderChanged: boolean;
  readonly verdict: string;
}

/** Total time counts as changed beyond this factor. */
const SAME_SPEED = 1.1;

const signature = (n: PlanNode) => `${n.kind}\u0000${n.label}\u0000${String(n.metrics['extra:Table'] ?? '')}`;
const rowsOf = (n: PlanNode) => (typeof n.metrics.cardinality === 'number' ? n.metrics.cardinality : null);
const isJoin = (kind: string) => /JOIN|PRODUCT/i.test(kind);

/** Pairs two child lists (indexes into `a` and `b`); see the file comment for the passes. */
export function pairChildren(
  a: readonly PlanNode[],
  b: readonly PlanNode[],
): { pairs: [number, number][]; onlyA: number[]; onlyB: number[] } {
  const takenA = new Array<boolean>(a.length).fill(false);
  const takenB = new Array<boolean>(b.length).fill(false);
  const pairs: [number, number][] = [];
  const take = (i: number, j: number) => {
    takenA[i] = takenB[j] = true;
    pairs.push([i, j]);
  };
  const samePosition = (key: (n: PlanNode) => string) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      if (!takenA[i] && !takenB[i] && key(a[i]!) === key(b[i]!)) take(i, i);
  };
  const anywhere = (key: (n: PlanNode) => string) => {
    for (let i = 0; i < a.length; i++) {
      if (takenA[i]) continue;
      const j = b.findIndex((n, k) => !takenB[k] && key(n) === key(a[i]!));
      if (j >= 0) take(i, j);
    }
  };
  samePosition(signature);
  anywhere(signature);
  samePosition((n) => n.kind);
  anywhere((n) => n.kind);
  return {
    pairs,
    onlyA: a.map((_, i) => i).filter((i) => !takenA[i]),
    onlyB: b.map((_, j) => j).filter((j) => !takenB[j]),
  };
}

export function comparePlanGraphs(a: PlanGraph, b: PlanGraph): PlanComparison {
  const nodesA = new Map(a.nodes.map((n) => [n.id, n]));
  const nodesB = new Map(b.nodes.map((n) => [n.id, n]));
  const kidsA = childrenOf(a);
  const kidsB = childrenOf(b);
  const rows: OperatorDelta[] = [];
  let joinOrderChanged = false;

  const one = (n: PlanNode, status: 'added' | 'removed', depth: number): OperatorDelta => ({
    status,
    depth,
    kind: n.kind,
    label: n.label,
    aId: status === 'removed' ? n.id : null,
    bId: status === 'added' ? n.id : null,
    timeA: status === 'removed' ? timingOf(n) : null,
    timeB: status === 'added' ? timingOf(n) : null,
    rowsA: status === 'removed' ? rowsOf(n) : null,
    rowsB: status === 'added' ? rowsOf(n) : null,
    moved: false,
  });
  // Explicit stacks: plans can be thousands of operators deep.
  type Task =
    | { t: 'pair'; a: PlanNode; b: PlanNode; depth: number; moved: boolean }
    | { t: 'one'; n: PlanNode; status: 'added' | 'removed'; depth: number };
  const stack: Task[] = [];
  const ra = a.rootId === null ? undefined : nodesA.get(a.rootId);
  const rb = b.rootId === null ? undefined : nodesB.get(b.rootId);
  if (ra && rb && ra.kind === rb.kind) stack.push({ t: 'pair', a: ra, b: rb, depth: 0, moved: false });
  else {
    if (ra) stack.push({ t: 'one', n: ra, status: 'removed', depth: 0 });
    if (rb) stack.push({ t: 'one', n: rb, status: 'added', depth: 0 });
  }
  while (stack.length > 0) {
    const task = stack.pop()!;
    if (task.t === 'one') {
      rows.push(one(task.n, task.status, task.depth));
      const kids = (task.status === 'added' ? kidsB : kidsA).get(task.n.id) ?? [];
      const nodes = task.status === 'added' ? nodesB : nodesA;
      for (let k = kids.length - 1; k >= 0; k--)
        stack.push({ t: 'one', n: nodes.get(kids[k]!)!, status: task.status, depth: task.depth + 1 });
      continue;
    }
    const { a: na, b: nb, depth } = task;
    rows.push({
      status: 'matched',
      depth,
      kind: nb.kind,
      label: nb.label,
      aId: na.id,
      bId: nb.id,
      timeA: timingOf(na),
      timeB: timingOf(nb),
      rowsA: rowsOf(na),
      rowsB: rowsOf(nb),
      moved: task.moved,
    });
    const ca = (kidsA.get(na.id) ?? []).map((id) => nodesA.get(id)!);
    const cb = (kidsB.get(nb.id) ?? []).map((id) => nodesB.get(id)!);
    const { pairs, onlyA, onlyB } = pairChildren(ca, cb);
    if (isJoin(nb.kind) && pairs.some(([i, j]) => i !== j)) joinOrderChanged = true;
    // Pushed in reverse so that they pop in the second plan's order, removed subtrees last.
    const next: Task[] = [];
    const pairOf = new Map(pairs.map(([i, j]) => [j, i]));
    cb.forEach((n, j) => {
      const i = pairOf.get(j);
      next.push(
        i === undefined
          ? { t: 'one', n, status: 'added', depth: depth + 1 }
          : { t: 'pair', a: ca[i]!, b: n, depth: depth + 1, moved: i !== j },
      );
    });
    for (const i of onlyA) next.push({ t: 'one', n: ca[i]!, status: 'removed', depth: depth + 1 });
    void onlyB;
    for (let k = next.length - 1; k >= 0; k--) stack.push(next[k]!);
  }

  const sum = (g: PlanGraph) => g.nodes.reduce((s, n) => s + (timingOf(n) ?? 0), 0);
  const totalA = sum(a);
  const totalB = sum(b);
  const added = rows.filter((r) => r.status === 'added').length;
  const removed = rows.filter((r) => r.status === 'removed').length;
  const matched = rows.length - added - removed;
  return {
    rows,
    totalA,
    totalB,
    matched,
    added,
    removed,
    joinOrderChanged,
    verdict: verdict(rows, totalA, totalB, added, removed, joinOrderChanged),
  };
}

export function formatRatio(r: number): string {
  return r >= 10 ? `${Math.round(r)}×` : `${r.toFixed(1)}×`;
}

function verdict(
  rows: readonly OperatorDelta[],
  totalA: number,
  totalB: number,
  added: number,
  removed: number,
  joinOrderChanged: boolean,
): string {
  const parts: string[] = [];
  if (joinOrderChanged) parts.push('join order changed');
  if (added > 0 || removed > 0) {
    const list = [
      added > 0 ? `${added} operator${added === 1 ? '' : 's'} added` : '',
      removed > 0 ? `${removed} removed` : '',
    ].filter(Boolean);
    parts.push(list.join(', '));
  } else if (!joinOrderChanged) parts.push('same plan shape');

  if (totalA > 0 && totalB > 0) {
    const r = totalB / totalA;
    const slower = r >= SAME_SPEED;
    const faster = r <= 1 / SAME_SPEED;
    if (!slower && !faster) parts.push('about the same operator time');
    else {
      // The operator whose time moved most in the direction of the total.
      let best: OperatorDelta | null = null;
      let bestDelta = 0;
      for (const row of rows) {
        const d = (row.timeB ?? 0) - (row.timeA ?? 0);
        if ((slower ? d : -d) > bestDelta) {
          bestDelta = slower ? d : -d;
          best = row;
        }
      }
      const word = slower ? 'slower' : 'faster';
      parts.push(`${formatRatio(slower ? r : 1 / r)} ${word} in total`);
      if (best) {
        const id = best.bId ?? best.aId;
        const where = `${best.kind} #${id}`;
        if (best.status === 'matched' && best.timeA && best.timeB) {
          const opRatio = slower ? best.timeB / best.timeA : best.timeA / best.timeB;
          parts.push(`${formatRatio(opRatio)} ${word} in ${where}`);
        } else parts.push(`most of the change in ${where} (${best.status})`);
      }
    }
  }
  return parts.join('; ');
}

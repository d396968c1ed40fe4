/**
 * Dense, index-based form of a Schedule for the graph algorithms: executors become 0..n-1 and
 * adjacency is kept in CSR arrays (Int32Array), so that 10,000-executor plans walk without
 * allocating per node. Built once per Schedule object and cached (schedules are immutable).
 */
import { rankExecutorIds } from './executor-id';
import { resolveSchedule } from './sanitize-schedule';
import type { ExecutorId, Schedule } from './types';

export interface ScheduleIndex {
  readonly ids: readonly ExecutorId[];
  readonly indexOf: ReadonlyMap<ExecutorId, number>;
  /** Dependencies of i: depList[depStart[i] .. depStart[i+1]). */
  readonly depStart: Int32Array;
  readonly depList: Int32Array;
  /** Successors of i: succList[succStart[i] .. succStart[i+1]). */
  readonly succStart: Int32Array;
  readonly succList: Int32Array;
  /** Index of the root, -1 when none. */
  readonly root: number;
  /** Rank of each index in ascending id order (for stable tie-breaking by id). */
  readonly idRank: Int32Array;
}

const cache = new WeakMap<Schedule, ScheduleIndex>();

export function buildScheduleIndex(schedule: Schedule): ScheduleIndex {
  const hit = cache.get(schedule);
  if (hit) return hit;
  const n = schedule.executors.length;
  const ids: ExecutorId[] = new Array<ExecutorId>(n);
  for (let i = 0; i < n; i++) ids[i] = schedule.executors[i]!.id;
  // Dependencies between known executors (a clean schedule has no other kind).
  const { indexOf, from, to } = resolveSchedule(schedule);
  const depStart = new Int32Array(n + 1);
  const succStart = new Int32Array(n + 1);
  let m = 0;
  for (let k = 0; k < from.length; k++) {
    if (from[k]! < 0 || to[k]! < 0) continue;
    depStart[to[k]! + 1]!++;
    succStart[from[k]! + 1]!++;
    m++;
  }
  for (let i = 0; i < n; i++) {
    depStart[i + 1]! += depStart[i]!;
    succStart[i + 1]! += succStart[i]!;
  }
  const depList = new Int32Array(m);
  const succList = new Int32Array(m);
  const depFill = depStart.slice(0, n);
  const succFill = succStart.slice(0, n);
  for (let k = 0; k < from.length; k++) {
    const a = from[k]!;
    const b = to[k]!;
    if (a < 0 || b < 0) continue;
    depList[depFill[b]!++] = a;
    succList[succFill[a]!++] = b;
  }
  const idRank = rankExecutorIds(ids);
  const root = schedule.rootId === null ? -1 : (indexOf.get(schedule.rootId) ?? -1);
  const index: ScheduleIndex = { ids, indexOf, depStart, depList, succStart, succList, root, idRank };
  cache.set(schedule, index);
  return index;
}

/**
 * Kahn's algorithm, ties broken by ascending id (a binary heap on idRank), so the same schedule
 * always yields the same order. Executors on or behind a cycle are left out and returned apart.
 */
export function topologicalOrder(index: ScheduleIndex): { order: Int32Array; blocked: Int32Array } {
  const n = index.ids.length;
  const remaining = new Int32Array(n);
  for (let i = 0; i < n; i++) remaining[i] = index.depStart[i + 1]! - index.depStart[i]!;
  const heap = new Int32Array(n);
  let size = 0;
  const rank = index.idRank;
  const push = (v: number): void => {
    let i = size++;
    heap[i] = v;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (rank[heap[p]!]! <= rank[v]!) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = v;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const v = heap[--size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && rank[heap[c + 1]!]! < rank[heap[c]!]!) c++;
      if (rank[heap[c]!]! >= rank[v]!) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = v;
    return top;
  };
  for (let i = 0; i < n; i++) if (remaining[i] === 0) push(i);
  const order = new Int32Array(n);
  let count = 0;
  while (size > 0) {
    const v = pop();
    order[count++] = v;
    for (let k = index.succStart[v]!; k < index.succStart[v + 1]!; k++) {
      const w = index.succList[k]!;
      if (--remaining[w]! === 0) push(w);
    }
  }
  const blocked: number[] = [];
  if (count < n) {
    const done = new Uint8Array(n);
    for (let k = 0; k < count; k++) done[order[k]!] = 1;
    for (let i = 0; i < n; i++) if (!done[i]) blocked.push(i);
    blocked.sort((a, b) => rank[a]! - rank[b]!);
  }
  return { order: order.slice(0, count), blocked: Int32Array.from(blocked) };
}

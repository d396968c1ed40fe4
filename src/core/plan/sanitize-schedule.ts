/**
 * Which executors and dependencies of a schedule are usable, resolved once per schedule and cached
 * (schedules are immutable): ids to executor indexes, and every dependency's state. Validation
 * words the problems from it; sanitizeSchedule keeps the usable part; the graph index reuses the
 * indexes. Everything is typed arrays and one Map: no string per dependency, so a 1,000,000-executor
 * schedule resolves in one pass (issue 10 item 6).
 */
import type { Executor, ExecutorId, Schedule, ScheduleEdge } from './types';

/** A dependency between two known, distinct executors, listed for the first time. */
export const EDGE_OK = 0;
/** `from` or `to` names no executor. */
export const EDGE_UNKNOWN = 1;
/** `from` and `to` are the same executor. */
export const EDGE_SELF = 2;
/** The same `from` → `to` was listed before. */
export const EDGE_REPEATED = 3;

export interface ScheduleResolution {
  /** Each id to the index of the first executor that has it. */
  readonly indexOf: ReadonlyMap<ExecutorId, number>;
  /** 1 where an executor repeats an id listed before it (it is dropped). */
  readonly repeated: Uint8Array;
  readonly repeatedCount: number;
  /** Per dependency: executor indexes of `from` and `to`, -1 when unknown. */
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Per dependency: EDGE_OK, EDGE_UNKNOWN, EDGE_SELF or EDGE_REPEATED. */
  readonly state: Uint8Array;
  /** Dependencies that are not EDGE_OK. */
  readonly droppedEdges: number;
}

const resolutions = new WeakMap<Schedule, ScheduleResolution>();

export function resolveSchedule(schedule: Schedule): ScheduleResolution {
  const hit = resolutions.get(schedule);
  if (hit) return hit;
  const executors = schedule.executors;
  const n = executors.length;
  const indexOf = new Map<ExecutorId, number>();
  const repeated = new Uint8Array(n);
  let repeatedCount = 0;
  for (let i = 0; i < n; i++) {
    const id = executors[i]!.id;
    if (indexOf.has(id)) {
      repeated[i] = 1;
      repeatedCount++;
    } else indexOf.set(id, i);
  }
  const edges = schedule.edges;
  const m = edges.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const state = new Uint8Array(m);
  const perSource = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    const a = indexOf.get(edges[k]!.from) ?? -1;
    const b = indexOf.get(edges[k]!.to) ?? -1;
    from[k] = a;
    to[k] = b;
    if (a < 0 || b < 0) state[k] = EDGE_UNKNOWN;
    else if (a === b) state[k] = EDGE_SELF;
    else perSource[a + 1]!++;
  }
  // Repeated dependencies: bucket the others by source, in list order, and mark a target seen twice
  // from the same source (the first listing is the one kept).
  for (let i = 0; i < n; i++) perSource[i + 1]! += perSource[i]!;
  const bucket = new Int32Array(perSource[n]!);
  const fill = perSource.slice(0, n);
  for (let k = 0; k < m; k++) if (state[k] === EDGE_OK) bucket[fill[from[k]!]!++] = k;
  const seenFrom = new Int32Array(n).fill(-1);
  for (let a = 0; a < n; a++) {
    for (let p = perSource[a]!; p < perSource[a + 1]!; p++) {
      const k = bucket[p]!;
      const b = to[k]!;
      if (seenFrom[b] === a) state[k] = EDGE_REPEATED;
      else seenFrom[b] = a;
    }
  }
  let droppedEdges = 0;
  for (let k = 0; k < m; k++) if (state[k] !== EDGE_OK) droppedEdges++;
  const resolution = { indexOf, repeated, repeatedCount, from, to, state, droppedEdges };
  resolutions.set(schedule, resolution);
  return resolution;
}

const sanitized = new WeakMap<Schedule, Schedule>();

/**
 * The drawable part of a schedule: duplicate executors dropped (first kept), dependencies on
 * unknown executors, self-dependencies and repeated dependencies dropped. Cycles are kept (they are
 * the problem the user must see). Returns the same object when nothing needed dropping.
 */
export function sanitizeSchedule(schedule: Schedule): Schedule {
  const hit = sanitized.get(schedule);
  if (hit) return hit;
  const r = resolveSchedule(schedule);
  let result = schedule;
  if (r.repeatedCount > 0 || r.droppedEdges > 0) {
    const executors: Executor[] =
      r.repeatedCount === 0 ? [...schedule.executors] : schedule.executors.filter((_, i) => !r.repeated[i]);
    const edges: ScheduleEdge[] = [];
    const keptFrom: number[] = [];
    const keptTo: number[] = [];
    schedule.edges.forEach((edge, k) => {
      if (r.state[k] !== EDGE_OK) return;
      edges.push(edge);
      keptFrom.push(r.from[k]!);
      keptTo.push(r.to[k]!);
    });
    result = { ...schedule, rootId: schedule.rootId, executors, edges };
    if (r.repeatedCount === 0) {
      // Same executors, same indexes: the clean schedule's resolution is the kept part of this one.
      resolutions.set(result, {
        indexOf: r.indexOf,
        repeated: new Uint8Array(executors.length),
        repeatedCount: 0,
        from: Int32Array.from(keptFrom),
        to: Int32Array.from(keptTo),
        state: new Uint8Array(edges.length),
        droppedEdges: 0,
      });
    }
  }
  sanitized.set(schedule, result);
  sanitized.set(result, result);
  return result;
}

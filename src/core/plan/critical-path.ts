/**
 * Critical path (critical path method): the longest chain of dependencies, by time when every
 * executor has start_us/end_us (sum of end_us - start_us along the chain, i.e. the query's length if
 * it had unlimited workers), else by executor count. Slack per executor for the details panel:
 * earliest start = latest earliest-finish of its dependencies, latest start = how late it could
 * start without delaying the end.
 */
import { buildScheduleIndex, topologicalOrder, type ScheduleIndex } from './schedule-index';
import { sanitizeSchedule } from './sanitize-schedule';
import { hasCompleteTimings } from './waves';
import type { ExecutorId, Schedule } from './types';
import type { CriticalPath, CriticalPathUnit, NodeSlack } from './analysis-types';

export interface CriticalPathOptions {
  /** 'auto' (default): 'us' when every executor has timings, else 'executors'. */
  readonly unit?: 'auto' | CriticalPathUnit;
}

/**
 * The forward pass of the critical path method, as typed arrays: earliest start and finish of each
 * executor (by index in the sanitized schedule), the path's length and its last executor. A summary
 * needs only `length`; computeCriticalPath adds the path and every executor's slack.
 */
export interface CriticalPathForward {
  readonly unit: CriticalPathUnit;
  readonly index: ScheduleIndex;
  readonly order: Int32Array;
  readonly blocked: Int32Array;
  readonly duration: Float64Array;
  readonly es: Float64Array;
  readonly ef: Float64Array;
  readonly inOrder: Uint8Array;
  readonly length: number;
  /** Index of the path's last executor, -1 for an empty schedule. */
  readonly last: number;
}

export function criticalPathForward(
  schedule: Schedule,
  options: CriticalPathOptions = {},
): CriticalPathForward {
  const clean = sanitizeSchedule(schedule);
  const index = buildScheduleIndex(clean);
  const n = index.ids.length;
  const wanted = options.unit ?? 'auto';
  const unit: CriticalPathUnit = wanted === 'executors' || !hasCompleteTimings(clean) ? 'executors' : 'us';
  const { order, blocked } = topologicalOrder(index);

  const duration = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = clean.executors[i]!;
    duration[i] = unit === 'us' ? Math.max(0, e.endUs! - e.startUs!) : 1;
  }
  const es = new Float64Array(n);
  const ef = new Float64Array(n);
  const inOrder = new Uint8Array(n);
  let length = 0;
  let last = -1;
  for (let k = 0; k < order.length; k++) {
    const v = order[k]!;
    inOrder[v] = 1;
    let start = 0;
    for (let j = index.depStart[v]!; j < index.depStart[v + 1]!; j++)
      start = Math.max(start, ef[index.depList[j]!]!);
    es[v] = start;
    ef[v] = start + duration[v]!;
    // Prefer the root on ties (the path should end at the sink), then the smallest id.
    if (
      last < 0 ||
      ef[v]! > length ||
      (ef[v] === length && v === index.root) ||
      (ef[v] === length && last !== index.root && index.idRank[v]! < index.idRank[last]!)
    ) {
      length = ef[v]!;
      last = v;
    }
  }
  return { unit, index, order, blocked, duration, es, ef, inOrder, length, last };
}

export function computeCriticalPath(schedule: Schedule, options: CriticalPathOptions = {}): CriticalPath {
  const { unit, index, order, blocked, duration, es, ef, inOrder, length, last } = criticalPathForward(
    schedule,
    options,
  );
  const path: ExecutorId[] = [];
  for (let v = last; v >= 0;) {
    path.push(index.ids[v]!);
    let next = -1;
    for (let j = index.depStart[v]!; j < index.depStart[v + 1]!; j++) {
      const d = index.depList[j]!;
      if (ef[d] === es[v] && (next < 0 || index.idRank[d]! < index.idRank[next]!)) next = d;
    }
    // A dependency finishing exactly at our earliest start exists unless we are a source.
    v = index.depStart[v + 1]! > index.depStart[v]! ? next : -1;
  }
  path.reverse();

  const lf = new Float64Array(index.ids.length).fill(length);
  const slack = new Map<ExecutorId, NodeSlack>();
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    let finish = length;
    for (let j = index.succStart[v]!; j < index.succStart[v + 1]!; j++) {
      const s = index.succList[j]!;
      if (inOrder[s]) finish = Math.min(finish, lf[s]! - duration[s]!);
    }
    lf[v] = finish;
  }
  for (let k = 0; k < order.length; k++) {
    const v = order[k]!;
    const latestStart = lf[v]! - duration[v]!;
    slack.set(index.ids[v]!, {
      duration: duration[v]!,
      earliestStart: es[v]!,
      earliestFinish: ef[v]!,
      latestStart,
      latestFinish: lf[v]!,
      slack: latestStart - es[v]!,
    });
  }
  return { unit, path, length, slack, complete: blocked.length === 0 };
}

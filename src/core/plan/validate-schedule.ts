/**
 * Validation of a schedule, with messages a person can act on. Never throws. The checks of one
 * executor's values are in executor-values.ts, the usable part of a schedule (what is drawn next to
 * its problems) in sanitize-schedule.ts, cycles in find-cycles.ts.
 */
import { compareExecutorIds } from './executor-id';
import { checkExecutorValues } from './executor-values';
import { findCycles } from './find-cycles';
import { listIds, ProblemList } from './problem-list';
import {
  EDGE_REPEATED,
  EDGE_SELF,
  EDGE_UNKNOWN,
  resolveSchedule,
  sanitizeSchedule,
} from './sanitize-schedule';
import { buildScheduleIndex } from './schedule-index';
import type { ExecutorId, Schedule, ValidationProblem } from './types';

export interface ValidateOptions {
  /** Where executor i (its field) came from: `$.executors[3].size_bytes` or `row 17, column size_bytes`. */
  readonly executorPath?: (index: number, field?: string) => string;
  /** Where edge k came from. */
  readonly edgePath?: (index: number) => string;
  readonly rootPath?: string;
}

const defaultExecutorPath = (i: number, field?: string): string =>
  field === undefined ? `$.executors[${i}]` : `$.executors[${i}].${field}`;
const defaultEdgePath = (k: number): string => `$.dependencies[${k}]`;

/** Checks a schedule. Problems come back errors first, each list in the order found. */
export function validateSchedule(schedule: Schedule, options: ValidateOptions = {}): ValidationProblem[] {
  const execPath = options.executorPath ?? defaultExecutorPath;
  const edgePath = options.edgePath ?? defaultEdgePath;
  const rootPath = options.rootPath ?? '$.root_executor_id';
  const problems = new ProblemList();
  const executors = schedule.executors;

  if (executors.length === 0) {
    problems.add({ code: 'empty', severity: 'error', message: 'The schedule has no executors.' });
  }

  // Duplicate ids: the first one is kept.
  const resolved = resolveSchedule(schedule);
  const dupes = new Map<ExecutorId, number[]>();
  if (resolved.repeatedCount > 0) {
    executors.forEach((e, i) => {
      if (!resolved.repeated[i]) return;
      const list = dupes.get(e.id) ?? [resolved.indexOf.get(e.id)!];
      list.push(i);
      dupes.set(e.id, list);
    });
  }
  for (const [id, at] of dupes) {
    problems.add({
      code: 'duplicate-id',
      severity: 'error',
      message: `Executor id ${id} is used ${at.length} times (${at.map((i) => execPath(i)).join(', ')}); only the first is used. Give each executor its own id.`,
      path: execPath(at[1]!, 'id'),
      executorIds: [id],
    });
  }

  // Field values.
  let withTimings = 0;
  let anyTime = false;
  executors.forEach((e, i) => {
    checkExecutorValues(e, i, execPath, problems);
    if (e.startUs !== undefined && e.endUs !== undefined) withTimings++;
    if (e.startUs !== undefined || e.endUs !== undefined) anyTime = true;
  });
  if (withTimings > 0 && withTimings < executors.length) {
    const missing = executors
      .filter((e) => e.startUs === undefined || e.endUs === undefined)
      .map((e) => e.id);
    problems.add({
      code: 'partial-timings',
      severity: 'warning',
      message: `${missing.length} of ${executors.length} executors have no start_us/end_us (${listIds(missing)}): waves and the critical path use steps and executor counts instead of time.`,
      executorIds: missing,
    });
  }

  // Edges.
  if (resolved.droppedEdges > 0) {
    schedule.edges.forEach((edge, k) => {
      const state = resolved.state[k];
      if (state === EDGE_UNKNOWN) {
        const hasFrom = resolved.from[k]! >= 0;
        const hasTo = resolved.to[k]! >= 0;
        const unknown = [!hasFrom ? edge.from : null, !hasTo ? edge.to : null].filter(
          (x): x is string => x !== null,
        );
        problems.add({
          code: 'unknown-dependency',
          severity: 'error',
          message: !hasFrom
            ? `Executor ${edge.to} depends on ${edge.from}, which is not in the schedule; the dependency is ignored.`
            : `Executor ${edge.to} is listed as depending on ${edge.from}, but there is no executor ${edge.to}; the dependency is ignored.`,
          path: edgePath(k),
          executorIds: unknown,
        });
      } else if (state === EDGE_SELF) {
        problems.add({
          code: 'self-dependency',
          severity: 'error',
          message: `Executor ${edge.from} depends on itself, so it can never become runnable; the dependency is ignored.`,
          path: edgePath(k),
          executorIds: [edge.from],
        });
      } else if (state === EDGE_REPEATED) {
        problems.add({
          code: 'duplicate-edge',
          severity: 'warning',
          message: `The dependency ${edge.from} → ${edge.to} is listed more than once.`,
          path: edgePath(k),
          executorIds: [edge.from, edge.to],
        });
      }
    });
  }

  const clean = sanitizeSchedule(schedule);
  const index = buildScheduleIndex(clean);
  const n = index.ids.length;

  // Root.
  const sinks: ExecutorId[] = [];
  for (let i = 0; i < n; i++) if (index.succStart[i + 1] === index.succStart[i]) sinks.push(index.ids[i]!);
  if (n > 0) {
    if (schedule.rootId === null) {
      problems.add({
        code: 'missing-root',
        severity: 'error',
        message:
          sinks.length === 1
            ? `The schedule names no root executor (root_executor_id). The only executor nothing depends on is ${sinks[0]}: it is probably the root.`
            : `The schedule names no root executor (root_executor_id). Executors nothing depends on: ${listIds(sinks) || 'none'}.`,
        path: rootPath,
        executorIds: sinks,
      });
    } else if (index.root < 0) {
      problems.add({
        code: 'unknown-root',
        severity: 'error',
        message: `The root executor ${schedule.rootId} is not among the executors.${sinks.length > 0 ? ` Executors nothing depends on: ${listIds(sinks)}.` : ''}`,
        path: rootPath,
        executorIds: sinks,
      });
    } else {
      const r = index.root;
      const succ = Array.from(
        index.succList.subarray(index.succStart[r]!, index.succStart[r + 1]!),
        (j) => index.ids[j]!,
      );
      if (succ.length > 0) {
        problems.add({
          code: 'root-has-successors',
          severity: 'error',
          message: `The root executor ${schedule.rootId} has successor${succ.length === 1 ? '' : 's'} ${listIds(succ)}: the root must be the last executor (the sink). Check root_executor_id or the direction of these dependencies.`,
          path: rootPath,
          executorIds: [schedule.rootId, ...succ],
        });
      }
    }
  }

  // Cycles.
  for (const cycle of findCycles(clean)) {
    const shown = [...cycle.path, cycle.path[0]!].join(' → ');
    const extra =
      cycle.component.length > cycle.path.length
        ? ` (${cycle.component.length} executors are caught in this loop: ${listIds(cycle.component)})`
        : '';
    problems.add({
      code: 'cycle',
      severity: 'error',
      message: `cycle: ${shown}${extra}. None of these executors can ever become runnable; remove one of the dependencies.`,
      executorIds: cycle.path,
    });
  }

  // Executors that cannot reach the root.
  if (index.root >= 0) {
    const reaches = new Uint8Array(n);
    const stack = [index.root];
    reaches[index.root] = 1;
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (let k = index.depStart[v]!; k < index.depStart[v + 1]!; k++) {
        const w = index.depList[k]!;
        if (!reaches[w]) {
          reaches[w] = 1;
          stack.push(w);
        }
      }
    }
    const cut: ExecutorId[] = [];
    for (let i = 0; i < n; i++) if (!reaches[i]) cut.push(index.ids[i]!);
    if (cut.length > 0) {
      cut.sort(compareExecutorIds);
      problems.add({
        code: 'unreachable',
        severity: 'error',
        message: `${cut.length} executor${cut.length === 1 ? '' : 's'} cannot reach the root ${schedule.rootId} (no path of successors leads to it, so their work is never used): ${listIds(cut)}.`,
        executorIds: cut,
      });
    }
  }

  // Timings that contradict dependencies (in the order the dependencies are listed).
  if (anyTime) {
    const kept = resolveSchedule(clean);
    for (let k = 0; k < clean.edges.length; k++) {
      const a = clean.executors[kept.from[k]!]!;
      const b = clean.executors[kept.to[k]!]!;
      if (a.endUs !== undefined && b.startUs !== undefined && b.startUs < a.endUs) {
        problems.add({
          code: 'timing-order',
          severity: 'warning',
          message: `Executor ${b.id} starts at ${b.startUs} µs, before its dependency ${a.id} ends at ${a.endUs} µs.`,
          executorIds: [a.id, b.id],
        });
      }
    }
  }

  const all = problems.finish();
  return [...all.filter((p) => p.severity === 'error'), ...all.filter((p) => p.severity === 'warning')];
}

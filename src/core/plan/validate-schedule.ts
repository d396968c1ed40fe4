// Over 400 lines on purpose: every check feeds one ProblemList and one clean-up of the same schedule;
// split, the checks would have to pass that state around.
/**
 * Validation of a schedule, with messages a person can act on, and the best-effort clean-up that
 * lets a schedule with problems still be drawn. Never throws.
 */
import { compareExecutorIds } from './executor-id';
import { buildScheduleIndex } from './schedule-index';
import type { Executor, ExecutorId, Schedule, ScheduleEdge, ValidationProblem } from './types';

/** 1 TiB: no executor struct is anywhere near this; a bigger number is a unit mix-up. */
export const MAX_SIZE_BYTES = 2 ** 40;
/**
 * Rust's Layout allows alignments up to 2^29, but an executor aligned beyond 64 KiB is almost
 * certainly a wrong field (bytes written where the alignment belongs).
 */
export const MAX_ALIGN = 65536;
/** Alignment assumed when the input gives none: a struct of pointers and usizes on x86_64. */
export const DEFAULT_ALIGN = 8;
/** Problems of one code listed one by one before they are summarized in one line. */
export const MAX_PROBLEMS_PER_CODE = 20;
/** Ids named in one message before "and N more". */
const MAX_IDS_IN_MESSAGE = 12;

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

export function listIds(ids: readonly ExecutorId[], max = MAX_IDS_IN_MESSAGE): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${(ids.length - max).toLocaleString('en-US')} more`;
}

class ProblemList {
  readonly items: ValidationProblem[] = [];
  private readonly counts = new Map<string, number>();
  private readonly overflow = new Map<string, { problem: ValidationProblem; extra: number }>();

  /** Adds a problem, keeping at most MAX_PROBLEMS_PER_CODE per code and counting the rest. */
  add(p: ValidationProblem): void {
    const c = (this.counts.get(p.code) ?? 0) + 1;
    this.counts.set(p.code, c);
    if (c <= MAX_PROBLEMS_PER_CODE) this.items.push(p);
    else {
      const o = this.overflow.get(p.code);
      if (o) o.extra++;
      else this.overflow.set(p.code, { problem: p, extra: 1 });
    }
  }

  finish(): ValidationProblem[] {
    for (const [code, { problem, extra }] of this.overflow) {
      this.items.push({
        code: problem.code,
        severity: problem.severity,
        message: `${extra.toLocaleString('en-US')} more problem${extra === 1 ? '' : 's'} like "${code}" not listed one by one`,
      });
    }
    return this.items;
  }
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1 && Number.isInteger(Math.log2(n));
}

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
  const firstAt = new Map<ExecutorId, number>();
  const dupes = new Map<ExecutorId, number[]>();
  executors.forEach((e, i) => {
    const first = firstAt.get(e.id);
    if (first === undefined) firstAt.set(e.id, i);
    else {
      const list = dupes.get(e.id) ?? [first];
      list.push(i);
      dupes.set(e.id, list);
    }
  });
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
  executors.forEach((e, i) => {
    checkExecutorValues(e, i, execPath, problems);
    if (e.startUs !== undefined && e.endUs !== undefined) withTimings++;
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
  const seenEdges = new Set<string>();
  schedule.edges.forEach((edge, k) => {
    const hasFrom = firstAt.has(edge.from);
    const hasTo = firstAt.has(edge.to);
    if (!hasFrom || !hasTo) {
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
      return;
    }
    if (edge.from === edge.to) {
      problems.add({
        code: 'self-dependency',
        severity: 'error',
        message: `Executor ${edge.from} depends on itself, so it can never become runnable; the dependency is ignored.`,
        path: edgePath(k),
        executorIds: [edge.from],
      });
      return;
    }
    const key = `${edge.from}>${edge.to}`;
    if (seenEdges.has(key)) {
      problems.add({
        code: 'duplicate-edge',
        severity: 'warning',
        message: `The dependency ${edge.from} → ${edge.to} is listed more than once.`,
        path: edgePath(k),
        executorIds: [edge.from, edge.to],
      });
    }
    seenEdges.add(key);
  });

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

  // Timings that contradict dependencies.
  for (const edge of clean.edges) {
    const a = clean.executors[index.indexOf.get(edge.from)!]!;
    const b = clean.executors[index.indexOf.get(edge.to)!]!;
    if (a.endUs !== undefined && b.startUs !== undefined && b.startUs < a.endUs) {
      problems.add({
        code: 'timing-order',
        severity: 'warning',
        message: `Executor ${b.id} starts at ${b.startUs} µs, before its dependency ${a.id} ends at ${a.endUs} µs.`,
        executorIds: [a.id, b.id],
      });
    }
  }

  const all = problems.finish();
  return [...all.filter((p) => p.severity === 'error'), ...all.filter((p) => p.severity === 'warning')];
}

function checkExecutorValues(
  e: Executor,
  i: number,
  path: (index: number, field?: string) => string,
  problems: ProblemList,
): void {
  const s = e.sizeBytes;
  if (!Number.isFinite(s) || s < 0 || !Number.isInteger(s)) {
    problems.add({
      code: 'invalid-size',
      severity: 'error',
      message: `Executor ${e.id} has size_bytes ${String(s)}: a size must be a whole, non-negative number of bytes. It is counted as 0.`,
      path: path(i, 'size_bytes'),
      executorIds: [e.id],
    });
  } else if (s > MAX_SIZE_BYTES) {
    problems.add({
      code: 'absurd-size',
      severity: 'error',
      message: `Executor ${e.id} has size_bytes ${s.toLocaleString('en-US')} (over 1 TiB): probably a unit mix-up. It is counted as 0.`,
      path: path(i, 'size_bytes'),
      executorIds: [e.id],
    });
  }
  const a = e.align;
  if (!isPowerOfTwo(a) || a > MAX_ALIGN) {
    const why =
      Number.isInteger(a) && a > MAX_ALIGN
        ? `more than ${MAX_ALIGN.toLocaleString('en-US')}`
        : 'not a power of two (1, 2, 4, 8, 16, ...)';
    problems.add({
      code: 'invalid-align',
      severity: 'error',
      message: `Executor ${e.id} has align ${String(a)}, which is ${why}. ${DEFAULT_ALIGN} is used instead.`,
      path: path(i, 'align'),
      executorIds: [e.id],
    });
  }
  for (const field of ['startUs', 'endUs'] as const) {
    const v = e[field];
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) {
      const name = field === 'startUs' ? 'start_us' : 'end_us';
      problems.add({
        code: 'invalid-timing',
        severity: 'error',
        message: `Executor ${e.id} has ${name} ${String(v)}: times must be non-negative microseconds.`,
        path: path(i, name),
        executorIds: [e.id],
      });
    }
  }
  if (e.startUs !== undefined && e.endUs !== undefined && e.endUs < e.startUs) {
    problems.add({
      code: 'invalid-timing',
      severity: 'error',
      message: `Executor ${e.id} ends (${e.endUs} µs) before it starts (${e.startUs} µs); its duration is counted as 0.`,
      path: path(i, 'end_us'),
      executorIds: [e.id],
    });
  }
  if (e.rows !== undefined && (!Number.isInteger(e.rows) || e.rows < 0)) {
    problems.add({
      code: 'invalid-rows',
      severity: 'warning',
      message: `Executor ${e.id} has rows ${String(e.rows)}: a row count must be a whole, non-negative number.`,
      path: path(i, 'rows'),
      executorIds: [e.id],
    });
  }
}

/** A usable size: invalid or absurd sizes count as 0 (they are reported by validateSchedule). */
export function effectiveSize(e: Executor): number {
  const s = e.sizeBytes;
  return Number.isInteger(s) && s >= 0 && s <= MAX_SIZE_BYTES ? s : 0;
}

/** A usable alignment: invalid alignments fall back to DEFAULT_ALIGN. */
export function effectiveAlign(e: Executor): number {
  const a = e.align;
  return isPowerOfTwo(a) && a <= MAX_ALIGN ? a : DEFAULT_ALIGN;
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
  const ids = new Set<ExecutorId>();
  const executors: Executor[] = [];
  for (const e of schedule.executors) {
    if (ids.has(e.id)) continue;
    ids.add(e.id);
    executors.push(e);
  }
  const seen = new Set<string>();
  const edges: ScheduleEdge[] = [];
  for (const edge of schedule.edges) {
    if (!ids.has(edge.from) || !ids.has(edge.to) || edge.from === edge.to) continue;
    const key = `${edge.from}>${edge.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(edge);
  }
  const rootId = schedule.rootId;
  const result =
    executors.length === schedule.executors.length && edges.length === schedule.edges.length
      ? schedule
      : { ...schedule, rootId, executors, edges };
  sanitized.set(schedule, result);
  sanitized.set(result, result);
  return result;
}

export interface FoundCycle {
  /** One simple cycle, in dependency order, starting at the smallest id of its component. */
  readonly path: ExecutorId[];
  /** Every executor of the strongly connected component, ascending. */
  readonly component: ExecutorId[];
}

/** One cycle per strongly connected component of more than one executor (Tarjan, iterative). */
export function findCycles(schedule: Schedule): FoundCycle[] {
  const index = buildScheduleIndex(sanitizeSchedule(schedule));
  const n = index.ids.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const callStack: number[] = [];
  const edgePos = new Int32Array(n);
  let counter = 0;
  let compCount = 0;
  const components: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (order[s] !== -1) continue;
    callStack.push(s);
    order[s] = low[s] = counter++;
    edgePos[s] = index.succStart[s]!;
    stack.push(s);
    onStack[s] = 1;
    while (callStack.length > 0) {
      const v = callStack[callStack.length - 1]!;
      if (edgePos[v]! < index.succStart[v + 1]!) {
        const w = index.succList[edgePos[v]!++]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          edgePos[w] = index.succStart[w]!;
          stack.push(w);
          onStack[w] = 1;
          callStack.push(w);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, order[w]!);
        }
      } else {
        callStack.pop();
        if (callStack.length > 0) {
          const u = callStack[callStack.length - 1]!;
          low[u] = Math.min(low[u]!, low[v]!);
        }
        if (low[v] === order[v]) {
          const members: number[] = [];
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = 0;
            comp[w] = compCount;
            members.push(w);
          } while (w !== v);
          components.push(members);
          compCount++;
        }
      }
    }
  }
  const cycles: FoundCycle[] = [];
  for (let c = 0; c < components.length; c++) {
    const members = components[c]!;
    if (members.length < 2) continue;
    members.sort((a, b) => index.idRank[a]! - index.idRank[b]!);
    const start = members[0]!;
    // Shortest way back to `start` inside the component (BFS), so the message names a real loop.
    const prev = new Map<number, number>();
    const queue = [start];
    let end = -1;
    for (let q = 0; q < queue.length && end < 0; q++) {
      const v = queue[q]!;
      for (let k = index.succStart[v]!; k < index.succStart[v + 1]!; k++) {
        const w = index.succList[k]!;
        if (comp[w] !== c) continue;
        if (w === start) {
          end = v;
          break;
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    const path: number[] = [];
    for (let v = end; v !== start; v = prev.get(v)!) path.push(v);
    path.push(start);
    path.reverse();
    cycles.push({
      path: path.map((i) => index.ids[i]!),
      component: members.map((i) => index.ids[i]!),
    });
  }
  cycles.sort((a, b) => compareExecutorIds(a.path[0]!, b.path[0]!));
  return cycles;
}

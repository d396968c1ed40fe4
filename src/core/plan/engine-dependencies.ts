/**
 * The engine's own dependency shape (`{executor_id, dependencies, successors}` per executor) turned
 * into dependency edges: each edge once (a dependency is usually listed on both sides), and a
 * problem wherever one side lists an edge the other does not. Also where each edge was read, kept as
 * numbers so that a 1,000,000-edge schedule does not hold a path string per edge.
 */
import type { Executor, ExecutorId, ScheduleEdge, ValidationProblem } from './types';

/** One entry of the engine shape, read: `k` is its index in `$.dependencies`. */
export interface EngineEntry {
  readonly id: ExecutorId;
  readonly deps: ExecutorId[] | null;
  readonly succ: ExecutorId[] | null;
  readonly k: number;
}

/** Where edge i came from: `$.dependencies[entry[i]]`, its list (0 none, 1 dependencies, 2 successors) and position. */
export interface EdgeOrigins {
  readonly entry: number[];
  readonly list: number[];
  readonly position: number[];
}

export const entryPath = (k: number): string => `$.dependencies[${k}]`;

export function edgePathOf(origins: EdgeOrigins): (i: number) => string {
  return (i) => {
    const base = entryPath(origins.entry[i]!);
    const list = origins.list[i];
    if (list === 1) return `${base}.dependencies[${origins.position[i]!}]`;
    if (list === 2) return `${base}.successors[${origins.position[i]!}]`;
    return base;
  };
}

/** Lists longer than this are looked up through a Set (a root can list a million dependencies). */
const SCAN_LIMIT = 16;

export function reconcileEngineEntries(
  entries: readonly EngineEntry[],
  executors: readonly Executor[],
  edges: ScheduleEdge[],
  origins: EdgeOrigins,
  problems: ValidationProblem[],
): void {
  const known = new Map<ExecutorId, number>();
  executors.forEach((e, i) => {
    if (!known.has(e.id)) known.set(e.id, i);
  });
  const byId = new Map<ExecutorId, EngineEntry>();
  for (const entry of entries) {
    const path = entryPath(entry.k);
    const first = byId.get(entry.id);
    if (first) {
      problems.push({
        code: 'duplicate-id',
        severity: 'error',
        message: `Executor ${entry.id} has more than one dependencies entry (${entryPath(first.k)} and ${path}); both are read.`,
        path,
        executorIds: [entry.id],
      });
    } else byId.set(entry.id, entry);
    if (!known.has(entry.id)) {
      problems.push({
        code: 'unknown-dependency',
        severity: 'error',
        message: `${path} describes executor ${entry.id}, which is not among the executors.`,
        path: `${path}.executor_id`,
        executorIds: [entry.id],
      });
    }
  }
  const sets = new WeakMap<ExecutorId[], Set<ExecutorId>>();
  const lists = (list: ExecutorId[], id: ExecutorId): boolean => {
    if (list.length <= SCAN_LIMIT) return list.includes(id);
    let set = sets.get(list);
    if (!set) sets.set(list, (set = new Set(list)));
    return set.has(id);
  };
  // Each edge once: a pair of known executors is one number, anything else its text.
  const width = executors.length + 1;
  const pairs = new Set<number>();
  const texts = new Set<string>();
  const add = (from: ExecutorId, to: ExecutorId, k: number, list: number, position: number): void => {
    const a = known.get(from);
    const b = known.get(to);
    if (a !== undefined && b !== undefined && width < 2 ** 26) {
      const key = a * width + b;
      if (pairs.has(key)) return;
      pairs.add(key);
    } else {
      const key = `${from}>${to}`;
      if (texts.has(key)) return;
      texts.add(key);
    }
    edges.push({ from, to });
    origins.entry.push(k);
    origins.list.push(list);
    origins.position.push(position);
  };
  for (const entry of entries) {
    const path = entryPath(entry.k);
    entry.deps?.forEach((dep, j) => {
      add(dep, entry.id, entry.k, 1, j);
      const other = byId.get(dep);
      // Only compare with entries that list successors at all: the list may simply be omitted.
      if (other?.succ && !lists(other.succ, entry.id)) {
        problems.push({
          code: 'dependency-mismatch',
          severity: 'error',
          message: `Executor ${entry.id} lists ${dep} among its dependencies, but ${dep} does not list ${entry.id} among its successors. The dependency is kept; fix whichever list is wrong.`,
          path: `${path}.dependencies[${j}]`,
          executorIds: [dep, entry.id],
        });
      }
    });
    entry.succ?.forEach((succ, j) => {
      add(entry.id, succ, entry.k, 2, j);
      const other = byId.get(succ);
      if (other?.deps && !lists(other.deps, entry.id)) {
        problems.push({
          code: 'dependency-mismatch',
          severity: 'error',
          message: `Executor ${entry.id} lists ${succ} among its successors, but ${succ} does not list ${entry.id} among its dependencies. The dependency is kept; fix whichever list is wrong.`,
          path: `${path}.successors[${j}]`,
          executorIds: [entry.id, succ],
        });
      }
    });
  }
}

// Over 400 lines on purpose: both JSON shapes share one pass of path-tracked field readers; split, each
// would repeat them.
/**
 * Reads a schedule from JSON: the edge-list shape (`dependencies: [{from, to}]`) and the engine's
 * own shape (`dependencies: [{executor_id, dependencies, successors}]`). Never throws: anything
 * wrong becomes a ValidationProblem with its JSON path, and the rest is kept.
 */
import { describeType, normalizeExecutorId, quoteBigIntegers } from './executor-id';
import { DEFAULT_ALIGN, sanitizeSchedule, validateSchedule } from './validate-schedule';
import type {
  Executor,
  ExecutorId,
  ParsedSchedule,
  Schedule,
  ScheduleEdge,
  ScheduleFormat,
  ValidationProblem,
} from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Parses pasted or dropped JSON text. Ids beyond 2^53 written as numbers are kept exact. */
export function parseScheduleText(text: string): ParsedSchedule {
  let value: unknown;
  try {
    value = JSON.parse(quoteBigIntegers(text));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return finish(emptySchedule(), 'edge-list', [
      {
        code: 'invalid-json',
        severity: 'error',
        message: `This is not valid JSON (${detail}${describePosition(text, detail)}). A schedule is a JSON object with root_executor_id, executors and dependencies.`,
        path: '$',
      },
    ]);
  }
  return parseScheduleJson(value);
}

function describePosition(text: string, detail: string): string {
  const m = /position (\d+)/.exec(detail);
  if (!m || /line \d+/.test(detail)) return '';
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `; line ${line}, column ${column}`;
}

function emptySchedule(): Schedule {
  return { rootId: null, executors: [], edges: [] };
}

function finish(
  raw: Schedule,
  format: ScheduleFormat,
  parseProblems: ValidationProblem[],
  edgePaths?: string[],
  executorPaths?: string[],
): ParsedSchedule {
  const validation =
    raw.executors.length === 0 && parseProblems.some((p) => p.severity === 'error')
      ? []
      : validateSchedule(raw, {
          edgePath: (k) => edgePaths?.[k] ?? `$.dependencies[${k}]`,
          executorPath: (i, field) => {
            const base = executorPaths?.[i] ?? `$.executors[${i}]`;
            return field === undefined ? base : `${base}.${field}`;
          },
        });
  const all = [...parseProblems, ...validation];
  const problems = [
    ...all.filter((p) => p.severity === 'error'),
    ...all.filter((p) => p.severity === 'warning'),
  ];
  return {
    schedule: sanitizeSchedule(raw),
    problems,
    format,
    ok: !problems.some((p) => p.severity === 'error'),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses an already-decoded JSON value (e.g. from a file read in a worker). */
export function parseScheduleJson(value: unknown): ParsedSchedule {
  const problems: ValidationProblem[] = [];
  if (!isObject(value)) {
    problems.push({
      code: 'wrong-type',
      severity: 'error',
      message: `A schedule must be a JSON object with root_executor_id, executors and dependencies; this is ${describeType(value)}.`,
      path: '$',
    });
    return finish(emptySchedule(), 'edge-list', problems);
  }

  // Root.
  let rootId: ExecutorId | null = null;
  if (!('root_executor_id' in value) || value.root_executor_id === null) {
    // Reported by validateSchedule ('missing-root') with the candidate sinks.
  } else {
    const r = normalizeExecutorId(value.root_executor_id);
    if (r.ok) rootId = r.id;
    else {
      rootId = r.fallback;
      problems.push({
        code: 'invalid-id',
        severity: 'error',
        message: `root_executor_id: ${r.reason}.`,
        path: '$.root_executor_id',
      });
    }
  }

  // Executors: an array, or an object keyed by id (a serialized HashMap<i64, _>).
  const executors: Executor[] = [];
  const executorPaths: string[] = [];
  const rawExecutors = value.executors;
  if (rawExecutors === undefined) {
    problems.push({
      code: 'missing-field',
      severity: 'error',
      message: 'The schedule has no "executors" list.',
      path: '$.executors',
    });
  } else if (Array.isArray(rawExecutors)) {
    rawExecutors.forEach((item, i) => {
      const path = `$.executors[${i}]`;
      const e = parseExecutor(item, path, undefined, problems);
      if (e) {
        executors.push(e);
        executorPaths.push(path);
      }
    });
  } else if (isObject(rawExecutors)) {
    for (const [key, item] of Object.entries(rawExecutors)) {
      const path = `$.executors[${JSON.stringify(key)}]`;
      const e = parseExecutor(item, path, key, problems);
      if (e) {
        executors.push(e);
        executorPaths.push(path);
      }
    }
  } else {
    problems.push({
      code: 'wrong-type',
      severity: 'error',
      message: `"executors" must be a list of executors; it is ${describeType(rawExecutors)}.`,
      path: '$.executors',
    });
  }

  // Dependencies: edge list or engine entries (decided per entry, so a mix still reads).
  const edges: ScheduleEdge[] = [];
  const edgePaths: string[] = [];
  let format: ScheduleFormat = 'edge-list';
  const rawDeps = value.dependencies;
  if (rawDeps === undefined || rawDeps === null) {
    // A schedule without dependencies is legal (a single executor); nothing to read.
  } else if (!Array.isArray(rawDeps)) {
    problems.push({
      code: 'wrong-type',
      severity: 'error',
      message: `"dependencies" must be a list; it is ${describeType(rawDeps)}.`,
      path: '$.dependencies',
    });
  } else {
    const engineEntries: {
      id: ExecutorId;
      deps: ExecutorId[] | null;
      succ: ExecutorId[] | null;
      path: string;
    }[] = [];
    rawDeps.forEach((item, k) => {
      const path = `$.dependencies[${k}]`;
      if (!isObject(item)) {
        problems.push({
          code: 'wrong-type',
          severity: 'error',
          message: `A dependency must be an object; ${path} is ${describeType(item)}.`,
          path,
        });
        return;
      }
      if ('executor_id' in item) {
        format = 'engine';
        const id = readId(item.executor_id, `${path}.executor_id`, problems);
        if (id === null) return;
        engineEntries.push({
          id,
          deps: readIdList(item, 'dependencies', path, problems),
          succ: readIdList(item, 'successors', path, problems),
          path,
        });
        return;
      }
      if (!('from' in item) || !('to' in item)) {
        problems.push({
          code: 'missing-field',
          severity: 'error',
          message: `${path} has neither {from, to} nor {executor_id, dependencies, successors}.`,
          path,
        });
        return;
      }
      const from = readId(item.from, `${path}.from`, problems);
      const to = readId(item.to, `${path}.to`, problems);
      if (from === null || to === null) return;
      edges.push({ from, to });
      edgePaths.push(path);
    });
    if (engineEntries.length > 0)
      reconcileEngineEntries(engineEntries, executors, edges, edgePaths, problems);
  }

  return finish({ rootId, executors, edges }, format, problems, edgePaths, executorPaths);
}

function reconcileEngineEntries(
  entries: { id: ExecutorId; deps: ExecutorId[] | null; succ: ExecutorId[] | null; path: string }[],
  executors: readonly Executor[],
  edges: ScheduleEdge[],
  edgePaths: string[],
  problems: ValidationProblem[],
): void {
  const known = new Set(executors.map((e) => e.id));
  const byId = new Map<ExecutorId, (typeof entries)[number]>();
  for (const entry of entries) {
    if (byId.has(entry.id)) {
      problems.push({
        code: 'duplicate-id',
        severity: 'error',
        message: `Executor ${entry.id} has more than one dependencies entry (${byId.get(entry.id)!.path} and ${entry.path}); both are read.`,
        path: entry.path,
        executorIds: [entry.id],
      });
    } else byId.set(entry.id, entry);
    if (!known.has(entry.id)) {
      problems.push({
        code: 'unknown-dependency',
        severity: 'error',
        message: `${entry.path} describes executor ${entry.id}, which is not among the executors.`,
        path: `${entry.path}.executor_id`,
        executorIds: [entry.id],
      });
    }
  }
  const added = new Set<string>();
  const add = (from: ExecutorId, to: ExecutorId, path: string): void => {
    const key = `${from}>${to}`;
    if (added.has(key)) return;
    added.add(key);
    edges.push({ from, to });
    edgePaths.push(path);
  };
  for (const entry of entries) {
    entry.deps?.forEach((dep, j) => {
      add(dep, entry.id, `${entry.path}.dependencies[${j}]`);
      const other = byId.get(dep);
      // Only compare with entries that list successors at all: the list may simply be omitted.
      if (other?.succ && !other.succ.includes(entry.id)) {
        problems.push({
          code: 'dependency-mismatch',
          severity: 'error',
          message: `Executor ${entry.id} lists ${dep} among its dependencies, but ${dep} does not list ${entry.id} among its successors. The dependency is kept; fix whichever list is wrong.`,
          path: `${entry.path}.dependencies[${j}]`,
          executorIds: [dep, entry.id],
        });
      }
    });
    entry.succ?.forEach((succ, j) => {
      add(entry.id, succ, `${entry.path}.successors[${j}]`);
      const other = byId.get(succ);
      if (other?.deps && !other.deps.includes(entry.id)) {
        problems.push({
          code: 'dependency-mismatch',
          severity: 'error',
          message: `Executor ${entry.id} lists ${succ} among its successors, but ${succ} does not list ${entry.id} among its dependencies. The dependency is kept; fix whichever list is wrong.`,
          path: `${entry.path}.successors[${j}]`,
          executorIds: [entry.id, succ],
        });
      }
    });
  }
}

function readId(raw: unknown, path: string, problems: ValidationProblem[]): ExecutorId | null {
  const r = normalizeExecutorId(raw);
  if (r.ok) return r.id;
  problems.push({
    code: raw === undefined ? 'missing-field' : 'invalid-id',
    severity: 'error',
    message: `${path}: ${r.reason}.`,
    path,
  });
  return r.fallback;
}

function readIdList(
  item: Record<string, unknown>,
  key: string,
  path: string,
  problems: ValidationProblem[],
): ExecutorId[] | null {
  const raw = item[key];
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw)) {
    problems.push({
      code: 'wrong-type',
      severity: 'error',
      message: `${path}.${key} must be a list of executor ids; it is ${describeType(raw)}.`,
      path: `${path}.${key}`,
    });
    return null;
  }
  const out: ExecutorId[] = [];
  raw.forEach((v, j) => {
    const id = readId(v, `${path}.${key}[${j}]`, problems);
    if (id !== null) out.push(id);
  });
  return out;
}

function parseExecutor(
  item: unknown,
  path: string,
  key: string | undefined,
  problems: ValidationProblem[],
): Executor | null {
  if (!isObject(item)) {
    problems.push({
      code: 'wrong-type',
      severity: 'error',
      message: `An executor must be an object; ${path} is ${describeType(item)}.`,
      path,
    });
    return null;
  }
  const rawId = item.id ?? key;
  const id = readId(rawId, `${path}.id`, problems);
  if (id === null) return null;

  let kind = 'Unknown';
  if (typeof item.kind === 'string' && item.kind.trim() !== '') kind = item.kind.trim();
  else
    problems.push({
      code: item.kind === undefined ? 'missing-field' : 'wrong-type',
      severity: 'error',
      message:
        item.kind === undefined
          ? `Executor ${id} has no kind (e.g. "Filter"); shown as "Unknown".`
          : `Executor ${id}: kind must be a non-empty string; it is ${describeType(item.kind)}.`,
      path: `${path}.kind`,
    });

  const e: Mutable<Executor> = {
    id,
    kind,
    sizeBytes: 0,
    align: DEFAULT_ALIGN,
    holdsHeap: false,
    removed: false,
  };
  if (item.name !== undefined && item.name !== null) {
    if (typeof item.name === 'string') e.name = item.name;
    else problems.push(wrongType(id, 'name', 'a string', item.name, `${path}.name`, 'warning'));
  }
  if (item.size_bytes === undefined || item.size_bytes === null) {
    problems.push({
      code: 'missing-field',
      severity: 'error',
      message: `Executor ${id} has no size_bytes; counted as 0 bytes.`,
      path: `${path}.size_bytes`,
    });
  } else {
    const n = readNumber(item.size_bytes);
    if (n === null)
      problems.push(wrongType(id, 'size_bytes', 'a number of bytes', item.size_bytes, `${path}.size_bytes`));
    else e.sizeBytes = n;
  }
  if (item.align !== undefined && item.align !== null) {
    const n = readNumber(item.align);
    if (n === null) problems.push(wrongType(id, 'align', 'a power of two', item.align, `${path}.align`));
    else e.align = n;
  }
  for (const field of ['holds_heap', 'removed'] as const) {
    const v = item[field];
    if (v === undefined || v === null) continue;
    if (typeof v === 'boolean') {
      if (field === 'holds_heap') e.holdsHeap = v;
      else e.removed = v;
    } else problems.push(wrongType(id, field, 'true or false', v, `${path}.${field}`));
  }
  for (const [field, prop] of [
    ['start_us', 'startUs'],
    ['end_us', 'endUs'],
    ['rows', 'rows'],
  ] as const) {
    const v = item[field];
    if (v === undefined || v === null) continue;
    const n = readNumber(v);
    if (n === null) problems.push(wrongType(id, field, 'a number', v, `${path}.${field}`));
    else e[prop] = n;
  }
  return e;
}

/** JSON numbers, and numeric strings (big u64 sizes survive as strings after quoteBigIntegers). */
function readNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function wrongType(
  id: ExecutorId,
  field: string,
  expected: string,
  got: unknown,
  path: string,
  severity: 'error' | 'warning' = 'error',
): ValidationProblem {
  return {
    code: 'wrong-type',
    severity,
    message: `Executor ${id}: ${field} must be ${expected}; it is ${describeType(got)}.`,
    path,
    executorIds: [id],
  };
}

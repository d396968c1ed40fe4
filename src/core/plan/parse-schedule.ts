/**
 * Reads a schedule from JSON: the edge-list shape (`dependencies: [{from, to}]`) and the engine's
 * own shape (`dependencies: [{executor_id, dependencies, successors}]`). Never throws: anything
 * wrong becomes a ValidationProblem with its JSON path, and the rest is kept.
 */
import {
  edgePathOf,
  entryPath,
  reconcileEngineEntries,
  type EdgeOrigins,
  type EngineEntry,
} from './engine-dependencies';
import { describeType, normalizeExecutorId, quoteBigIntegers } from './executor-id';
import { DEFAULT_ALIGN } from './executor-values';
import { sanitizeSchedule } from './sanitize-schedule';
import { validateSchedule } from './validate-schedule';
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
  edgePath?: (k: number) => string,
  executorPath?: (i: number) => string,
): ParsedSchedule {
  const validation =
    raw.executors.length === 0 && parseProblems.some((p) => p.severity === 'error')
      ? []
      : validateSchedule(raw, {
          edgePath: edgePath ?? ((k) => `$.dependencies[${k}]`),
          executorPath: (i, field) => {
            const base = executorPath ? executorPath(i) : `$.executors[${i}]`;
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

  // Executors: an array, or an object keyed by id (a serialized HashMap<i64, _>). Paths are made
  // only when a problem needs one: a string per executor is ~100 MB at 1,000,000 executors.
  const executors: Executor[] = [];
  const executorAt: number[] = [];
  let executorKeys: string[] | null = null;
  const rawExecutors = value.executors;
  if (rawExecutors === undefined) {
    problems.push({
      code: 'missing-field',
      severity: 'error',
      message: 'The schedule has no "executors" list.',
      path: '$.executors',
    });
  } else if (Array.isArray(rawExecutors)) {
    for (let i = 0; i < rawExecutors.length; i++) {
      const e = parseExecutor(rawExecutors[i], () => `$.executors[${i}]`, undefined, problems);
      if (e) {
        executors.push(e);
        executorAt.push(i);
      }
    }
  } else if (isObject(rawExecutors)) {
    executorKeys = Object.keys(rawExecutors);
    const keys = executorKeys;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const e = parseExecutor(rawExecutors[key], () => `$.executors[${JSON.stringify(key)}]`, key, problems);
      if (e) {
        executors.push(e);
        executorAt.push(i);
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
  // Where each dependency was read, as numbers (see edgePathOf): no string per dependency.
  const origins: EdgeOrigins = { entry: [], list: [], position: [] };
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
    const engineEntries: EngineEntry[] = [];
    for (let k = 0; k < rawDeps.length; k++) {
      const item: unknown = rawDeps[k];
      if (!isObject(item)) {
        problems.push({
          code: 'wrong-type',
          severity: 'error',
          message: `A dependency must be an object; ${entryPath(k)} is ${describeType(item)}.`,
          path: entryPath(k),
        });
        continue;
      }
      if ('executor_id' in item) {
        format = 'engine';
        const id = readId(item.executor_id, () => `${entryPath(k)}.executor_id`, problems);
        if (id === null) continue;
        engineEntries.push({
          id,
          deps: readIdList(item, 'dependencies', entryPath(k), problems),
          succ: readIdList(item, 'successors', entryPath(k), problems),
          k,
        });
        continue;
      }
      if (!('from' in item) || !('to' in item)) {
        problems.push({
          code: 'missing-field',
          severity: 'error',
          message: `${entryPath(k)} has neither {from, to} nor {executor_id, dependencies, successors}.`,
          path: entryPath(k),
        });
        continue;
      }
      const from = readId(item.from, () => `${entryPath(k)}.from`, problems);
      const to = readId(item.to, () => `${entryPath(k)}.to`, problems);
      if (from === null || to === null) continue;
      edges.push({ from, to });
      origins.entry.push(k);
      origins.list.push(0);
      origins.position.push(0);
    }
    if (engineEntries.length > 0) reconcileEngineEntries(engineEntries, executors, edges, origins, problems);
  }

  const keys = executorKeys;
  return finish({ rootId, executors, edges }, format, problems, edgePathOf(origins), (i) =>
    keys ? `$.executors[${JSON.stringify(keys[executorAt[i]!])}]` : `$.executors[${executorAt[i]!}]`,
  );
}

/** `path` is a function where it is made only for a problem (most ids are fine). */
function readId(raw: unknown, at: string | (() => string), problems: ValidationProblem[]): ExecutorId | null {
  const r = normalizeExecutorId(raw);
  if (r.ok) return r.id;
  const path = typeof at === 'string' ? at : at();
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
    const id = readId(v, () => `${path}.${key}[${j}]`, problems);
    if (id !== null) out.push(id);
  });
  return out;
}

function parseExecutor(
  item: unknown,
  at: () => string,
  key: string | undefined,
  problems: ValidationProblem[],
): Executor | null {
  if (!isObject(item)) {
    problems.push({
      code: 'wrong-type',
      severity: 'error',
      message: `An executor must be an object; ${at()} is ${describeType(item)}.`,
      path: at(),
    });
    return null;
  }
  const rawId = item.id ?? key;
  const id = readId(rawId, () => `${at()}.id`, problems);
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
      path: `${at()}.kind`,
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
    else problems.push(wrongType(id, 'name', 'a string', item.name, `${at()}.name`, 'warning'));
  }
  if (item.size_bytes === undefined || item.size_bytes === null) {
    problems.push({
      code: 'missing-field',
      severity: 'error',
      message: `Executor ${id} has no size_bytes; counted as 0 bytes.`,
      path: `${at()}.size_bytes`,
    });
  } else {
    const n = readNumber(item.size_bytes);
    if (n === null)
      problems.push(wrongType(id, 'size_bytes', 'a number of bytes', item.size_bytes, `${at()}.size_bytes`));
    else e.sizeBytes = n;
  }
  if (item.align !== undefined && item.align !== null) {
    const n = readNumber(item.align);
    if (n === null) problems.push(wrongType(id, 'align', 'a power of two', item.align, `${at()}.align`));
    else e.align = n;
  }
  for (const field of ['holds_heap', 'removed'] as const) {
    const v = item[field];
    if (v === undefined || v === null) continue;
    if (typeof v === 'boolean') {
      if (field === 'holds_heap') e.holdsHeap = v;
      else e.removed = v;
    } else problems.push(wrongType(id, field, 'true or false', v, `${at()}.${field}`));
  }
  for (const [field, prop] of [
    ['start_us', 'startUs'],
    ['end_us', 'endUs'],
    ['rows', 'rows'],
  ] as const) {
    const v = item[field];
    if (v === undefined || v === null) continue;
    const n = readNumber(v);
    if (n === null) problems.push(wrongType(id, field, 'a number', v, `${at()}.${field}`));
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

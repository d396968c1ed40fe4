/**
 * Reads a trace table (one row per executor per query: query_id, executor_id, kind, size_bytes,
 * align, deps, start_us, end_us, rows) into one schedule per query_id. A pure function over plain
 * columns, so the UI can feed it from an Arrow table or parsed CSV. A trace has no root column:
 * the root is the executor that nothing depends on; when several qualify the one that ends last
 * (else the last row) is used and the choice is reported.
 */
import { describeType, normalizeExecutorId } from './executor-id';
import { DEFAULT_ALIGN } from './executor-values';
import { listIds } from './problem-list';
import { sanitizeSchedule } from './sanitize-schedule';
import { validateSchedule } from './validate-schedule';
import type {
  Executor,
  ExecutorId,
  ParsedSchedule,
  ParsedTrace,
  ScheduleEdge,
  TraceColumn,
  TraceColumns,
  TraceQuery,
  ValidationProblem,
} from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const REQUIRED = ['query_id', 'executor_id', 'kind', 'size_bytes', 'deps'] as const;
const OPTIONAL = ['align', 'start_us', 'end_us', 'rows', 'name', 'holds_heap', 'removed'] as const;

function cellGetter(column: TraceColumn | undefined): ((i: number) => unknown) | null {
  if (column === undefined || column === null) return null;
  if (typeof (column as { get?: unknown }).get === 'function' && !Array.isArray(column)) {
    const c = column as { get(index: number): unknown };
    return (i) => c.get(i);
  }
  const a = column as ArrayLike<unknown>;
  return (i) => a[i];
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function readNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function readBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
  }
  return null;
}

/** Dependency ids from one deps cell: array, typed array, Arrow list cell, JSON text or "1;2". */
export function readDepsCell(v: unknown): unknown[] | null {
  if (isMissing(v)) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return [v];
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(t.replace(/(-?\d{16,})/g, '"$1"'));
        return Array.isArray(parsed) ? parsed : null;
      } catch {
        return null;
      }
    }
    return t.split(/[\s,;|]+/).filter((x) => x !== '');
  }
  if (typeof v === 'object' && v !== null) {
    const o = v as { toArray?: () => unknown; [Symbol.iterator]?: () => Iterator<unknown>; length?: unknown };
    if (typeof o[Symbol.iterator] === 'function') return Array.from(o as Iterable<unknown>);
    if (typeof o.length === 'number') return Array.from(o as ArrayLike<unknown>);
  }
  return null;
}

interface Row {
  readonly row: number;
  readonly executor: Executor;
  readonly deps: ExecutorId[];
}

export function parseTraceTable(columns: TraceColumns): ParsedTrace {
  const tableProblems: ValidationProblem[] = [];
  const missing = REQUIRED.filter((name) => columns[name] === undefined || columns[name] === null);
  if (missing.length > 0) {
    tableProblems.push({
      code: 'missing-field',
      severity: 'error',
      message: `The trace table lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}. A trace needs query_id, executor_id, kind, size_bytes and deps (align, start_us, end_us, rows are optional).`,
    });
    return { queries: [], problems: tableProblems };
  }
  const present = [...REQUIRED, ...OPTIONAL].filter(
    (name) => columns[name] !== undefined && columns[name] !== null,
  );
  const lengths = present.map((name) => columns[name]!.length);
  const rowCount = Math.min(...lengths);
  if (lengths.some((l) => l !== rowCount)) {
    tableProblems.push({
      code: 'wrong-type',
      severity: 'error',
      message: `The trace columns have different lengths (${present.map((name, k) => `${name}: ${lengths[k]}`).join(', ')}); only the first ${rowCount} rows are read.`,
    });
  }
  const get = Object.fromEntries(
    [...REQUIRED, ...OPTIONAL].map((name) => [name, cellGetter(columns[name])]),
  ) as Record<(typeof REQUIRED)[number] | (typeof OPTIONAL)[number], ((i: number) => unknown) | null>;

  const groups = new Map<string, { rows: Row[]; problems: ValidationProblem[] }>();
  for (let r = 0; r < rowCount; r++) {
    const at = (col: string): string => `row ${r + 1}, column ${col}`;
    const rawQuery = get.query_id!(r);
    const queryId = isMissing(rawQuery) ? '' : String(rawQuery);
    let group = groups.get(queryId);
    if (!group) {
      group = { rows: [], problems: [] };
      groups.set(queryId, group);
      if (queryId === '') {
        group.problems.push({
          code: 'missing-field',
          severity: 'error',
          message: `Rows without a query_id (first at ${at('query_id')}) are grouped as one query "".`,
          path: at('query_id'),
        });
      }
    }
    const problems = group.problems;
    const idResult = normalizeExecutorId(get.executor_id!(r));
    let id: ExecutorId;
    if (idResult.ok) id = idResult.id;
    else if (idResult.fallback !== null) {
      id = idResult.fallback;
      problems.push({
        code: 'invalid-id',
        severity: 'error',
        message: `${at('executor_id')}: ${idResult.reason}.`,
        path: at('executor_id'),
      });
    } else {
      problems.push({
        code: 'missing-field',
        severity: 'error',
        message: `${at('executor_id')}: ${idResult.reason}; the row is skipped.`,
        path: at('executor_id'),
      });
      continue;
    }
    const rawKind = get.kind!(r);
    const e: Mutable<Executor> = {
      id,
      kind: typeof rawKind === 'string' && rawKind.trim() !== '' ? rawKind.trim() : 'Unknown',
      sizeBytes: 0,
      align: DEFAULT_ALIGN,
      holdsHeap: false,
      removed: false,
    };
    if (e.kind === 'Unknown' && rawKind !== 'Unknown') {
      problems.push({
        code: isMissing(rawKind) ? 'missing-field' : 'wrong-type',
        severity: 'error',
        message: `Executor ${id} (${at('kind')}) has no kind; shown as "Unknown".`,
        path: at('kind'),
      });
    }
    const size = get.size_bytes!(r);
    const sizeNumber = readNumber(size);
    if (sizeNumber === null) {
      problems.push({
        code: isMissing(size) ? 'missing-field' : 'wrong-type',
        severity: 'error',
        message: `Executor ${id} (${at('size_bytes')}): size_bytes must be a number of bytes; it is ${describeType(size)}. Counted as 0.`,
        path: at('size_bytes'),
        executorIds: [id],
      });
    } else e.sizeBytes = sizeNumber;
    const numeric = [
      ['align', 'align'],
      ['start_us', 'startUs'],
      ['end_us', 'endUs'],
      ['rows', 'rows'],
    ] as const;
    for (const [col, prop] of numeric) {
      const g = get[col];
      if (!g) continue;
      const v = g(r);
      if (isMissing(v)) continue;
      const x = readNumber(v);
      if (x === null) {
        problems.push({
          code: 'wrong-type',
          severity: 'error',
          message: `Executor ${id} (${at(col)}): ${col} must be a number; it is ${describeType(v)}.`,
          path: at(col),
          executorIds: [id],
        });
      } else e[prop] = x;
    }
    if (get.name) {
      const v = get.name(r);
      if (typeof v === 'string' && v !== '') e.name = v;
    }
    for (const col of ['holds_heap', 'removed'] as const) {
      const g = get[col];
      if (!g) continue;
      const v = g(r);
      if (isMissing(v)) continue;
      const b = readBool(v);
      if (b === null)
        problems.push({
          code: 'wrong-type',
          severity: 'error',
          message: `Executor ${id} (${at(col)}): ${col} must be true or false; it is ${describeType(v)}.`,
          path: at(col),
          executorIds: [id],
        });
      else if (col === 'holds_heap') e.holdsHeap = b;
      else e.removed = b;
    }
    const depsCell = get.deps!(r);
    const rawDeps = readDepsCell(depsCell);
    const deps: ExecutorId[] = [];
    if (rawDeps === null) {
      problems.push({
        code: 'wrong-type',
        severity: 'error',
        message: `Executor ${id} (${at('deps')}): deps must be a list of executor ids; it is ${describeType(depsCell)}.`,
        path: at('deps'),
        executorIds: [id],
      });
    } else {
      for (const d of rawDeps) {
        const dr = normalizeExecutorId(d);
        if (dr.ok) deps.push(dr.id);
        else {
          problems.push({
            code: 'invalid-id',
            severity: 'error',
            message: `Executor ${id} (${at('deps')}): dependency ${dr.reason}.`,
            path: at('deps'),
            executorIds: [id],
          });
          if (dr.fallback !== null) deps.push(dr.fallback);
        }
      }
    }
    group.rows.push({ row: r, executor: e, deps });
  }

  const queries: TraceQuery[] = [];
  for (const [queryId, group] of groups) {
    queries.push({
      queryId,
      rowCount: group.rows.length,
      parsed: buildQuery(queryId, group.rows, group.problems),
    });
  }
  return { queries, problems: tableProblems };
}

function buildQuery(
  queryId: string,
  rows: readonly Row[],
  parseProblems: ValidationProblem[],
): ParsedSchedule {
  const executors = rows.map((r) => r.executor);
  const edges: ScheduleEdge[] = [];
  const edgeRows: number[] = [];
  for (const r of rows) {
    for (const d of r.deps) {
      edges.push({ from: d, to: r.executor.id });
      edgeRows.push(r.row);
    }
  }
  // Root = the executor nothing depends on.
  const hasSuccessor = new Set(edges.map((e) => e.from));
  const ids = new Set<ExecutorId>();
  const sinks: Executor[] = [];
  for (const e of executors) {
    if (ids.has(e.id)) continue;
    ids.add(e.id);
    if (!hasSuccessor.has(e.id)) sinks.push(e);
  }
  let rootId: ExecutorId | null = null;
  const problems = [...parseProblems];
  if (sinks.length === 1) rootId = sinks[0]!.id;
  else if (sinks.length > 1) {
    let best = sinks[sinks.length - 1]!;
    for (const s of sinks)
      if (s.endUs !== undefined && (best.endUs === undefined || s.endUs > best.endUs)) best = s;
    rootId = best.id;
    problems.push({
      code: 'ambiguous-root',
      severity: 'error',
      message: `Query ${queryId}: ${sinks.length} executors have no successors (${listIds(sinks.map((s) => s.id))}), so the root is ambiguous; ${best.id} (${best.endUs !== undefined ? 'the last to end' : 'the last row'}) is used. A query should end in one root executor.`,
      executorIds: sinks.map((s) => s.id),
    });
  }
  const schedule = { rootId, executors, edges, queryId };
  const validation = validateSchedule(schedule, {
    executorPath: (i, field) => `row ${rows[i]!.row + 1}${field === undefined ? '' : `, column ${field}`}`,
    edgePath: (k) => `row ${edgeRows[k]! + 1}, column deps`,
    rootPath: `query ${queryId}`,
  });
  const all = [...problems, ...validation];
  const sorted = [
    ...all.filter((p) => p.severity === 'error'),
    ...all.filter((p) => p.severity === 'warning'),
  ];
  return {
    schedule: sanitizeSchedule(schedule),
    problems: sorted,
    format: 'trace-table',
    ok: !sorted.some((p) => p.severity === 'error'),
  };
}

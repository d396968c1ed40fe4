/**
 * Public types of memscope's plan core (src/core/plan): execution schedules, their validation
 * problems and trace tables, and the generic PlanGraph that the DAG view draws (an executor
 * schedule, or one of DuckDB's plans). The results of the analysis (waves, critical path) are in
 * analysis-types.ts, the Box/arena memory models' in memory/memory-types.ts.
 *
 * Everything here is plain data: it crosses worker boundaries by structured clone (Maps and typed
 * arrays included) and never needs a class.
 *
 * Ids: an engine's executor ids are Rust `i64`, which JavaScript numbers cannot hold beyond 2^53.
 * memscope therefore keeps every executor id as its canonical decimal string ("42", "-7",
 * "9223372036854775807"): numbers, numeric strings and bigints all normalize to it, ordering is
 * numeric (see compareExecutorIds in executor-id.ts), and nothing is ever rounded.
 *
 * Functions (one module each, no barrel file; signatures are stable once committed):
 *   parse-schedule.ts     parseScheduleText(text): ParsedSchedule
 *                         parseScheduleJson(value: unknown): ParsedSchedule
 *   parse-trace-table.ts  parseTraceTable(columns: TraceColumns): ParsedTrace
 *   validate-schedule.ts  validateSchedule(schedule, options?): ValidationProblem[]
 *   sanitize-schedule.ts  resolveSchedule (ids to indexes, each dependency's state), sanitizeSchedule
 *   find-cycles.ts        findCycles(schedule): one loop per strongly connected component
 *   executor-values.ts    checks of one executor's fields; effectiveSize, effectiveAlign, constants
 *   problem-list.ts       ProblemList (capped per code), listIds
 *   engine-dependencies.ts  the engine's {executor_id, dependencies, successors} shape to edges
 *   waves.ts              computeWaves(schedule, { mode?: 'auto' | WaveMode }): Waves;
 *                         waveSteps + countWaves (typed arrays only, for summaries)
 *                         runnableSetAt(waves, step): ExecutorId[]; hasCompleteTimings(schedule)
 *   critical-path.ts      computeCriticalPath(schedule, { unit?: 'auto' | CriticalPathUnit }): CriticalPath;
 *                         criticalPathForward (the length without the path and slack)
 *   plan-graph.ts         scheduleToPlanGraph(schedule, { waves?, criticalPath? }): PlanGraph
 *   duckdb-profile.ts     parseDuckDbProfile(json): { graph: PlanGraph, totalTimingS, problems }
 *   schedule-index.ts     buildScheduleIndex(schedule) (CSR adjacency), topologicalOrder(index)
 *   executor-id.ts        normalizeExecutorId, compareExecutorIds, rankExecutorIds, quoteBigIntegers
 *   memory/simulate-memory.ts  simulateScheduleMemory(schedule, options?, waves?): MemorySimulation
 *                         simulateBox(sizes, aligns, allocator), memoryWarnings, DEFAULT_MEMORY_OPTIONS
 *   memory/memory-summary.ts   buildMemorySummary(schedule, waves, criticalPath, simulation): MemorySummary
 *   memory/glibc-malloc.ts, memory/jemalloc.ts, memory/bumpalo-arena.ts: the raw models over
 *                         typed arrays (simulateGlibcBox, simulateJemallocBox, simulateArena,
 *                         arenaAfterReset) for the what-if controls.
 */

// ---------------------------------------------------------------------------------------------
// Generic plan graph (schedules now, DuckDB profiles later)
// ---------------------------------------------------------------------------------------------

/** A metric value on a plan node: numbers for charts and colouring, strings for display. */
export type PlanMetricValue = number | string | boolean | null;

/**
 * One node of a plan: an executor of a schedule, or an operator of a DuckDB profile.
 * `metrics` holds whatever the source measured; well-known keys (all optional):
 * `size_bytes`, `align`, `start_us`, `end_us`, `duration_us`, `rows`, `wave`, `slack`
 * (schedules) and `timing_s`, `cardinality`, `rows_scanned` (DuckDB profiles).
 */
export interface PlanNode {
  /** Unique within the graph. Schedules: canonical decimal executor id. */
  readonly id: string;
  /** Category used for colour and search: executor kind (`Filter`) or DuckDB `operator_type`. */
  readonly kind: string;
  /** Short human label (name if given, else kind + id). */
  readonly label: string;
  readonly metrics: Readonly<Record<string, PlanMetricValue>>;
}

/**
 * A directed edge. `from` produces for / completes before `to`: a schedule's dependency edge, or
 * in a DuckDB operator tree an edge child -> parent (data flows towards the root).
 */
export interface PlanEdge {
  readonly from: string;
  readonly to: string;
}

export interface PlanGraph {
  /** Where the graph came from; lets a view pick labels and metric units. */
  readonly source: 'schedule' | 'duckdb-profile';
  readonly nodes: readonly PlanNode[];
  readonly edges: readonly PlanEdge[];
  /** The sink (schedule root executor, DuckDB result operator); null when unknown. */
  readonly rootId: string | null;
  /** Units of numeric metrics, e.g. `{ size_bytes: 'B', start_us: 'µs', timing_s: 's' }`. */
  readonly metricUnits: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------------------------------------
// Schedules
// ---------------------------------------------------------------------------------------------

/** Canonical decimal string of an i64 executor id ("42", "-1", "9223372036854775807"). */
export type ExecutorId = string;

export interface Executor {
  readonly id: ExecutorId;
  /** `Start`, `GetVertices`, `GetNeighbors`, `Filter`, `Project`, `Aggregate`, `Sort`, `Limit`, `Produce`, ... */
  readonly kind: string;
  readonly name?: string;
  /** Estimated size of the executor struct in bytes (what `Box::new` / `bump.alloc` requests). */
  readonly sizeBytes: number;
  /** Alignment in bytes (power of two). Defaults to 8 when the input omits it (see DEFAULT_ALIGN). */
  readonly align: number;
  /** The executor owns heap data (Vec, String, HashMap, Arc) and so needs Drop. */
  readonly holdsHeap: boolean;
  /**
   * The engine removes (drops) this executor before the query ends. Set explicitly in the input
   * (`removed: true`); timings-derived "finished before the root" is computed by the memory model.
   */
  readonly removed: boolean;
  readonly startUs?: number;
  readonly endUs?: number;
  readonly rows?: number;
}

/** `from` must complete before `to` can run. */
export interface ScheduleEdge {
  readonly from: ExecutorId;
  readonly to: ExecutorId;
}

/**
 * A best-effort schedule: duplicates dropped (first kept), edges to unknown ids dropped, everything
 * else kept (cycles included) so that it can be drawn next to its problems.
 */
export interface Schedule {
  /** The root executor (the sink). null when missing or not found among the executors. */
  readonly rootId: ExecutorId | null;
  /** In input order (the trace's order for trace tables). */
  readonly executors: readonly Executor[];
  readonly edges: readonly ScheduleEdge[];
  /** For schedules read from a trace table. */
  readonly queryId?: string;
}

export type ScheduleFormat = 'edge-list' | 'engine' | 'trace-table';

export type ProblemSeverity = 'error' | 'warning';

export type ProblemCode =
  | 'invalid-json' // text is not JSON
  | 'wrong-type' // a field has the wrong JSON type
  | 'missing-field' // a required field is absent
  | 'invalid-id' // id not an integer, outside i64, or rounded by JSON (> 2^53 written as a number)
  | 'duplicate-id'
  | 'unknown-dependency' // an edge names an executor that does not exist
  | 'self-dependency'
  | 'duplicate-edge'
  | 'dependency-mismatch' // engine shape: A lists B as successor but B does not list A as dependency (or vice versa)
  | 'cycle'
  | 'missing-root'
  | 'unknown-root' // root_executor_id names no executor
  | 'ambiguous-root' // trace tables: more than one executor that nobody depends on
  | 'root-has-successors'
  | 'unreachable' // executors that cannot reach the root
  | 'invalid-size' // negative, non-integer, non-finite
  | 'absurd-size' // > MAX_SIZE_BYTES
  | 'invalid-align' // not a power of two, or > MAX_ALIGN
  | 'invalid-timing' // end before start, negative, non-finite
  | 'partial-timings' // some executors have timings and some do not
  | 'timing-order' // an executor starts before one of its dependencies ended
  | 'invalid-rows'
  | 'empty'; // no executors at all

export interface ValidationProblem {
  readonly code: ProblemCode;
  readonly severity: ProblemSeverity;
  /** A full sentence a person can act on, e.g. "cycle: 4 → 7 → 9 → 4". */
  readonly message: string;
  /** JSON path (`$.executors[3].size_bytes`) or trace location (`row 17, column size_bytes`). */
  readonly path?: string;
  /** Executors concerned, for highlighting (in order for cycles). */
  readonly executorIds?: readonly ExecutorId[];
}

export interface ParsedSchedule {
  /** Best-effort schedule: always present, possibly empty. */
  readonly schedule: Schedule;
  /** Parse + validation problems, errors first. Empty means valid. */
  readonly problems: readonly ValidationProblem[];
  readonly format: ScheduleFormat;
  /** No problem of severity 'error'. */
  readonly ok: boolean;
}

/** One query of a trace table. */
export interface TraceQuery {
  readonly queryId: string;
  readonly rowCount: number;
  readonly parsed: ParsedSchedule;
}

export interface ParsedTrace {
  /** In order of first appearance in the table. */
  readonly queries: readonly TraceQuery[];
  /** Table-level problems (missing columns, column length mismatch). */
  readonly problems: readonly ValidationProblem[];
}

/** A column: a plain array / typed array, or anything with `length` and `get(i)` (an Arrow Vector). */
export type TraceColumn = ArrayLike<unknown> | { readonly length: number; get(index: number): unknown };

/**
 * Plain column arrays of a trace table, e.g. from an Arrow table (`table.getChild('kind')`) or from
 * parsed CSV. Cells may be numbers, bigints, strings, null; `deps` cells may be arrays, Arrow list
 * cells (anything iterable or array-like), JSON text "[1,2]" or separated text "1;2" / "1 2".
 */
export interface TraceColumns {
  readonly query_id: TraceColumn;
  readonly executor_id: TraceColumn;
  readonly kind: TraceColumn;
  readonly size_bytes: TraceColumn;
  readonly deps: TraceColumn;
  readonly align?: TraceColumn;
  readonly start_us?: TraceColumn;
  readonly end_us?: TraceColumn;
  readonly rows?: TraceColumn;
  readonly name?: TraceColumn;
  readonly holds_heap?: TraceColumn;
  readonly removed?: TraceColumn;
}

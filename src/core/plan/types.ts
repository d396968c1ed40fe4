// Over 400 lines on purpose: the plan core's public types in one place, so every module reads the
// same shapes (no logic lives here).
/**
 * Public types of memscope's plan core (src/core/plan): execution schedules, their validation
 * problems, runnable waves, critical path, the Box/arena memory models, and the generic PlanGraph
 * that the DAG view draws (an executor schedule today, DuckDB's profiled plans later).
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
 *                         sanitizeSchedule, findCycles, effectiveSize, effectiveAlign, constants
 *   waves.ts              computeWaves(schedule, { mode?: 'auto' | WaveMode }): Waves
 *                         runnableSetAt(waves, step): ExecutorId[]; hasCompleteTimings(schedule)
 *   critical-path.ts      computeCriticalPath(schedule, { unit?: 'auto' | CriticalPathUnit }): CriticalPath
 *   plan-graph.ts         scheduleToPlanGraph(schedule, { waves?, criticalPath? }): PlanGraph
 *   duckdb-profile.ts     parseDuckDbProfile(json): { graph: PlanGraph, totalTimingS, problems }
 *   schedule-index.ts     buildScheduleIndex(schedule) (CSR adjacency), topologicalOrder(index)
 *   executor-id.ts        normalizeExecutorId, compareExecutorIds, quoteBigIntegers
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

// ---------------------------------------------------------------------------------------------
// Waves
// ---------------------------------------------------------------------------------------------

export type WaveMode = 'steps' | 'timings';

/**
 * One step of playing the schedule. At step k: `completed` just completed, `becameRunnable` just
 * became runnable (all their dependencies have completed), and `runnableCount` executors are
 * runnable (not yet completed). Step 0 has the executors without dependencies. The last step
 * completes the last executors and has runnableCount 0.
 */
export interface Wave {
  readonly index: number;
  /** Timings mode: the event time in µs (step 0 = earliest start). Steps mode: null. */
  readonly timeUs: number | null;
  readonly completed: readonly ExecutorId[];
  readonly becameRunnable: readonly ExecutorId[];
  readonly runnableCount: number;
}

export interface Waves {
  readonly mode: WaveMode;
  /** Why timings were not used although asked for (e.g. some executors lack start/end). */
  readonly fallbackReason: string | null;
  readonly steps: readonly Wave[];
  /** Runnable executors per step (the parallelism chart); same length as `steps`. */
  readonly parallelism: Int32Array;
  readonly maxParallelism: number;
  /** Steps with at least one runnable executor (what the summary calls "waves"). */
  readonly waveCount: number;
  /** Step at which each executor became runnable. Absent for executors that never did. */
  readonly runnableAt: ReadonlyMap<ExecutorId, number>;
  /** Step at which each executor completed. */
  readonly completedAt: ReadonlyMap<ExecutorId, number>;
  /** Executors that never became runnable (on or behind a cycle). Empty for a DAG. */
  readonly neverRunnable: readonly ExecutorId[];
  /** Human sentence when neverRunnable is not empty. */
  readonly stopReason: string | null;
}

// ---------------------------------------------------------------------------------------------
// Critical path
// ---------------------------------------------------------------------------------------------

export type CriticalPathUnit = 'us' | 'executors';

/** Critical-path-method numbers of one executor (in the path's unit). */
export interface NodeSlack {
  readonly duration: number;
  readonly earliestStart: number;
  readonly earliestFinish: number;
  readonly latestStart: number;
  readonly latestFinish: number;
  /** latestStart - earliestStart; 0 on the critical path. */
  readonly slack: number;
}

export interface CriticalPath {
  /** 'us' when every executor has timings (sum of end_us - start_us), else 'executors'. */
  readonly unit: CriticalPathUnit;
  /** Executor ids from first to last (dependencies first). */
  readonly path: readonly ExecutorId[];
  /** Sum of durations along the path (µs) or number of executors on it. */
  readonly length: number;
  readonly slack: ReadonlyMap<ExecutorId, NodeSlack>;
  /** False when a cycle kept part of the graph out of the computation. */
  readonly complete: boolean;
}

// ---------------------------------------------------------------------------------------------
// Memory models
// ---------------------------------------------------------------------------------------------

/** Box allocators: one allocation per executor. */
export type BoxAllocator = 'glibc' | 'jemalloc';

/**
 * Which bumpalo's allocation rule to follow. '3.16': 3.16-3.17, the pointer moves down by the raw
 * size, then rounds down to the alignment. '3.18': 3.18 and later, the size is first rounded up to
 * the alignment (and the pointer rounded down before subtracting it). `bumpalo = "3.16"` in a
 * Cargo.toml means ^3.16, so a fresh build gets the newest 3.x: '3.18' is the default.
 */
export type BumpaloVersion = '3.16' | '3.18';

export const DEFAULT_BUMPALO_VERSION: BumpaloVersion = '3.18';

export interface ArenaOptions {
  /** null = `Bump::new()` (allocates nothing up front); n = `Bump::with_capacity(n)`. */
  readonly initialCapacity: number | null;
  /** Allocation rule; DEFAULT_BUMPALO_VERSION ('3.18') when absent. */
  readonly bumpalo?: BumpaloVersion;
  /** Allocator that serves the arena's own chunk requests (for malloc cost of the arena). */
  readonly chunkAllocator: BoxAllocator;
}

export interface AllocatorModel {
  readonly box: BoxAllocator;
  readonly arena: ArenaOptions;
}

/** Creation order of executors = allocation sequence. */
export type AllocationOrder =
  | { readonly kind: 'topological' } // dependencies first, ties by ascending id
  | { readonly kind: 'input' } // as listed (the trace's order)
  | { readonly kind: 'custom'; readonly ids: readonly ExecutorId[] };

/**
 * Box model over an allocation sequence. Every series has n + 1 entries for n allocations:
 * index 0 is before the first allocation, index i after the i-th (so with_capacity shows up at 0).
 */
export interface BoxSimulation {
  readonly allocator: BoxAllocator;
  /** Bytes the allocator holds for each allocation (chunk or size class); n entries. */
  readonly chunkBytes: Float64Array;
  /** Cumulative reserved bytes after each allocation. */
  readonly reservedSeries: Float64Array;
  /** Cumulative requested bytes after each allocation. */
  readonly usedSeries: Float64Array;
  readonly reservedBytes: number;
  readonly usedBytes: number;
  /** Allocator headers (glibc: 8 B per heap chunk, 16 B per mmapped chunk; jemalloc: 0). */
  readonly metadataBytes: number;
  /** malloc calls (zero-sized Box allocates nothing). */
  readonly allocations: number;
  /** glibc: allocations served by mmap. */
  readonly mmappedCount: number;
  /** Allocations with align > 16 (posix_memalign path for glibc). */
  readonly overAlignedCount: number;
}

/** One bumpalo chunk. Offsets are from the chunk's data start; allocation moves down from `usableBytes`. */
export interface ArenaChunk {
  readonly index: number;
  /** Capacity without footer (what allocated_bytes() counts). */
  readonly usableBytes: number;
  /** Bytes requested from the allocator: usable + 48-byte footer. */
  readonly requestBytes: number;
  /** What the chunk request costs in the chunk allocator (glibc 496 -> 512). */
  readonly mallocBytes: number;
  /** Allocation indexes [firstAllocation, firstAllocation + allocationCount) live in this chunk. */
  readonly firstAllocation: number;
  readonly allocationCount: number;
  readonly usedBytes: number;
  readonly paddingBytes: number;
  /** Free bytes below the lowest allocation (offset 0 .. lowest offset). */
  readonly tailBytes: number;
  /** 'abandoned': not current, tail lost until reset(); 'current': the newest chunk. */
  readonly state: 'abandoned' | 'current';
}

export interface ArenaSimulation {
  readonly initialCapacity: number | null;
  readonly bumpalo: BumpaloVersion;
  readonly chunks: readonly ArenaChunk[];
  /** Per allocation (n entries): chunk index, offset in chunk, padding added below it for alignment. */
  readonly chunkOf: Int32Array;
  readonly offsetOf: Float64Array;
  readonly paddingOf: Float64Array;
  /** allocated_bytes() before (index 0) and after each allocation: n + 1 entries, like all series. */
  readonly reservedSeries: Float64Array;
  /** allocated_bytes_including_metadata() after each allocation. */
  readonly reservedIncludingMetadataSeries: Float64Array;
  /** Sum of requested sizes after each allocation. */
  readonly usedSeries: Float64Array;
  /** Bytes the chunk allocator holds for the arena after each allocation. */
  readonly mallocSeries: Float64Array;
  /** allocated_bytes(): sum of chunk capacities. */
  readonly reservedBytes: number;
  /** allocated_bytes_including_metadata(): + 48 per chunk. */
  readonly reservedBytesIncludingMetadata: number;
  readonly usedBytes: number;
  readonly paddingBytes: number;
  /** Free tails of non-current chunks (lost until reset()). */
  readonly abandonedTailBytes: number;
  /** Free bytes left in the current chunk. */
  readonly currentFreeBytes: number;
  /** allocated_bytes() after reset(): the current (largest) chunk's capacity. */
  readonly afterResetBytes: number;
  /** One malloc per chunk. */
  readonly mallocCalls: number;
  readonly mallocBytes: number;
  /** Footers: 48 B per chunk (plus chunk-allocator headers, see mallocBytes). */
  readonly metadataBytes: number;
}

export type MemoryWarningCode =
  | 'holds-heap' // Drop never runs in a bump arena
  | 'removed-before-end' // bytes stay until reset()
  | 'parallel-shared-arena' // Bump is not Sync
  | 'cycle'; // executors never runnable were left out of the topological order

export interface MemoryWarning {
  readonly code: MemoryWarningCode;
  readonly message: string;
  readonly executorIds: readonly ExecutorId[];
  /** Bytes concerned (executor sizes), when meaningful. */
  readonly bytes?: number;
}

export interface MemorySimulationOptions {
  readonly order: AllocationOrder;
  readonly model: AllocatorModel;
}

export interface MemorySimulation {
  /** Allocation sequence (executor ids in creation order). */
  readonly order: readonly ExecutorId[];
  readonly sizes: Float64Array;
  readonly aligns: Float64Array;
  /** The chosen Box model. */
  readonly box: BoxSimulation;
  /** The other Box model, for comparison. */
  readonly otherBox: BoxSimulation;
  readonly arena: ArenaSimulation;
  readonly warnings: readonly MemoryWarning[];
}

/** The exported JSON (snake_case, as documented in docs/plan-memory-models.md). */
export interface MemorySummary {
  readonly executors: number;
  readonly waves: number;
  readonly critical_path_length: number;
  readonly box: {
    readonly reserved_bytes: number;
    readonly used_bytes: number;
    readonly allocations: number;
  };
  readonly arena: {
    /** The allocation rule modelled: bumpalo 3.16-3.17, or 3.18 and later. */
    readonly bumpalo: '3.16-3.17' | '>=3.18';
    readonly chunks: readonly number[];
    readonly reserved_bytes: number;
    readonly reserved_bytes_including_metadata: number;
    readonly used_bytes: number;
    readonly padding_bytes: number;
    readonly abandoned_tail_bytes: number;
    readonly after_reset_bytes: number;
  };
}

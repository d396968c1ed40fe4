/**
 * Types of the Box and bumpalo arena memory models (src/core/plan/memory): allocator options, the
 * allocation order, the simulations over an allocation sequence, the warnings and the exported
 * summary. Plain data (typed arrays included), so they cross worker boundaries by structured clone.
 */
import type { ExecutorId } from '../types';

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

/**
 * bumpalo 3.x arena model, following bumpalo's source as docs/plan-memory-models.md states it.
 *
 * Constants (64-bit): the chunk footer is 48 bytes; bumpalo assumes 16 bytes of malloc header and
 * 16-byte chunk alignment, so OVERHEAD = round_up(16 + 48, 16) = 64, and the first chunk aims at
 * 512 bytes in all: 512 - 64 = 448 usable.
 *
 * Chunk sizing (bumpalo's new_chunk_memory_details): a wanted usable size s becomes
 *   s < 4096:  next_power_of_two(s + 64) - 64
 *   s >= 4096: round_up(s + 64, 4096) - 64
 * and the chunk is requested from the global allocator as s + 48 (the footer).
 *
 * A new chunk (alloc_layout_slow) wants max(2 * previous usable, request size, 448), and at least
 * the request rounded up to max(16, align). So a large request gets a chunk sized for it, and the
 * next chunk doubles *that* chunk: growth continues from the large chunk. `Bump::new()` starts with
 * an empty sentinel (previous usable 0), so its first chunk is 448 for any request up to 448.
 * `with_capacity(n)` (n > 0) makes the first chunk at once: max(448, round_up(n, 16)), rounded.
 *
 * Allocation moves down from the footer. bumpalo 3.16-3.17: ptr = round_down(ptr - size, align).
 * bumpalo 3.18 and later (`Bump<const MIN_ALIGN>`): ptr = round_down(ptr, align) - round_up(size,
 * align), so a 488-byte, 16-aligned value takes 496 bytes. Either fails when the result goes below
 * the chunk's start. Padding is what an allocation takes beyond its size. Offsets here are from the chunk's data start, which we take to be
 * aligned to the allocation's alignment (true up to 16; for larger alignments the real padding
 * depends on the address malloc returned). A failed fit starts a new chunk; the old chunk's free
 * tail is abandoned until reset(). If the global allocator refuses a chunk bumpalo halves the size
 * down to 448; this model assumes it never refuses (no memory limit).
 *
 * allocated_bytes() is the sum of chunk capacities (usable sizes), not bytes in use;
 * allocated_bytes_including_metadata() adds 48 per chunk. reset() frees every chunk but the current
 * one (the newest and, since chunks only grow, the largest) and rewinds it.
 */
import { glibcAllocationBytes } from './glibc-malloc';
import { jemallocAllocationBytes } from './jemalloc';
import {
  DEFAULT_BUMPALO_VERSION,
  type ArenaChunk,
  type ArenaOptions,
  type ArenaSimulation,
  type BoxAllocator,
} from './memory-types';

export const BUMPALO_FOOTER_BYTES = 48;
export const BUMPALO_CHUNK_ALIGN = 16;
export const BUMPALO_MALLOC_OVERHEAD = 16;
/** round_up(MALLOC_OVERHEAD + FOOTER, CHUNK_ALIGN) */
export const BUMPALO_OVERHEAD = 64;
export const BUMPALO_FIRST_ALLOCATION_GOAL = 512;
export const BUMPALO_DEFAULT_CHUNK_USABLE = BUMPALO_FIRST_ALLOCATION_GOAL - BUMPALO_OVERHEAD; // 448
export const BUMPALO_TYPICAL_PAGE_SIZE = 4096;

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

function nextPowerOfTwo(n: number): number {
  return n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n));
}

/** Rounds a wanted usable size the way bumpalo does (power of two below a page, pages above). */
export function bumpaloRoundChunkUsable(wanted: number): number {
  if (wanted < BUMPALO_TYPICAL_PAGE_SIZE) return nextPowerOfTwo(wanted + BUMPALO_OVERHEAD) - BUMPALO_OVERHEAD;
  return roundUp(wanted + BUMPALO_OVERHEAD, BUMPALO_TYPICAL_PAGE_SIZE) - BUMPALO_OVERHEAD;
}

/** Usable size of the first chunk of `Bump::with_capacity(capacity)`; null for 0 (nothing allocated). */
export function bumpaloWithCapacityUsable(capacity: number): number | null {
  if (capacity <= 0) return null;
  return bumpaloRoundChunkUsable(
    Math.max(BUMPALO_DEFAULT_CHUNK_USABLE, roundUp(capacity, BUMPALO_CHUNK_ALIGN)),
  );
}

/** Usable size of the chunk made when a (size, align) request does not fit; previous = 0 for `Bump::new()`. */
export function bumpaloNextChunkUsable(previousUsable: number, size: number, align: number): number {
  const chunkAlign = Math.max(BUMPALO_CHUNK_ALIGN, align);
  const base = Math.max(previousUsable * 2, size, BUMPALO_DEFAULT_CHUNK_USABLE);
  return bumpaloRoundChunkUsable(Math.max(base, roundUp(size, chunkAlign)));
}

function chunkMallocBytes(usable: number, allocator: BoxAllocator): number {
  const request = usable + BUMPALO_FOOTER_BYTES;
  return allocator === 'glibc'
    ? glibcAllocationBytes(request, BUMPALO_CHUNK_ALIGN)
    : jemallocAllocationBytes(request, BUMPALO_CHUNK_ALIGN);
}

type MutableChunk = { -readonly [K in keyof ArenaChunk]: ArenaChunk[K] };

/**
 * round_down(v, align) for v >= 0. For integer offsets below 2^31 and power-of-two alignments (the
 * usual case) a bit mask gives the same result as the double modulo, which V8 runs as a call.
 */
function roundDown(v: number, align: number): number {
  const ai = align | 0;
  return ai === align && ai > 0 && (ai & (ai - 1)) === 0 && v <= 0x7fffffff && (v | 0) === v
    ? v & -ai
    : v - (v % align);
}

/** Offset of an allocation placed below `ptr` (the bump pointer), or -1 when it does not fit. */
export function bumpaloPlace(ptr: number, size: number, align: number, v318: boolean): number {
  if (v318) {
    const at = roundDown(ptr, align) - roundUp(size, align);
    return at < 0 ? -1 : at;
  }
  const start = ptr - size;
  return start < 0 ? -1 : roundDown(start, align);
}

/**
 * Plays `sizes`/`aligns` into one arena. Hot loop: no object per allocation (chunk objects only),
 * typed arrays for all per-allocation results.
 */
export function simulateArena(
  sizes: ArrayLike<number>,
  aligns: ArrayLike<number>,
  options: ArenaOptions = { initialCapacity: null, chunkAllocator: 'glibc' },
): ArenaSimulation {
  const n = sizes.length;
  const chunkOf = new Int32Array(n);
  const offsetOf = new Float64Array(n);
  const paddingOf = new Float64Array(n);
  const reservedSeries = new Float64Array(n + 1);
  const reservedIncludingMetadataSeries = new Float64Array(n + 1);
  const usedSeries = new Float64Array(n + 1);
  const mallocSeries = new Float64Array(n + 1);
  const chunks: MutableChunk[] = [];
  const allocator = options.chunkAllocator;

  let reserved = 0;
  let mallocBytes = 0;
  let used = 0;
  let padding = 0;
  let ptr = 0; // current chunk's bump pointer, as an offset from its data start

  const newChunk = (usable: number, firstAllocation: number): void => {
    const previous = chunks[chunks.length - 1];
    if (previous) previous.state = 'abandoned';
    const bytes = chunkMallocBytes(usable, allocator);
    const chunk: MutableChunk = {
      index: chunks.length,
      usableBytes: usable,
      requestBytes: usable + BUMPALO_FOOTER_BYTES,
      mallocBytes: bytes,
      firstAllocation,
      allocationCount: 0,
      usedBytes: 0,
      paddingBytes: 0,
      tailBytes: usable,
      state: 'current',
    };
    chunks.push(chunk);
    reserved += usable;
    mallocBytes += bytes;
    ptr = usable;
  };

  const initial =
    options.initialCapacity === null ? null : bumpaloWithCapacityUsable(options.initialCapacity);
  if (initial !== null) newChunk(initial, 0);
  reservedSeries[0] = reserved;
  reservedIncludingMetadataSeries[0] = reserved + chunks.length * BUMPALO_FOOTER_BYTES;
  mallocSeries[0] = mallocBytes;

  // Per-chunk counters live in locals and are written back when the chunk changes: the loop then
  // touches only typed arrays and numbers.
  let chunkIndex = chunks.length - 1;
  let count = 0;
  let chunkUsed = 0;
  let chunkPadding = 0;
  const flush = (): void => {
    const c = chunks[chunkIndex];
    if (!c) return;
    c.allocationCount += count;
    c.usedBytes += chunkUsed;
    c.paddingBytes += chunkPadding;
    c.tailBytes = ptr;
    count = chunkUsed = chunkPadding = 0;
  };
  let footers = chunks.length * BUMPALO_FOOTER_BYTES;
  const v318 = (options.bumpalo ?? DEFAULT_BUMPALO_VERSION) === '3.18';
  for (let i = 0; i < n; i++) {
    const size = sizes[i]!;
    const align = aligns[i]!;
    let aligned = chunkIndex < 0 ? -1 : bumpaloPlace(ptr, size, align, v318);
    if (aligned < 0) {
      flush();
      const previous = chunkIndex < 0 ? 0 : chunks[chunkIndex]!.usableBytes;
      newChunk(bumpaloNextChunkUsable(previous, size, align), i);
      chunkIndex = chunks.length - 1;
      footers += BUMPALO_FOOTER_BYTES;
      // A fresh chunk is sized for the request; only an alignment above the chunk's own 16 bytes
      // could leave it short (the real padding then depends on malloc's address): place it at 0.
      aligned = Math.max(0, bumpaloPlace(ptr, size, align, v318));
    }
    const pad = ptr - size - aligned;
    ptr = aligned;
    count++;
    chunkUsed += size;
    chunkPadding += pad;
    chunkOf[i] = chunkIndex;
    offsetOf[i] = aligned;
    paddingOf[i] = pad;
    used += size;
    padding += pad;
    reservedSeries[i + 1] = reserved;
    reservedIncludingMetadataSeries[i + 1] = reserved + footers;
    usedSeries[i + 1] = used;
    mallocSeries[i + 1] = mallocBytes;
  }
  flush();

  let abandoned = 0;
  for (const c of chunks) if (c.state === 'abandoned') abandoned += c.tailBytes;
  const last = chunks[chunks.length - 1];
  return {
    initialCapacity: options.initialCapacity,
    bumpalo: options.bumpalo ?? DEFAULT_BUMPALO_VERSION,
    chunks,
    chunkOf,
    offsetOf,
    paddingOf,
    reservedSeries,
    reservedIncludingMetadataSeries,
    usedSeries,
    mallocSeries,
    reservedBytes: reserved,
    reservedBytesIncludingMetadata: reserved + chunks.length * BUMPALO_FOOTER_BYTES,
    usedBytes: used,
    paddingBytes: padding,
    abandonedTailBytes: abandoned,
    currentFreeBytes: last ? last.tailBytes : 0,
    afterResetBytes: last ? last.usableBytes : 0,
    mallocCalls: chunks.length,
    mallocBytes,
    metadataBytes: chunks.length * BUMPALO_FOOTER_BYTES,
  };
}

/** What reset() leaves: the current chunk, rewound (empty). */
export function arenaAfterReset(sim: ArenaSimulation): ArenaChunk | null {
  const last = sim.chunks[sim.chunks.length - 1];
  if (!last) return null;
  return {
    ...last,
    index: 0,
    firstAllocation: 0,
    allocationCount: 0,
    usedBytes: 0,
    paddingBytes: 0,
    tailBytes: last.usableBytes,
    state: 'current',
  };
}

/**
 * Box on glibc malloc (x86_64, glibc 2.36), as measured (docs/plan-memory-models.md):
 * - a heap chunk is max(32, round_up(size + 8, 16)) bytes: one 8-byte size header (the next
 *   chunk's prev_size field is usable by this one) and 16-byte alignment;
 * - a chunk of 128 KiB or more (glibc compares the chunk size, not the request, with
 *   M_MMAP_THRESHOLD = 131072) is mmapped, and an mmapped chunk carries 8 more bytes of header and
 *   is rounded up to whole 4096-byte pages: 131072 -> chunk 131088 -> 135168;
 * - align > 16 goes through posix_memalign (Rust's System allocator does so whenever
 *   align > 16 or align > size). glibc 2.36 mallocs size + align + 32, returns an aligned chunk of
 *   the normal size and frees the leading gap back to its bins. We charge that gap as align - 16
 *   bytes (its upper bound) because this model never reuses freed space.
 *
 * Not modelled: reuse of freed chunks, fastbin/tcache effects, the dynamic mmap threshold (glibc
 * raises it after an mmapped chunk is freed; nothing is freed while a query runs).
 */
import type { BoxSimulation } from './memory-types';

export const GLIBC_HEADER_BYTES = 8;
export const GLIBC_MIN_CHUNK = 32;
export const GLIBC_ALIGNMENT = 16;
export const GLIBC_MMAP_THRESHOLD = 131072;
export const PAGE_SIZE = 4096;

/** request2size: the heap chunk glibc uses for malloc(size). */
export function glibcChunkSize(size: number): number {
  const nb = Math.ceil((size + GLIBC_HEADER_BYTES) / GLIBC_ALIGNMENT) * GLIBC_ALIGNMENT;
  return nb < GLIBC_MIN_CHUNK ? GLIBC_MIN_CHUNK : nb;
}

/** True when glibc serves malloc(size) with mmap (chunk size at or above the threshold). */
export function glibcIsMmapped(size: number, align = GLIBC_ALIGNMENT): boolean {
  const request = align > GLIBC_ALIGNMENT ? glibcChunkSize(size) + align + GLIBC_MIN_CHUNK : size;
  return glibcChunkSize(request) >= GLIBC_MMAP_THRESHOLD;
}

/** Bytes glibc holds for one malloc(size) (or posix_memalign(align, size) when align > 16). */
export function glibcAllocationBytes(size: number, align = GLIBC_ALIGNMENT): number {
  const nb = glibcChunkSize(size);
  if (align <= GLIBC_ALIGNMENT) {
    return nb >= GLIBC_MMAP_THRESHOLD ? Math.ceil((nb + GLIBC_HEADER_BYTES) / PAGE_SIZE) * PAGE_SIZE : nb;
  }
  const padded = glibcChunkSize(nb + align + GLIBC_MIN_CHUNK);
  if (padded >= GLIBC_MMAP_THRESHOLD) {
    return Math.ceil((padded + GLIBC_HEADER_BYTES) / PAGE_SIZE) * PAGE_SIZE;
  }
  return nb + (align - GLIBC_ALIGNMENT);
}

/** Header bytes of that allocation: 8 on the heap, 16 (prev_size + size) when mmapped. */
export function glibcMetadataBytes(size: number, align = GLIBC_ALIGNMENT): number {
  return glibcIsMmapped(size, align) ? 2 * GLIBC_HEADER_BYTES : GLIBC_HEADER_BYTES;
}

/**
 * One Box per executor. A zero-sized Box allocates nothing (Rust never calls the allocator for
 * zero-sized types), so size 0 costs 0 bytes and 0 calls.
 */
export function simulateGlibcBox(sizes: ArrayLike<number>, aligns: ArrayLike<number>): BoxSimulation {
  const n = sizes.length;
  const chunkBytes = new Float64Array(n);
  const reservedSeries = new Float64Array(n + 1);
  const usedSeries = new Float64Array(n + 1);
  let reserved = 0;
  let used = 0;
  let metadata = 0;
  let allocations = 0;
  let mmapped = 0;
  let overAligned = 0;
  for (let i = 0; i < n; i++) {
    const size = sizes[i]!;
    const align = aligns[i]!;
    if (size > 0) {
      let bytes: number;
      let isMmapped: boolean;
      if (align <= GLIBC_ALIGNMENT && size < GLIBC_MMAP_THRESHOLD - 24) {
        // Fast path of glibcAllocationBytes for the common case (a heap chunk, no posix_memalign).
        bytes = (size + GLIBC_HEADER_BYTES + 15) & ~15;
        if (bytes < GLIBC_MIN_CHUNK) bytes = GLIBC_MIN_CHUNK;
        isMmapped = false;
      } else {
        bytes = glibcAllocationBytes(size, align);
        isMmapped = glibcIsMmapped(size, align);
      }
      chunkBytes[i] = bytes;
      reserved += bytes;
      used += size;
      metadata += isMmapped ? 2 * GLIBC_HEADER_BYTES : GLIBC_HEADER_BYTES;
      allocations++;
      if (isMmapped) mmapped++;
      if (align > GLIBC_ALIGNMENT) overAligned++;
    }
    reservedSeries[i + 1] = reserved;
    usedSeries[i + 1] = used;
  }
  return {
    allocator: 'glibc',
    chunkBytes,
    reservedSeries,
    usedSeries,
    reservedBytes: reserved,
    usedBytes: used,
    metadataBytes: metadata,
    allocations,
    mmappedCount: mmapped,
    overAlignedCount: overAligned,
  };
}

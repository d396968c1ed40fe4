/**
 * Box on jemalloc (5.x, 4 KiB pages), the comparison model. jemalloc keeps no per-object header:
 * a request takes the smallest size class that holds it. Classes: 8, then multiples of 16 up to
 * 128, then 4 classes per doubling (160, 192, 224, 256, 320, 384, 448, 512, 640, ...), which bounds
 * internal waste at about 20%. From 16 KiB on the classes are whole pages (large extents), and the
 * same 4-per-doubling spacing continues, so large sizes come out page-rounded.
 *
 * Approximations (documented in docs/plan-memory-models.md): alignment is honoured the way
 * jemalloc's sz_sa2u does for small sizes, by taking the class of round_up(size, align); for
 * align > 4096 we add align - 4096 of extent padding; the one-page cache-oblivious pad jemalloc adds
 * to large extents and its per-extent metadata (kept outside the allocation) are ignored.
 */
import type { BoxSimulation } from './memory-types';

const PAGE = 4096;

/** The jemalloc size class of a request (malloc(0) takes the smallest class, 8). */
export function jemallocSizeClass(size: number): number {
  if (size <= 8) return 8;
  if (size <= 128) return Math.ceil(size / 16) * 16;
  // clz32 is exact and much faster than log2 in the hot loop; log2 only past 2^31.
  const lg = size - 1 < 2 ** 31 ? 31 - Math.clz32(size - 1) : Math.floor(Math.log2(size - 1));
  const step = 2 ** (lg - 2);
  return Math.ceil(size / step) * step;
}

export function jemallocAllocationBytes(size: number, align = 8): number {
  if (align <= 8) return jemallocSizeClass(size);
  const aligned = Math.ceil(size / align) * align;
  const usize = jemallocSizeClass(aligned);
  return align > PAGE ? usize + (align - PAGE) : usize;
}

/** jemallocSizeClass for an integer 0 < size <= 2^29, in 32-bit integer arithmetic. */
function sizeClassInt(size: number): number {
  if (size <= 8) return 8;
  if (size <= 128) return (size + 15) & ~15;
  // The class spacing is 2^(lg - 2) with lg = floor(log2(size - 1)): round up to a multiple of it.
  const mask = (1 << (29 - Math.clz32(size - 1))) - 1;
  return (size + mask) & ~mask;
}

export function simulateJemallocBox(sizes: ArrayLike<number>, aligns: ArrayLike<number>): BoxSimulation {
  const n = sizes.length;
  const chunkBytes = new Float64Array(n);
  const reservedSeries = new Float64Array(n + 1);
  const usedSeries = new Float64Array(n + 1);
  let reserved = 0;
  let used = 0;
  let allocations = 0;
  let overAligned = 0;
  for (let i = 0; i < n; i++) {
    const size = sizes[i]!;
    const align = aligns[i]!;
    if (size > 0) {
      // Fast path (same result) for the usual case: integer sizes up to 512 MiB and power-of-two
      // alignments up to a page; Math.ceil and 2 ** k on doubles made this loop 3-4x slower.
      const a = align | 0;
      const bytes =
        (size | 0) === size && size <= 0x20000000 && a === align && a > 0 && a <= PAGE && (a & (a - 1)) === 0
          ? sizeClassInt(a <= 8 ? size : (size + a - 1) & -a)
          : jemallocAllocationBytes(size, align);
      chunkBytes[i] = bytes;
      reserved += bytes;
      used += size;
      allocations++;
      if (align > 16) overAligned++;
    }
    reservedSeries[i + 1] = reserved;
    usedSeries[i + 1] = used;
  }
  return {
    allocator: 'jemalloc',
    chunkBytes,
    reservedSeries,
    usedSeries,
    reservedBytes: reserved,
    usedBytes: used,
    metadataBytes: 0,
    allocations,
    mmappedCount: 0,
    overAlignedCount: overAligned,
  };
}

import { describe, expect, it } from 'vitest';
import {
  glibcAllocationBytes,
  glibcChunkSize,
  glibcIsMmapped,
  glibcMetadataBytes,
  simulateGlibcBox,
} from './glibc-malloc';

describe('glibc malloc chunk sizes (docs/plan-memory-models.md, measured)', () => {
  it.each([
    [24, 32],
    [25, 48],
    [100, 112],
    [1000, 1008],
    [131072, 135168],
    // bumpalo's chunk requests: 448 + 48 and 960 + 48
    [496, 512],
    [1008, 1024],
  ])('malloc(%i) holds %i bytes', (size, bytes) => {
    expect(glibcAllocationBytes(size)).toBe(bytes);
  });

  it('follows max(32, round_up(size + 8, 16)) on the heap', () => {
    for (let size = 0; size < 4096; size++) {
      const rule = Math.max(32, Math.ceil((size + 8) / 16) * 16);
      expect(glibcChunkSize(size)).toBe(rule);
      expect(glibcAllocationBytes(size)).toBe(rule);
    }
  });

  it('mmaps from a 128 KiB chunk on and rounds to whole pages including the header', () => {
    const threshold = 128 * 1024;
    // The largest request whose chunk stays below 128 KiB, and the first one that reaches it.
    const lastHeap = threshold - 16 - 8;
    expect(glibcIsMmapped(lastHeap)).toBe(false);
    expect(glibcAllocationBytes(lastHeap)).toBe(threshold - 16);
    expect(glibcIsMmapped(lastHeap + 1)).toBe(true);
    for (const size of [lastHeap + 1, threshold, 200_000, 1 << 20]) {
      const chunk = Math.ceil((size + 8) / 16) * 16;
      expect(glibcAllocationBytes(size)).toBe(Math.ceil((chunk + 8) / 4096) * 4096);
      expect(glibcAllocationBytes(size) % 4096).toBe(0);
    }
    expect(glibcMetadataBytes(threshold)).toBe(16);
    expect(glibcMetadataBytes(100)).toBe(8);
  });

  it('charges alignment above 16 (posix_memalign) with the leading gap', () => {
    expect(glibcAllocationBytes(100, 16)).toBe(glibcAllocationBytes(100));
    for (const align of [32, 64, 4096]) {
      expect(glibcAllocationBytes(100, align)).toBe(glibcChunkSize(100) + align - 16);
    }
  });
});

describe('Box on glibc over a sequence', () => {
  it('one malloc per executor; a zero-sized Box allocates nothing', () => {
    const sim = simulateGlibcBox([24, 0, 25, 131072], [8, 8, 8, 8]);
    expect(sim.allocations).toBe(3);
    expect(Array.from(sim.chunkBytes)).toEqual([32, 0, 48, 135168]);
    expect(sim.reservedBytes).toBe(32 + 48 + 135168);
    expect(sim.usedBytes).toBe(24 + 25 + 131072);
    expect(Array.from(sim.reservedSeries)).toEqual([0, 32, 32, 80, 80 + 135168]);
    expect(sim.mmappedCount).toBe(1);
    expect(sim.metadataBytes).toBe(8 + 8 + 16);
  });
});

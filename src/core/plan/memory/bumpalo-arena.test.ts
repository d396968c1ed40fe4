import { describe, expect, it } from 'vitest';
import {
  BUMPALO_FOOTER_BYTES,
  arenaAfterReset,
  bumpaloNextChunkUsable,
  bumpaloWithCapacityUsable,
  simulateArena,
} from './bumpalo-arena';
import type { ArenaOptions } from './memory-types';

// Rules from docs/plan-memory-models.md, restated independently of the implementation.
const FACT_FIRST_USABLE = 448; // 512 - 48 footer - 16 malloc header
const FACT_FOOTER = 48;
const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;
/** "Below 4096 the total is rounded to a power of two, above it to a multiple of 4096" (total = usable + 64). */
const factRound = (usable: number): number =>
  usable + 64 < 4096 ? 2 ** Math.ceil(Math.log2(usable + 64)) - 64 : roundUp(usable + 64, 4096) - 64;

const NEW: ArenaOptions = { initialCapacity: null, chunkAllocator: 'glibc' };
const filled = (count: number, size: number, align = 8): [Float64Array, Float64Array] => [
  new Float64Array(count).fill(size),
  new Float64Array(count).fill(align),
];

describe('bumpalo arena: chunk sizing', () => {
  it('grows 448, 960, 1984, 4032, 8128, 16320, ... (2^k - 64)', () => {
    const [sizes, aligns] = filled(20_000, 8);
    const sim = simulateArena(sizes, aligns, NEW);
    const expected = sim.chunks.map((_, k) => 2 ** (9 + k) - 64);
    expect(sim.chunks.map((c) => c.usableBytes)).toEqual(expected);
    expect(expected.slice(0, 6)).toEqual([448, 960, 1984, 4032, 8128, 16320]);
    expect(sim.chunks.length).toBeGreaterThanOrEqual(8);
  });

  it('Bump::new() allocates nothing until the first allocation', () => {
    const sim = simulateArena(new Float64Array(0), new Float64Array(0), NEW);
    expect(sim.chunks).toHaveLength(0);
    expect(sim.reservedBytes).toBe(0);
    expect(sim.afterResetBytes).toBe(0);
    expect(sim.mallocCalls).toBe(0);
  });

  it('allocated_bytes() is capacity, not use: one 24-byte allocation reports 448', () => {
    const sim = simulateArena([24], [8], NEW);
    expect(sim.reservedBytes).toBe(FACT_FIRST_USABLE);
    expect(sim.usedBytes).toBe(24);
    expect(sim.reservedBytesIncludingMetadata).toBe(FACT_FIRST_USABLE + FACT_FOOTER);
    expect(sim.reservedSeries[1]).toBe(FACT_FIRST_USABLE);
  });

  it.each([
    // [previous usable chunk, large request]
    [448, 100_000],
    [960, 5_000],
    [448, 448 * 2 + 1],
  ])(
    'a large request after a %i-byte chunk gets a chunk sized for it (%i B), and growth continues from it',
    (prev, big) => {
      // Fill a chunk of `prev` exactly with small allocations, then ask for `big`, then overflow again.
      const sizes: number[] = [];
      let capacity = 0;
      let chunkCount = 0;
      while (chunkCount === 0 || capacity < prev) {
        const sim = simulateArena([...sizes, 16], new Array(sizes.length + 1).fill(16), NEW);
        capacity = sim.chunks[sim.chunks.length - 1]!.usableBytes;
        chunkCount = sim.chunks.length;
        sizes.push(16);
      }
      const bigSizes = [...sizes, big, big];
      const sim = simulateArena(
        bigSizes,
        bigSizes.map(() => 16),
        NEW,
      );
      const usable = sim.chunks.map((c) => c.usableBytes);
      const idx = usable.indexOf(prev);
      const expectedBig = factRound(Math.max(2 * prev, roundUp(big, 16)));
      expect(usable[idx + 1]).toBe(expectedBig);
      // The second big request does not fit in the rest of the big chunk: the next chunk doubles the big one.
      if (expectedBig - big < big) expect(usable[idx + 2]).toBe(factRound(Math.max(2 * expectedBig, big)));
    },
  );

  it('bumpaloNextChunkUsable: max(2 x previous, request) rounded', () => {
    expect(bumpaloNextChunkUsable(0, 1, 1)).toBe(FACT_FIRST_USABLE);
    expect(bumpaloNextChunkUsable(448, 8, 8)).toBe(factRound(2 * 448));
    expect(bumpaloNextChunkUsable(448, 10_000, 8)).toBe(factRound(10_000));
    expect(bumpaloNextChunkUsable(16320, 8, 8)).toBe(factRound(2 * 16320));
  });
});

describe('bumpalo arena: with_capacity', () => {
  it.each([
    [1, 448],
    [1000, 1984],
    [5000, 8128],
  ])(
    'with_capacity(%i) makes a first chunk of %i usable bytes (docs/plan-memory-models.md)',
    (capacity, usable) => {
      expect(bumpaloWithCapacityUsable(capacity)).toBe(usable);
      const sim = simulateArena([], [], { initialCapacity: capacity, chunkAllocator: 'glibc' });
      expect(sim.chunks.map((c) => c.usableBytes)).toEqual([usable]);
      expect(sim.reservedSeries[0]).toBe(usable);
    },
  );

  it('with_capacity(0) is Bump::new()', () => {
    expect(bumpaloWithCapacityUsable(0)).toBeNull();
  });

  it('the chunk after a with_capacity chunk doubles it', () => {
    const first = bumpaloWithCapacityUsable(5000)!;
    const [sizes, aligns] = filled(Math.ceil(first / 8) + 1, 8);
    const sim = simulateArena(sizes, aligns, { initialCapacity: 5000, chunkAllocator: 'glibc' });
    expect(sim.chunks.map((c) => c.usableBytes)).toEqual([first, factRound(2 * first)]);
  });
});

describe('bumpalo arena: placement', () => {
  it('allocates downward from the footer, rounding each address down to its alignment', () => {
    const sim = simulateArena([3, 8, 1, 16], [1, 8, 1, 16], NEW);
    // 448 - 3 = 445; 445 - 8 = 437 -> 432 (pad 5); 432 - 1 = 431; 431 - 16 = 415 -> 400 (pad 15)
    const expectOffsets: number[] = [];
    const expectPads: number[] = [];
    let ptr = FACT_FIRST_USABLE;
    for (const [size, align] of [
      [3, 1],
      [8, 8],
      [1, 1],
      [16, 16],
    ] as const) {
      const start = ptr - size;
      const aligned = Math.floor(start / align) * align;
      expectOffsets.push(aligned);
      expectPads.push(start - aligned);
      ptr = aligned;
    }
    expect(Array.from(sim.offsetOf)).toEqual(expectOffsets);
    expect(Array.from(sim.paddingOf)).toEqual(expectPads);
    expect(sim.paddingBytes).toBe(expectPads.reduce((a, b) => a + b, 0));
    expect(sim.chunks[0]!.tailBytes).toBe(expectOffsets[3]);
  });

  it('a request that does not fit starts a new chunk and abandons the old free tail', () => {
    const sim = simulateArena([400, 100], [8, 8], NEW);
    expect(sim.chunks.map((c) => c.usableBytes)).toEqual([448, factRound(896)]);
    expect(Array.from(sim.chunkOf)).toEqual([0, 1]);
    expect(sim.chunks[0]!.state).toBe('abandoned');
    expect(sim.chunks[1]!.state).toBe('current');
    expect(sim.abandonedTailBytes).toBe(448 - 400);
    expect(sim.currentFreeBytes).toBe(Math.floor((factRound(896) - 100) / 8) * 8);
  });

  it('reset() keeps only the current (newest, largest) chunk, rewound', () => {
    const [sizes, aligns] = filled(2000, 8);
    const sim = simulateArena(sizes, aligns, NEW);
    const largest = Math.max(...sim.chunks.map((c) => c.usableBytes));
    expect(sim.chunks[sim.chunks.length - 1]!.usableBytes).toBe(largest);
    expect(sim.afterResetBytes).toBe(largest);
    const kept = arenaAfterReset(sim)!;
    expect(kept.usableBytes).toBe(largest);
    expect(kept.usedBytes).toBe(0);
    expect(kept.tailBytes).toBe(largest);
  });

  it('allocated_bytes_including_metadata() adds 48 per chunk', () => {
    const [sizes, aligns] = filled(600, 8);
    const sim = simulateArena(sizes, aligns, NEW);
    expect(sim.reservedBytesIncludingMetadata).toBe(sim.reservedBytes + FACT_FOOTER * sim.chunks.length);
    expect(BUMPALO_FOOTER_BYTES).toBe(FACT_FOOTER);
  });

  it("the arena's chunk requests land in 512, 1024, ... byte glibc chunks", () => {
    const [sizes, aligns] = filled(1000, 8);
    const sim = simulateArena(sizes, aligns, NEW);
    for (const c of sim.chunks) {
      expect(c.requestBytes).toBe(c.usableBytes + FACT_FOOTER);
      if (c.usableBytes + 64 < 131072) expect(c.mallocBytes).toBe(c.usableBytes + 64);
    }
    expect(sim.chunks.slice(0, 2).map((c) => [c.requestBytes, c.mallocBytes])).toEqual([
      [496, 512],
      [1008, 1024],
    ]);
    expect(sim.mallocCalls).toBe(sim.chunks.length);
  });

  it('series are per allocation, with index 0 before the first one', () => {
    const sim = simulateArena([24, 24, 500], [8, 8, 8], NEW);
    expect(sim.reservedSeries.length).toBe(4);
    expect(Array.from(sim.usedSeries)).toEqual([0, 24, 48, 548]);
    expect(Array.from(sim.reservedSeries)).toEqual([0, 448, 448, 448 + factRound(Math.max(896, 512))]);
  });

  it('simulates 1,000,000 allocations', () => {
    const n = 1_000_000;
    const sizes = new Float64Array(n);
    const aligns = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sizes[i] = 16 + ((i * 7919) % 4000);
      aligns[i] = 8 << (i % 2);
    }
    const sim = simulateArena(sizes, aligns, NEW);
    expect(sim.usedSeries[n]).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(sim.reservedBytes).toBeGreaterThan(sim.usedBytes);
  });
});

describe('bumpalo version: 3.16-3.17 against 3.18 and later (sizes not multiples of their alignment)', () => {
  // Hand-computed, Bump::new() (one 448-byte chunk, pointer starts at 448):
  //   (20, align 8):  3.16 448-20=428 -> 424, pad 4;   3.18 448 - round_up(20, 8)=24 -> 424, pad 4
  //   (24, align 16): 3.16 424-24=400 -> 400, pad 0;   3.18 round_down(424, 16)=416 - 32 -> 384, pad 16
  //   (40, align 8):  3.16 400-40=360 -> 360, pad 0;   3.18 384-40 -> 344, pad 0
  it.each([
    ['3.16', [424, 400, 360], [4, 0, 0], 4],
    ['3.18', [424, 384, 344], [4, 16, 0], 20],
  ] as const)('bumpalo %s places them at %j', (version, offsets, pads, padding) => {
    const sim = simulateArena([20, 24, 40], [8, 16, 8], { ...NEW, bumpalo: version });
    expect([...sim.offsetOf]).toEqual(offsets);
    expect([...sim.paddingOf]).toEqual(pads);
    expect(sim.paddingBytes).toBe(padding);
    expect(sim.usedBytes).toBe(84);
    expect(sim.bumpalo).toBe(version);
  });

  // One (8, align 8) then fourteen (24, align 16). 3.16: 440, then 416, 384, ..., 0: all fourteen
  // fit (416 - 32 * 13 = 0). 3.18: round_down(440, 16) = 432 - 32 = 400, then ..., 16: thirteen fit,
  // the fourteenth opens a 960-byte chunk.
  it.each([
    ['3.16', [448], 0],
    ['3.18', [448, 960], 16],
  ] as const)('bumpalo %s: chunk use differs (%j)', (version, chunks, abandoned) => {
    const sizes = [8, ...new Array<number>(14).fill(24)];
    const aligns = [8, ...new Array<number>(14).fill(16)];
    const sim = simulateArena(sizes, aligns, { ...NEW, bumpalo: version });
    expect(sim.chunks.map((c) => c.usableBytes)).toEqual(chunks);
    expect(sim.abandonedTailBytes).toBe(abandoned);
  });

  it('defaults to 3.18 (what `bumpalo = "3.16"` resolves to in a fresh build)', () => {
    expect(simulateArena([20, 24], [8, 16], NEW).offsetOf[1]).toBe(384);
  });

  it('a 488-byte, 16-aligned value below an 8-aligned pointer: 488 bytes before 3.18, 496 + 8 from 3.18 on', () => {
    // with_capacity(960): one 960-byte chunk. (8, align 8) leaves the pointer at 952.
    // 3.16: 952 - 488 = 464, already 16-aligned: the value takes its 488 bytes, no padding.
    // 3.18: round_down(952, 16) = 944, minus round_up(488, 16) = 496 -> 448: 16 bytes of padding.
    const place = (version: '3.16' | '3.18') => {
      const sim = simulateArena([8, 488], [8, 16], {
        initialCapacity: 960,
        chunkAllocator: 'glibc',
        bumpalo: version,
      });
      return [sim.offsetOf[1], sim.paddingOf[1]];
    };
    expect(place('3.16')).toEqual([464, 0]);
    expect(place('3.18')).toEqual([448, 16]);
  });
});

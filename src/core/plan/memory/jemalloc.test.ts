import { describe, expect, it } from 'vitest';
import { jemallocAllocationBytes, jemallocSizeClass, simulateJemallocBox } from './jemalloc';

// docs/plan-memory-models.md: 8, 16, 32, 48, ..., 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, ...
function factClasses(limit: number): number[] {
  const classes = [8];
  for (let c = 16; c <= 128; c += 16) classes.push(c);
  for (let base = 128; base < limit; base *= 2)
    for (let k = 1; k <= 4; k++) classes.push(base + (k * base) / 4);
  return classes;
}

describe('jemalloc size classes', () => {
  const classes = factClasses(1 << 22);

  it('starts 8, 16, 32, 48, ..., 128, 160, 192, 224, 256, 320, 384, 448, 512, 640', () => {
    expect(classes.slice(0, 19)).toEqual([
      8, 16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768,
    ]);
  });

  it('maps every size to the smallest class that holds it', () => {
    let k = 0;
    for (let size = 1; size <= 70_000; size++) {
      while (classes[k]! < size) k++;
      expect(jemallocSizeClass(size)).toBe(classes[k]);
    }
  });

  it('wastes at most ~20% once classes are 4 per doubling (above 64 B); large classes are whole pages', () => {
    for (let size = 65; size < 1 << 21; size = Math.ceil(size * 1.07)) {
      const c = jemallocSizeClass(size);
      expect((c - size) / c).toBeLessThan(0.21);
      if (size > 16384) expect(c % 4096).toBe(0);
    }
  });

  it('has no per-object header and honours alignment by rounding the size first', () => {
    const sim = simulateJemallocBox([24, 0, 100], [8, 8, 8]);
    expect(sim.metadataBytes).toBe(0);
    expect(sim.allocations).toBe(2);
    expect(sim.reservedBytes).toBe(jemallocSizeClass(24) + jemallocSizeClass(100));
    expect(jemallocAllocationBytes(48, 32)).toBe(64);
  });
});

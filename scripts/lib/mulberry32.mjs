/**
 * mulberry32: a small, fast, seedable 32-bit PRNG returning floats in [0, 1). Deterministic across
 * Node versions, so the generated samples are byte-for-byte reproducible. Shared by the memory-store
 * and plan-sample generators, which build their own helpers (int, pick, gauss) on top.
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

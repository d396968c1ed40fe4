/** Types for mulberry32.mjs (tests import the same PRNG as the generators). */
export function mulberry32(seed: number): () => number;

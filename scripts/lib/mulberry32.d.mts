/** Types of mulberry32.mjs, for the TypeScript tests that share the generators' PRNG. */
export function mulberry32(seed: number): () => number;

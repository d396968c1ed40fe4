import { defineConfig } from 'vitest/config';
import { watPlugin } from './scripts/vite-plugin-wat.mjs';

export default defineConfig({
  plugins: [watPlugin()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Threads, one per core: vitest's default (forks, one fewer than the cores) runs the suite on a
    // single worker on a two-core machine. Measured here: 211 s with the default, 165 s with two
    // forks, 131 s with two threads (docs/benchmarks.md, "npm test's time").
    pool: 'threads',
    maxWorkers: '100%',
  },
});

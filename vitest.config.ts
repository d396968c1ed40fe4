import { defineConfig } from 'vitest/config';
import { watPlugin } from './scripts/vite-plugin-wat.mjs';

export default defineConfig({
  plugins: [watPlugin()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

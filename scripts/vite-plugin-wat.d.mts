// Types for vite-plugin-wat.mjs, which vite.config.ts and vitest.config.ts import.
import type { Plugin } from 'vite';
export function watPlugin(): Plugin;

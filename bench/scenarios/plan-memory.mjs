// Plans core in the browser: the memory simulation of 1,000,000 allocations (target <= 300 ms:
// glibc Box, jemalloc Box and the bumpalo arena over one sequence), and parse + validate + waves +
// critical path of 1,000 and 10,000-executor schedules (the non-drawing part of the 1 s / 8 s
// targets; layout and paint are measured with the Plans view).
//
// src/core/plan is bundled on the fly with rolldown (Vite's bundler) into one script and run in a
// blank page, so the figures are the browser's and do not depend on the Plans UI.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function bundle() {
  const { build } = await import('rolldown');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memscope-plan-bench-'));
  const entry = path.join(dir, 'entry.ts');
  const core = (p) => JSON.stringify(path.join(root, 'src', 'core', 'plan', p));
  fs.writeFileSync(
    entry,
    [
      `export { simulateArena } from ${core('memory/bumpalo-arena.ts')};`,
      `export { simulateGlibcBox } from ${core('memory/glibc-malloc.ts')};`,
      `export { simulateJemallocBox } from ${core('memory/jemalloc.ts')};`,
      `export { parseScheduleText } from ${core('parse-schedule.ts')};`,
      `export { computeWaves } from ${core('waves.ts')};`,
      `export { computeCriticalPath } from ${core('critical-path.ts')};`,
    ].join('\n'),
  );
  try {
    const out = await build({
      input: entry,
      output: { format: 'iife', name: 'memscopePlanBench' },
      write: false,
    });
    return out.output[0].code;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A layered random DAG as the JSON text a user would paste (deterministic). */
function scheduleText(n) {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const executors = [];
  const dependencies = [];
  for (let i = 1; i <= n; i++) {
    executors.push({
      id: i,
      kind: ['Filter', 'Project', 'GetNeighbors'][i % 3],
      size_bytes: 64 + 8 * (i % 40),
      align: 8,
      start_us: 0,
      end_us: 0,
    });
    if (i > 1) {
      const deps = new Set([Math.max(1, i - 1 - Math.floor(rand() * 20))]);
      if (rand() < 0.3) deps.add(Math.max(1, Math.floor(rand() * (i - 1)) + 1));
      for (const d of deps) dependencies.push({ from: d, to: i });
    }
  }
  // Sequential timings along the ids keep every dependency before its dependant.
  executors.forEach((e, k) => {
    e.start_us = k * 10;
    e.end_us = k * 10 + 5 + (k % 7);
  });
  // A sink that depends on every executor nothing else depends on, so the schedule is valid.
  const hasSucc = new Set(dependencies.map((d) => d.from));
  const rootId = n + 1;
  executors.push({
    id: rootId,
    kind: 'Produce',
    size_bytes: 136,
    align: 8,
    start_us: n * 10 + 20,
    end_us: n * 10 + 30,
  });
  for (let i = 1; i <= n; i++) if (!hasSucc.has(i)) dependencies.push({ from: i, to: rootId });
  return JSON.stringify({ root_executor_id: rootId, executors, dependencies });
}

export default {
  name: 'plan-memory',
  order: 40,
  // Independent of the memory-store size: run once.
  sizes: ['10k'],
  async run(ctx) {
    const code = await bundle();
    const page = await ctx.newPage();
    await page.setContent('<!doctype html><title>plan bench</title>');
    await page.addScriptTag({ content: code });
    const runs = Math.max(3, ctx.runs);
    const sim = await page.evaluate((runs) => {
      const lib = globalThis.memscopePlanBench;
      const n = 1_000_000;
      const sizes = new Float64Array(n);
      const aligns = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        sizes[i] = 16 + ((i * 7919) % 4000);
        aligns[i] = i % 5 === 0 ? 16 : 8;
      }
      const samples = [];
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        lib.simulateGlibcBox(sizes, aligns);
        lib.simulateJemallocBox(sizes, aligns);
        lib.simulateArena(sizes, aligns, { initialCapacity: null, chunkAllocator: 'glibc' });
        samples.push(performance.now() - t0);
      }
      return samples;
    }, runs);
    const metrics = [
      {
        metric: 'memory simulation, 1M allocations (glibc + jemalloc + arena)',
        unit: 'ms',
        samples: sim,
        target: 300,
      },
    ];
    for (const n of [1000, 10_000]) {
      const text = scheduleText(n);
      const samples = await page.evaluate(
        ({ text, runs }) => {
          const lib = globalThis.memscopePlanBench;
          const out = [];
          for (let r = 0; r < runs; r++) {
            const t0 = performance.now();
            const parsed = lib.parseScheduleText(text);
            if (!parsed.ok) throw new Error(parsed.problems[0].message);
            lib.computeWaves(parsed.schedule);
            lib.computeCriticalPath(parsed.schedule);
            out.push(performance.now() - t0);
          }
          return out;
        },
        { text, runs },
      );
      metrics.push({
        metric: `parse + validate + waves + critical path, ${n.toLocaleString('en-US')} executors`,
        unit: 'ms',
        samples,
      });
    }
    await page.context().close();
    return metrics;
  },
};

#!/usr/bin/env node
// `npm run bench [-- --sizes 10k,100k --runs 3 --only open,query --no-build]`
// Builds the app, serves dist/ with `vite preview`, drives Debian's headless Chromium with the
// Playwright library over the generated memory stores, and runs every scenario in bench/scenarios/.
// Prints a table of medians (p95 where it matters, ratios against the alternative measured in the
// same run) and writes bench/results.json. A scenario that fails is reported "n/a (reason)".
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { median, openApp, openFile, percentile, reason } from '../bench/lib.mjs';
import { CHROMIUM_ARGS, ensureChromium } from './ensure-chromium.mjs';
import { bin, ensureDependencies, root, run } from './lib/setup.mjs';

const ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info'];

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10k,100k,1m' },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    port: { type: 'string', default: '4180' },
    'no-build': { type: 'boolean' },
    out: { type: 'string', default: path.join(root, 'bench', 'results.json') },
  },
});
const sizes = opts.sizes
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);
const runs = Math.max(1, Number(opts.runs) || 5);
const port = Number(opts.port);
const baseURL = `http://localhost:${port}/`;
const ROWS = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };
/** Every bench page's viewport. */
const VIEWPORT = { width: 1400, height: 900 };

async function step(name, fn) {
  const code = await fn();
  if (code !== 0) {
    console.error(`bench: ${name} failed (exit ${code})`);
    process.exit(code || 1);
  }
}

async function loadScenarios() {
  const dir = path.join(root, 'bench', 'scenarios');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.mjs'));
  const mods = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)).default;
    if (!mod?.name || typeof mod.run !== 'function') {
      console.warn(`bench: ${f} does not export { name, sizes, run } as default; skipped`);
      continue;
    }
    mods.push(mod);
  }
  const only = opts.only?.split(',').map((s) => s.trim());
  return mods
    .filter((m) => !only || only.includes(m.name))
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name));
}

async function startPreview() {
  const child = spawn(bin('vite'), ['preview', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`vite preview exited (${child.exitCode}); is port ${port} free?`);
    try {
      if ((await fetch(baseURL)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`vite preview did not answer on ${baseURL} within 30 s`);
}

/** Runs fn, but gives up after ms (the caller then closes the pages, which ends what is pending). */
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function summarize(scenario, size, m) {
  const row = { scenario, size, metric: m.metric, unit: m.unit, n: m.samples?.length ?? 0 };
  if (m.error && !row.n) return { ...row, error: m.error };
  if (!row.n) return { ...row, error: 'no samples' };
  row.median = median(m.samples);
  if (m.p95) row.p95 = percentile(m.samples, 95);
  row.samples = m.samples.map((x) => Math.round(x * 100) / 100);
  if (m.target !== undefined) row.target = m.target;
  if (m.error) row.note = m.error;
  if (m.alternative?.samples?.length) {
    const alt = median(m.alternative.samples);
    row.alternative = { name: m.alternative.name, median: alt };
    row.ratio = alt / row.median; // > 1: the app is that many times faster than the alternative
  }
  return row;
}

const num = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function printTable(rows) {
  const table = rows.map((r) => {
    if (r.error) return [r.scenario, r.size, r.metric, `n/a (${r.error})`, '', '', ''];
    // 2 % tolerance: rAF intervals jitter around the 16.7 ms vsync; a 16.8 ms p95 is not a miss.
    const ok = r.median <= r.target * 1.02;
    const met = r.target === undefined ? '' : ` (target ${r.target}: ${ok ? 'met' : 'missed'})`;
    return [
      r.scenario,
      r.size,
      r.metric,
      `${num(r.median)} ${r.unit}${met}`,
      r.p95 === undefined ? '' : `${num(r.p95)} ${r.unit}`,
      r.alternative ? `${r.alternative.name}: ${num(r.alternative.median)} ${r.unit}` : '',
      r.ratio === undefined ? '' : `${r.ratio < 1 ? r.ratio.toFixed(2) : r.ratio.toFixed(1)}x`,
    ];
  });
  const head = ['scenario', 'size', 'metric', 'median', 'p95', 'alternative (median)', 'speed-up'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of table) console.log(line(r));
}

async function main() {
  await step('npm install', ensureDependencies);
  let chromiumExe;
  try {
    chromiumExe = ensureChromium();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  await step('bench data', () =>
    run(process.execPath, ['scripts/generate-memory-store.mjs', '--bench', '--sizes', sizes.join(',')]),
  );
  // MEMSCOPE_BENCH_HARNESS adds the Similar harness page to this build only (vite.config.ts).
  if (!opts['no-build'])
    await step('vite build', () =>
      run(bin('vite'), ['build', '--logLevel', 'warn'], {
        env: { ...process.env, MEMSCOPE_BENCH_HARNESS: '1' },
      }),
    );
  const scenarios = await loadScenarios();
  const preview = await startPreview();
  // Imported only now: on a fresh clone @playwright/test exists only after ensureDependencies ran
  // (a static import would fail before anything is installed).
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: chromiumExe, headless: true, args: ARGS });
  const browserVersion = browser.version();
  const rows = [];
  try {
    for (const size of sizes) {
      const fileName = `memories-${size}.parquet`;
      const file = path.join(root, 'bench', 'data', fileName);
      const big = (ROWS[size] ?? 0) >= 1_000_000;
      const contexts = new Set();
      let shared = null;
      const ctx = {
        size,
        rows: ROWS[size],
        file,
        fileName,
        // The app names a table after its file, sanitized (memories-100k.parquet -> memories_100k).
        tableName: fileName
          .replace(/\.[^.]+$/, '')
          .replace(/[^A-Za-z0-9_]/g, '_')
          .toLowerCase(),
        runs: big ? Math.min(runs, 2) : runs,
        timeoutMs: big ? 600_000 : 120_000,
        baseURL,
        browser,
        async newPage() {
          const context = await browser.newContext({ viewport: VIEWPORT });
          contexts.add(context);
          context.on('close', () => contexts.delete(context));
          const page = await context.newPage();
          page.on('crash', () => console.error(`  the tab crashed (${size})`));
          return page;
        },
        /**
         * A browser profile on disk, as a user's browser has (every other context is off the
         * record): its HTTP cache and compiled-wasm cache fill on a first visit and serve the next.
         * `close()` ends it and deletes the profile.
         */
        async persistentContext() {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memscope-bench-profile-'));
          const context = await chromium.launchPersistentContext(dir, {
            executablePath: chromiumExe,
            headless: true,
            args: ARGS,
            viewport: VIEWPORT,
          });
          return {
            context,
            async close() {
              await context.close().catch(() => {});
              fs.rmSync(dir, { recursive: true, force: true });
            },
          };
        },
        /** One page per size with the file open and loaded, shared by the scenarios that need it. */
        async loadedPage() {
          shared ??= (async () => {
            const page = await ctx.newPage();
            await openApp(page, baseURL);
            const r = await openFile(page, file, fileName, { timeout: ctx.timeoutMs });
            if (r.loadedError) throw new Error(`not loaded: ${r.loadedError}`);
            return page;
          })();
          return shared;
        },
        /** Chromium's processes ({ id, type }), from CDP SystemInfo.getProcessInfo. */
        async chromiumProcesses() {
          const cdp = await browser.newBrowserCDPSession();
          try {
            return (await cdp.send('SystemInfo.getProcessInfo')).processInfo;
          } finally {
            await cdp.detach();
          }
        },
      };
      for (const scenario of scenarios) {
        if (scenario.sizes && !scenario.sizes.includes(size)) continue;
        if (!fs.existsSync(file)) {
          rows.push({ scenario: scenario.name, size, metric: '*', error: `${fileName} is missing` });
          continue;
        }
        process.stdout.write(`${scenario.name} @ ${size} (${ctx.runs} runs) ... `);
        const t0 = performance.now();
        try {
          const metrics = await withTimeout(scenario.run(ctx), ctx.timeoutMs * 2, scenario.name);
          for (const m of metrics) rows.push(summarize(scenario.name, size, m));
          console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
        } catch (err) {
          rows.push({ scenario: scenario.name, size, metric: '*', error: reason(err) });
          console.log(`n/a (${reason(err)})`);
          // A failed shared page is not reused; a timed-out run's pages are closed.
          shared = null;
          for (const c of [...contexts]) await c.close().catch(() => {});
        }
      }
      for (const c of [...contexts]) await c.close().catch(() => {});
    }
  } finally {
    await browser.close().catch(() => {});
    preview.kill();
  }
  printTable(rows);
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      chromium: browserVersion,
    },
    options: { sizes, runs, runsFor1m: Math.min(runs, 2) },
    results: rows,
  };
  fs.writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), opts.out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

#!/usr/bin/env node
// `npm test`: install what is missing (npm packages; Debian's Chromium when root), then run every
// gate in order, stopping at the first failure, and print one summary line per gate with its time.
// CI (.ci/run) runs exactly this.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureChromium } from './ensure-chromium.mjs';
import { bin, ensureDependencies, ensureSample, npm, run, runHeld } from './lib/setup.mjs';

// JSON reports, read back for the closing "N passed, N failed" line (outside the repo: Playwright
// empties its own test-results/ at start).
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'memscope-test-'));
const vitestJson = path.join(reports, 'vitest.json');
const e2eJson = path.join(reports, 'e2e.json');

const gates = [
  ['install', ensureDependencies],
  ['sample', ensureSample],
  [
    'chromium',
    async () => {
      try {
        ensureChromium();
        return 0;
      } catch (err) {
        console.error(err instanceof Error ? err.message : err);
        return 1;
      }
    },
  ],
  // Each of these three only reads the sources: they run side by side (45 s against 57 s one after
  // the other, on two cores), each one's output held and printed whole when all three are done.
  ['typecheck', () => runHeld(npm, ['run', '--silent', 'typecheck']), { together: 'checks' }],
  ['lint', () => runHeld(npm, ['run', '--silent', 'lint']), { together: 'checks' }],
  ['format', () => runHeld(npm, ['run', '--silent', 'format:check']), { together: 'checks' }],
  [
    'unit+integration',
    () =>
      run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]),
  ],
  ['build', () => run(bin('vite'), ['build'])],
  // The build gate has just built dist/: the e2e web server only serves it.
  [
    'e2e',
    () =>
      run(bin('playwright'), ['test', '--reporter=list,json'], {
        env: { ...process.env, E2E_SKIP_BUILD: '1', PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson },
      }),
  ],
];

/** Test counts from the JSON reports of the gates that ran. */
function counts() {
  const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const v = read(vitestJson);
  if (v) {
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  }
  const e = read(e2eJson);
  if (e?.stats) {
    passed += (e.stats.expected ?? 0) + (e.stats.flaky ?? 0);
    failed += e.stats.unexpected ?? 0;
    skipped += e.stats.skipped ?? 0;
  }
  return { passed, failed, skipped };
}

// `npm test -- --skip e2e` or `--only lint,format`: for local runs; CI runs everything.
const { values: opts } = parseArgs({ options: { only: { type: 'string' }, skip: { type: 'string' } } });
const list = (s) => (s ? s.split(',').map((x) => x.trim()) : null);
const only = list(opts.only);
const skip = list(opts.skip) ?? [];
const selected = gates.filter(([name]) => (!only || only.includes(name)) && !skip.includes(name));

const fmt = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

async function main() {
  const results = [];
  const t0 = performance.now();
  for (let i = 0; i < selected.length;) {
    // A gate alone, or the consecutive gates of one `together` group, started at once.
    const together = selected[i][2]?.together;
    let end = i + 1;
    while (together && end < selected.length && selected[end][2]?.together === together) end++;
    const batch = selected.slice(i, end);
    i = end;
    if (batch.length === 1) console.log(`\n━━ ${batch[0][0]} ━━`);
    const finished = await Promise.all(
      batch.map(async ([name, gate]) => {
        const start = performance.now();
        const result = await gate();
        return { name, ms: performance.now() - start, result };
      }),
    );
    for (const { name, ms, result } of finished) {
      // A gate answers with its exit code, or (runHeld) with its code and the output it held.
      const { code, output = '' } = typeof result === 'number' ? { code: result } : result;
      if (batch.length > 1) console.log(`\n━━ ${name} ━━`);
      process.stdout.write(output);
      results.push({ name, ok: code === 0, ms, code });
    }
    if (results.some((r) => !r.ok)) break;
  }
  const failed = results.find((r) => !r.ok);
  console.log('\n━━ summary ━━');
  for (const r of results) {
    console.log(
      `${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(18)} ${fmt(r.ms).padStart(9)}${r.ok ? '' : `  (exit ${r.code})`}`,
    );
  }
  for (const [name] of gates) if (!results.some((r) => r.name === name)) console.log(`SKIP  ${name}`);
  console.log(`${failed ? 'FAILED' : 'ALL GATES PASSED'} in ${fmt(performance.now() - t0)}`);
  if (failed) console.log(`The "${failed.name}" gate failed: its output is above.`);
  const c = counts();
  fs.rmSync(reports, { recursive: true, force: true });
  // The plain closing line CI reads: unit, integration and e2e tests together.
  console.log(`tests: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`);
  if (failed) process.exit(failed.code || 1);
}

main();

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { formatBytesExact } from '../src/core/format/quantities';
import { traceRunFromTable } from '../src/core/plan/memory/trace-run';
import { test, expect, dropFiles } from './support/fixtures';

/**
 * The Plans view against the built app: every shipped sample opens in one click, the waves step,
 * both memory charts render, the exported summary equals the numbers on screen, and a cyclic
 * schedule names its cycle while its graph stays visible.
 */
interface SampleEntry {
  file: string;
  title: string;
  format: 'json' | 'parquet' | 'csv';
  executors?: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const INDEX = path.resolve(here, '../public/samples/plans/index.json');

async function samples(): Promise<SampleEntry[]> {
  const index = JSON.parse(await readFile(INDEX, 'utf8')) as { samples: SampleEntry[] };
  return index.samples;
}

async function openPlans(page: Page) {
  // sample=0: the Explore side's bundled store is not needed here.
  await page.goto('/?sample=0');
  await page.getByRole('tab', { name: 'Plans' }).click();
  await expect(page.getByRole('heading', { name: 'Samples' })).toBeVisible();
}

async function openSample(page: Page, title: string) {
  await page.getByRole('button', { name: title, exact: true }).click();
  const graph = page.getByRole('group', { name: /^Schedule / });
  await expect(graph).toBeVisible({ timeout: 60_000 });
  // The footnote appears once a layout is on screen.
  await expect(page.getByText(/laid out in [\d,]+ ms/)).toBeVisible({ timeout: 60_000 });
  return graph;
}

const stepText = (page: Page) => page.getByText(/^Step [\d,]+ of [\d,]+/);

async function runnableIds(page: Page): Promise<string[]> {
  const text = (await page.getByLabel('Runnable executors', { exact: true }).textContent()) ?? '';
  return text === 'none' ? [] : text.split(/, | and /).filter((s) => /^-?\d+$/.test(s));
}

/** The legend's line for the highlighted runnable set, e.g. "Runnable at step 2 (3)". */
const legendEntry = (page: Page, step: number) =>
  page
    .getByRole('group', { name: 'Legend' })
    .getByRole('listitem')
    .filter({ hasText: `Runnable at step ${step} ` });

async function activeNodeIds(page: Page): Promise<string[]> {
  return page
    .getByRole('group', { name: /^Schedule / })
    .locator('[data-node-id].is-active')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id') ?? ''));
}

test.describe('Plans', () => {
  test('every JSON sample opens, its waves step and the runnable set is highlighted', async ({ page }) => {
    await openPlans(page);
    for (const sample of (await samples()).filter((s) => s.format === 'json' && !/cycl/i.test(s.file))) {
      await openSample(page, sample.title);
      await expect(page.getByRole('heading', { name: sample.title, level: 2 })).toBeVisible();
      await expect(stepText(page)).toHaveText(/^Step 1 of [\d,]+/);
      const total = Number((await stepText(page).textContent())!.match(/of ([\d,]+)/)![1]!.replace(/,/g, ''));
      expect(total).toBeGreaterThan(1);

      const before = await runnableIds(page);
      expect(before.length).toBeGreaterThan(0);
      await expect(legendEntry(page, 1)).toHaveText(`Runnable at step 1 (${before.length})`);
      if ((sample.executors ?? 0) <= 5) {
        // A tiny graph fits at full detail: the highlighted nodes are exactly the runnable set.
        await expect.poll(async () => (await activeNodeIds(page)).sort()).toEqual([...before].sort());
      }
      await page.getByRole('button', { name: 'Next step' }).click();
      await expect(stepText(page)).toHaveText(/^Step 2 of /);
      const after = await runnableIds(page);
      expect(after).not.toEqual(before);
      await expect(legendEntry(page, 2)).toHaveText(`Runnable at step 2 (${after.length})`);
      if ((sample.executors ?? 0) <= 5) {
        await expect.poll(async () => (await activeNodeIds(page)).sort()).toEqual([...after].sort());
      }
      await page.getByRole('button', { name: 'Previous step' }).click();
      await expect(stepText(page)).toHaveText(/^Step 1 of /);
      expect(await runnableIds(page)).toEqual(before);
    }
  });

  test('both memory charts render and the exported summary equals the numbers shown', async ({ page }) => {
    await openPlans(page);
    await openSample(page, 'Parallel branches, 50 executors with timings');
    const box = page.getByRole('figure', { name: 'Box (glibc malloc)' });
    const arena = page.getByRole('figure', { name: 'Arena (bumpalo)' });
    await expect(box).toBeVisible();
    await expect(arena).toBeVisible();
    await expect(box.locator('.recharts-line')).toHaveCount(2);
    await expect(arena.locator('.recharts-line')).toHaveCount(3);
    await expect(page.getByRole('figure', { name: 'Arena memory map' })).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Memory totals' }).getByRole('row', { name: /^Peak reserved/ }),
    ).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export summary (JSON)' }).click();
    const file = await (await download).path();
    const summary = JSON.parse(await readFile(file, 'utf8')) as {
      executors: number;
      waves: number;
      critical_path_length: number;
      box: Record<string, number>;
      arena: Record<string, number> & { chunks: number[]; bumpalo: string };
    };
    const table = page.getByRole('table', { name: 'Memory summary' });
    const cell = async (label: string) =>
      (await table
        .getByRole('row', { name: label, exact: false })
        .filter({ hasText: label })
        .first()
        .locator('td')
        .textContent()) ?? '';
    const int = async (label: string) => Number((await cell(label)).replace(/[^\d-]/g, ''));
    expect(await int('Executors')).toBe(summary.executors);
    expect(summary.executors).toBe(50);
    expect(await int('Waves')).toBe(summary.waves);
    expect(await int('Critical path length')).toBe(summary.critical_path_length);
    expect(await int('Box reserved bytes')).toBe(summary.box.reserved_bytes);
    expect(await int('Box used bytes')).toBe(summary.box.used_bytes);
    expect(await int('Box allocations')).toBe(summary.box.allocations);
    const chunks = (await cell('Arena chunks')).split(', ').map((s) => Number(s.replace(/,/g, '')));
    expect(chunks).toEqual(summary.arena.chunks);
    expect(summary.arena.chunks.slice(0, 3)).toEqual([448, 960, 1984]);
    // bumpalo >= 3.18 by default (what `bumpalo = "3.16"` resolves to in a fresh build).
    expect(summary.arena.bumpalo).toBe('>=3.18');
    expect(await cell('Arena bumpalo version')).toBe('>=3.18');
    expect(await int('Arena reserved bytes including metadata')).toBe(
      summary.arena.reserved_bytes_including_metadata,
    );
    expect(await int('Arena used bytes')).toBe(summary.arena.used_bytes);
    expect(await int('Arena padding bytes')).toBe(summary.arena.padding_bytes);
    expect(await int('Arena abandoned tail bytes')).toBe(summary.arena.abandoned_tail_bytes);
    expect(await int('Arena bytes after reset()')).toBe(summary.arena.after_reset_bytes);
    // "Arena reserved bytes" is a prefix of the metadata row: read the exact row.
    const reserved = await table
      .getByRole('row', { name: /^Arena reserved bytes [\d,]+ B$/ })
      .locator('td')
      .textContent();
    expect(Number(reserved!.replace(/[^\d]/g, ''))).toBe(summary.arena.reserved_bytes);

    // What-if: jemalloc relabels the Box chart; with_capacity(5000) starts the arena at 8,128.
    await page.getByLabel('Allocator model').selectOption('jemalloc');
    await expect(page.getByRole('figure', { name: 'Box (jemalloc)' })).toBeVisible();
    await page.getByRole('radio', { name: 'Bump::with_capacity(n)' }).check();
    await page.getByLabel('n (bytes)').fill('5000');
    await expect(page.getByRole('row', { name: /^Arena chunks/ })).toContainText(/^Arena chunks.*8,128/);
    await page.getByLabel('bumpalo version').selectOption('3.16');
    await expect(page.getByRole('row', { name: /^Arena bumpalo version/ })).toContainText('3.16-3.17');
  });

  test('a schedule .json dropped on Explore is not a table: "Open in Plans" opens it there', async ({
    page,
  }) => {
    await page.goto('/?sample=0');
    const bytes = await readFile(path.resolve(here, '../public/samples/plans/three-executors.json'));
    await dropFiles(page, [{ name: 'my-schedule.json', bytes }]);
    const hint = page
      .getByRole('status')
      .filter({ hasText: 'my-schedule.json looks like an execution schedule' });
    await expect(hint).toBeVisible();
    await expect(page.getByRole('list', { name: 'Loaded files' }).getByText('my-schedule.json')).toHaveCount(
      0,
    );
    await hint.getByRole('button', { name: 'Open in Plans' }).click();
    await expect(page.getByRole('tab', { name: 'Plans' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('group', { name: /^Schedule / })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('heading', { name: 'my-schedule.json', level: 2 })).toBeVisible();
  });

  test('a cyclic schedule names its cycle and still shows its graph', async ({ page }) => {
    await openPlans(page);
    const cyclic = (await samples()).find((s) => /cycl/i.test(s.file));
    expect(cyclic, 'a cyclic sample is shipped').toBeTruthy();
    await openSample(page, cyclic!.title);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(/cycle: \d+ → \d+ → \d+/);
    await expect(alert).toContainText('cycle: 4 → 7 → 9 → 4');
    await expect(page.getByRole('group', { name: /^Schedule / })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Legend' }).getByText('On a cycle')).toBeVisible();
  });

  test('pasted JSON opens, a node click shows its details, search finds a kind', async ({ page }) => {
    await openPlans(page);
    await page.getByText('Paste JSON').click();
    await page.getByLabel('Schedule JSON').fill(
      JSON.stringify({
        root_executor_id: 3,
        executors: [
          { id: 1, kind: 'Start', size_bytes: 24 },
          { id: 2, kind: 'Filter', size_bytes: 100, align: 16 },
          { id: 3, kind: 'Produce', size_bytes: 1000 },
        ],
        dependencies: [
          { from: 1, to: 2 },
          { from: 2, to: 3 },
        ],
      }),
    );
    await page.getByRole('button', { name: 'Open pasted JSON' }).click();
    await expect(page.getByText(/laid out in/)).toBeVisible();
    await page.getByRole('button', { name: 'Filter 2' }).click();
    const details = page.getByRole('region', { name: 'Executor details' });
    await expect(details.getByRole('heading', { name: 'Filter 2' })).toBeVisible();
    await expect(details).toContainText('100 B');
    await expect(details).toContainText('runnable at step 2');
    await page.getByLabel('Search nodes').fill('produce');
    await page.getByLabel('Search nodes').press('Enter');
    await expect(details.getByRole('heading', { name: 'Produce 3' })).toBeVisible();
    // glibc: 24 -> 32, 100 -> 112, 1000 -> 1008 (docs/plan-memory-models.md).
    await expect(page.getByRole('row', { name: /^Box reserved bytes/ })).toContainText('1,152 B');
  });

  test('a trace sample opens its first query through DuckDB', async ({ page }) => {
    test.setTimeout(120_000);
    await openPlans(page);
    const trace = (await samples()).find((s) => s.format === 'parquet');
    expect(trace, 'a Parquet trace sample is shipped').toBeTruthy();
    await page.getByRole('button', { name: trace!.title, exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: /· query / })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByText(/laid out in/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel('Trace table', { exact: true })).toBeVisible();
    await expect(stepText(page)).toBeVisible();

    // The allocation strategies over every query of the trace, in order: the figures on screen are
    // the model's over the same file read here in Node (parquet-wasm -> the plan core).
    const file = path.resolve(here, '../public/samples/plans', trace!.file);
    const model = traceRunFromTable(tableFromIPC(pq.readParquet(readFileSync(file)).intoIPCStream()));
    expect(model.queries).toHaveLength(80);
    await page.getByRole('button', { name: 'Strategies over all queries' }).click();
    const run = page.getByRole('region', {
      name: `Allocation strategies over 80 queries of trace ${trace!.file}, in table order`,
    });
    await expect(run).toBeVisible({ timeout: 30_000 });
    await expect(run.getByText(/^Queries are played in the order of the table/)).toBeVisible();
    const strategies = run.getByRole('table', { name: 'Allocation strategies over the trace' });
    await expect(strategies.getByRole('row')).toHaveCount(1 + model.results.length);
    for (const r of model.results) {
      const cells = strategies.getByRole('row', { name: r.label }).getByRole('cell');
      await expect(cells.nth(0)).toHaveText(formatBytesExact(r.peakReservedBytes));
      await expect(cells.nth(1)).toHaveText(formatBytesExact(r.steadyReservedBytes));
      await expect(cells.nth(3)).toHaveText(formatBytesExact(r.maxIdleBytes));
    }
    await run.getByText('Reserved bytes per query, as a table (80 queries)').click();
    const perQuery = run.getByRole('table', { name: 'Allocation strategies over the trace, per query' });
    await expect(perQuery.getByRole('row')).toHaveCount(81);
    await expect(perQuery.getByRole('row').nth(80).getByRole('rowheader')).toHaveText(
      `query ${model.queries[79]!.queryId}`,
    );
    await expect(run.getByText(/Drop never runs in an arena/).first()).toBeVisible();
    await expect(run.getByText(/must have its state reset/)).toBeVisible();
  });

  test('two schedules compare by waves, critical path and memory; the run panel plays both', async ({
    page,
  }) => {
    await openPlans(page);
    const json = (await samples()).filter((s) => s.format === 'json' && !/cycl/i.test(s.file));
    expect(json.length).toBeGreaterThanOrEqual(2);
    await openSample(page, json[0]!.title);
    await openSample(page, json[1]!.title);
    await page.getByRole('button', { name: 'Compare plans' }).click();
    const comparison = page.getByRole('region', { name: 'Plan comparison' });
    await expect(comparison.getByLabel('Verdict')).toHaveText(/figures differ|same executors/);
    const table = comparison.getByRole('table', { name: 'Schedule comparison' });
    for (const figure of [
      'Executors',
      'Waves',
      'Critical path length',
      'Box reserved bytes',
      'Arena reserved bytes',
    ])
      await expect(table.getByRole('row', { name: new RegExp(`^${figure}`) })).toBeVisible();
    await page.getByText(/Allocation strategies over a run of 2 queries/).click();
    const run = page.getByRole('table', { name: 'Allocation strategies over the run' });
    await expect(run.getByRole('row')).toHaveCount(6);
    await expect(run.getByRole('row', { name: /^One Bump, reset\(\) between queries/ })).toBeVisible();
  });
});

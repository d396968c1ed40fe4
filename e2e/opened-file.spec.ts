import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import {
  test,
  expect,
  openAppWithSample,
  gridRowCount,
  dropFiles,
  waitForLoads,
  SHARED_APP,
} from './support/fixtures';
import { writeStore } from '../scripts/lib/memory-store.mjs';

/**
 * What the README promises of an open file, used as a person would: the first page of a dropped
 * file shows the file's own values, a filter narrows the rows, the row detail shows a memory in
 * full (vector statistics, diff_data as JSON and as hex), and a load can be cancelled or its file
 * closed while and after it loads, with the rest of the app still working.
 */

const SAMPLE = path.resolve(import.meta.dirname, '../public/sample/experiences.parquet');

/** The first rows of a Parquet file as read in Node by parquet-wasm: the oracle for the grid. */
function firstRows(file: string, column: string, n: number): string[] {
  const table = tableFromIPC(pq.readParquet(readFileSync(file)).intoIPCStream());
  const v = table.getChild(column);
  return Array.from({ length: n }, (_, i) => String(v?.get(i)));
}

const grid = (page: Page) => page.getByRole('grid');

/** The text of column `name` in data rows 0..n-1 as painted (scrolled into view first). */
async function paintedColumn(page: Page, name: RegExp, n: number) {
  const header = grid(page).getByRole('columnheader', { name });
  await header.scrollIntoViewIfNeeded();
  const col = await header.getAttribute('aria-colindex');
  const out: string[] = [];
  for (let r = 0; r < n; r++) {
    const row = grid(page).locator(`[role="row"][aria-rowindex="${r + 2}"]`);
    out.push((await row.locator(`[role="gridcell"][aria-colindex="${col}"]`).textContent()) ?? '');
  }
  return out;
}

test.describe('An open file', () => {
  test("a dropped file's first page shows the file's own values", async ({ page }) => {
    await page.goto('/?sample=0');
    await dropFiles(page, [{ name: 'dropped.parquet', bytes: readFileSync(SAMPLE) }]);
    await expect(grid(page).getByRole('gridcell').first()).toBeVisible({ timeout: 30_000 });
    const expected = firstRows(SAMPLE, 'memory_id', 5);
    await expect.poll(() => paintedColumn(page, /^memory_id/, 5)).toEqual(expected);
  });
});

test.describe('The open sample', SHARED_APP, () => {
  test('a filter narrows the rows to those that match, and removing it brings them back', async ({
    page,
  }) => {
    await openAppWithSample(page);
    const total = await gridRowCount(page);
    const form = page.getByRole('form', { name: 'Add a filter' });
    await form.getByLabel('Filter column').selectOption('topic');
    await form.getByLabel('Operator').selectOption({ index: 0 });
    const topic = (await paintedColumn(page, /^topic/, 1))[0] ?? '';
    await form.getByLabel('Value').fill(topic);
    await form.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => gridRowCount(page)).toBeLessThan(total);
    const shown = Math.min(await gridRowCount(page), 8);
    expect(new Set(await paintedColumn(page, /^topic/, shown))).toEqual(new Set([topic]));
    await page.getByRole('button', { name: /^Remove filter/ }).click();
    await expect.poll(() => gridRowCount(page)).toBe(total);
  });

  test("switching the file shown leaves one schema panel, the shown file's", async ({ page }) => {
    await openAppWithSample(page);
    const list = page.getByRole('list', { name: 'Loaded files' });
    // Every file once, then back to the first: each switch replaces the panels, none is left behind.
    for (const name of ['knowledge', 'skills', 'preferences', 'experiences', 'knowledge']) {
      await list.getByRole('button', { name: new RegExp(`^${name}\\.parquet`) }).click();
      const schemas = page.getByRole('region', { name: /^Schema of / });
      await expect(schemas).toHaveCount(1);
      await expect(schemas).toHaveAccessibleName(`Schema of ${name}.parquet`);
      await expect(schemas.getByRole('table', { name: 'Columns' })).toHaveCount(1);
      await expect(page.getByRole('region', { name: /^Vectors in SQL of / })).toHaveAccessibleName(
        `Vectors in SQL of ${name}.parquet`,
      );
    }
  });

  test('the row detail shows the vector statistics and diff_data as JSON and as hex', async ({ page }) => {
    await openAppWithSample(page);
    await grid(page).locator('[role="row"][aria-rowindex="2"]').getByRole('gridcell').first().click();
    const detail = page.getByRole('complementary', { name: 'Selected row' });
    await expect(detail).toBeVisible();
    await expect(detail.getByText('384-d')).toBeVisible();
    await expect(detail.getByText(/‖v‖ \d/)).toBeVisible();
    // Each field names its type as the file has it, as the schema panel does (DuckDB holds every
    // timestamp in µs; the sample's are in ms).
    const schemaType = page
      .getByRole('table', { name: 'Columns' })
      .getByRole('row')
      .filter({ has: page.locator('code', { hasText: /^created_at$/ }) })
      .locator('.type');
    await expect(schemaType).toHaveText(/^timestamp\[ms/);
    const detailType = detail
      .locator('dt')
      .filter({ has: page.locator('.ex-field-name', { hasText: /^created_at$/ }) })
      .locator('.ex-field-type');
    await expect(detailType).toHaveText((await schemaType.textContent()) ?? '');
    const binary = detail.getByRole('group', { name: 'Binary view' });
    await binary.getByRole('tab', { name: 'JSON' }).click();
    await expect(
      detail
        .locator('pre')
        .filter({ hasText: /^\s*[{[]/ })
        .first(),
    ).toBeVisible();
    await binary.getByRole('button', { name: 'Hex' }).click();
    await expect(
      detail
        .locator('pre')
        .filter({ hasText: /^00000000\s+[0-9a-f]{2} / })
        .first(),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Close row details' }).click();
    await expect(detail).toHaveCount(0);
  });
});

const AGAIN_ROWS = 4_000;

test.describe('Loads can be stopped', () => {
  let big = '';
  let again = '';
  test.beforeAll(async () => {
    // Many small row groups: a load long enough to act on while it runs (with the CPU throttled).
    const dir = mkdtempSync(path.join(tmpdir(), 'memscope-e2e-'));
    big = path.join(dir, 'slow.parquet');
    await writeStore(big, { rows: 40_000, seed: 7, rowGroupRows: 500 });
    // Loaded whole, then closed: a tenth of the rows is enough, and spares the test ~10 s of loading.
    again = path.join(dir, 'slow-again.parquet');
    await writeStore(again, { rows: AGAIN_ROWS, seed: 8, rowGroupRows: 500 });
  });

  async function slowDown(page: Page) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
    return () => cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }

  test('Cancel stops a load; the file says cancelled and other files keep working', async ({ page }) => {
    await openAppWithSample(page);
    const list = page.getByRole('list', { name: 'Loaded files' });
    const restore = await slowDown(page);
    await page.getByLabel('Open files').setInputFiles(big);
    const item = list.getByRole('listitem').filter({ hasText: 'slow.parquet' });
    await item.getByRole('button', { name: 'Cancel' }).click();
    await restore();
    await expect(item).toContainText(/cancelled/);
    await expect(item.getByRole('progressbar')).toHaveCount(0);
    await list.getByRole('button', { name: /^experiences\.parquet/ }).click();
    await expect.poll(() => gridRowCount(page)).toBeGreaterThan(100);
    await expect(grid(page).getByRole('gridcell').first()).not.toBeEmpty();
  });

  test('closing a file while it loads and after it loaded removes it and keeps the rest', async ({
    page,
  }) => {
    await openAppWithSample(page);
    const list = page.getByRole('list', { name: 'Loaded files' });
    const restore = await slowDown(page);
    await page.getByLabel('Open files').setInputFiles(big);
    await expect(list.getByRole('progressbar', { name: 'Loading slow.parquet' })).toBeVisible();
    await list.getByRole('button', { name: 'Close slow.parquet' }).click();
    await restore();
    await expect(list.getByText('slow.parquet')).toHaveCount(0);

    await page.getByLabel('Open files').setInputFiles(again);
    await waitForLoads(page);
    await expect.poll(() => gridRowCount(page)).toBe(AGAIN_ROWS);
    await list.getByRole('button', { name: 'Close slow-again.parquet' }).click();
    await expect(list.getByText('slow-again.parquet')).toHaveCount(0);
    // The rest still answers: the SQL editor sees the sample and not the closed file's table.
    await list.getByRole('button', { name: /^knowledge\.parquet/ }).click();
    await expect.poll(() => gridRowCount(page)).toBeGreaterThan(100);
  });
});

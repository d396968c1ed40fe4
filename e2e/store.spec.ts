import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openAppWithSample, gridRowCount, waitForLoads, SHARED_APP } from './support/fixtures';

/**
 * A store (docs/store.md): files opened together are one DuckDB view as well as each its own table.
 * The bundled sample opens as the store `memories`.
 */

const SAMPLE_DIR = resolve(import.meta.dirname, '../public/sample');
const manifest = JSON.parse(readFileSync(resolve(SAMPLE_DIR, 'manifest.json'), 'utf8')) as {
  files: { name: string; rows: number; category: string }[];
};
const SAMPLE_ROWS = manifest.files.reduce((n, f) => n + f.rows, 0);

test.describe.configure({ timeout: 180_000 });

const files = (page: Page) => page.getByRole('list', { name: 'Loaded files' });
const facet = (page: Page, column: string) => page.getByRole('group', { name: column, exact: true });

/** Selects the sample's store in the file list: Explore shows all its rows. */
async function showStore(page: Page) {
  await files(page)
    .getByRole('button', { name: /^memories \(store of 4 files\)/ })
    .click();
  await expect.poll(() => gridRowCount(page)).toBe(SAMPLE_ROWS);
}

test.describe('Store', SHARED_APP, () => {
  test('the sample opens as one store; its category facet filters the whole store', async ({ page }) => {
    await openAppWithSample(page);
    const store = files(page).getByRole('button', { name: /^memories \(store of 4 files\)/ });
    await expect(store).toContainText('ready');
    await store.click();
    await expect(store).toHaveAttribute('aria-current', 'true');
    await expect.poll(() => gridRowCount(page)).toBe(SAMPLE_ROWS);
    expect(SAMPLE_ROWS).toBe(3200);
    // The store's files are listed under it.
    const members = files(page).getByRole('list', { name: 'Files of memories' });
    for (const f of manifest.files) await expect(members.getByText(f.name)).toBeVisible();

    const category = facet(page, 'category');
    for (const f of manifest.files)
      await expect(
        category.getByRole('button', { name: `${f.category} ${f.rows.toLocaleString('en-US')}` }),
      ).toBeVisible();
    const skills = manifest.files.find((f) => f.category === 'skills')!;
    await category.getByRole('button', { name: /^skills / }).click();
    await expect.poll(() => gridRowCount(page)).toBe(skills.rows);
    const explore = page.getByRole('tabpanel', { name: 'Explore' });
    await expect(explore.getByRole('gridcell', { name: 'skills', exact: true }).first()).toBeVisible();
    await expect(explore.getByRole('gridcell', { name: 'experiences', exact: true })).toHaveCount(0);
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(() => gridRowCount(page)).toBe(SAMPLE_ROWS);

    // The schema panel is the store's.
    const schema = page.getByRole('region', { name: 'Schema of memories' });
    await expect(schema.getByRole('row', { name: /^memory_id VARCHAR/ })).toBeVisible();

    // A file of the store still shows alone.
    await members.getByRole('button', { name: /^skills\.parquet/ }).click();
    await expect.poll(() => gridRowCount(page)).toBe(skills.rows);
  });

  test('"Go to memory" in a store opens the row with its vector, read from its file', async ({ page }) => {
    await openAppWithSample(page);
    await showStore(page);
    // The last file's first row: far from the top of the store.
    const explore = page.getByRole('tabpanel', { name: 'Explore' });
    const idHeader = explore.getByRole('columnheader', { name: /memory_id/ });
    await idHeader.click(); // ascending
    await idHeader.click(); // descending: the largest id first
    const firstId = (await explore
      .getByRole('grid')
      .getByRole('row')
      .nth(1)
      .getByRole('gridcell')
      .first()
      .textContent())!.trim();
    await idHeader.click(); // off
    await page.getByLabel('Go to memory').fill(firstId);
    await page.getByLabel('Go to memory').press('Enter');
    const detail = page.getByRole('complementary', { name: 'Selected row' });
    await expect(detail).toContainText(firstId);
    await expect(detail).toContainText(/vector\[384\]/);
  });

  test("a store's grid paints each row's vector and bytes from its file; Find similar searches the store", async ({
    page,
  }) => {
    await openAppWithSample(page);
    await showStore(page);
    const explore = page.getByRole('tabpanel', { name: 'Explore' });
    const grid = explore.getByRole('grid');
    /** Column `name` of the first `n` rows of Explore's grid, as painted (heavy cells once loaded). */
    const painted = async (name: RegExp, n: number) => {
      // The heavy columns come last: the grid paints the columns in view only.
      const heavy = /embedding|diff_data/.test(name.source);
      await grid.evaluate((el, end) => (el.scrollLeft = end ? el.scrollWidth : 0), heavy);
      const header = grid.getByRole('columnheader', { name });
      const col = await header.getAttribute('aria-colindex');
      const cells = grid.locator(
        `[role="row"]:not([aria-rowindex="1"]) [role="gridcell"][aria-colindex="${col}"]`,
      );
      for (let i = 0; i < n; i++) await expect(cells.nth(i)).not.toHaveText('');
      return (await cells.allTextContents()).slice(0, n);
    };
    /** memory_id → diff_data as the grid paints them, for the first rows shown. */
    const diffsById = async () => {
      const ids = await painted(/^memory_id/, 6);
      const diffs = await painted(/^diff_data/, 6);
      return new Map(ids.map((id, i) => [id, diffs[i]]));
    };
    // Rows of the first file (experiences), then of another (skills, past 2,240 rows of the store).
    const byFile = new Map<string, Map<string, string | undefined>>();
    for (const category of ['experiences', 'skills']) {
      await facet(page, 'category')
        .getByRole('button', { name: new RegExp(`^${category} `) })
        .click();
      await expect.poll(() => painted(/^category/, 6)).toEqual(Array(6).fill(category));
      await expect.poll(() => painted(/^embedding/, 6)).toEqual(Array(6).fill('384-d'));
      const diffs = await diffsById();
      expect([...diffs.values()].some((d) => d !== 'NULL' && d !== '')).toBe(true);
      byFile.set(category, diffs);
      await page.getByRole('button', { name: 'Clear all' }).click();
    }
    // Each row's bytes are its file's: the file shown alone paints the same for the same ids.
    const members = files(page).getByRole('list', { name: 'Files of memories' });
    await members.getByRole('button', { name: /^skills\.parquet/ }).click();
    await expect
      .poll(() => gridRowCount(page))
      .toBe(manifest.files.find((f) => f.category === 'skills')!.rows);
    const alone = await diffsById();
    for (const [id, diff] of byFile.get('skills')!) expect(alone.get(id) ?? diff).toBe(diff);
    expect([...byFile.get('skills')!.keys()].filter((id) => alone.has(id)).length).toBeGreaterThan(0);

    // A store row's detail (a skills row) shows its vector; "Find similar" searches from it, in its
    // file, over the store's four files, each result naming its file.
    await showStore(page);
    await facet(page, 'category')
      .getByRole('button', { name: /^skills / })
      .click();
    await expect.poll(() => painted(/^category/, 3)).toEqual(Array(3).fill('skills'));
    await grid.locator('[role="row"][aria-rowindex="3"]').getByRole('gridcell').first().click();
    const detail = page.getByRole('complementary', { name: 'Selected row' });
    await expect(detail.getByText('384-d')).toBeVisible();
    await expect(detail.getByText(/‖v‖ \d/)).toBeVisible();
    const fileRow = (await detail.getByRole('heading', { level: 2 }).textContent())!.replace(/^Row /, '');
    await expect(detail.getByRole('button', { name: 'Find similar' })).toBeVisible();
    // The grid's row menu on that row (the detail's button does the same).
    await grid.press('ContextMenu');
    await expect(page.getByRole('menuitem', { name: 'Find similar' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Similar' })).toHaveAttribute('aria-selected', 'true');
    await expect(
      page.getByRole('checkbox', { name: 'Search all 4 files of memories with 384-d vectors' }),
    ).toBeChecked();
    await expect(
      page.getByText(
        new RegExp(
          `\\(row ${fileRow} of skills\\.parquet is the query, shown first\\); searched 3,200 vectors in 4 files, covering 3,200 of 3,200 rows`,
        ),
      ),
    ).toBeVisible({ timeout: 60_000 });
    const results = page.getByRole('grid', { name: 'Similar memories' });
    const fileHeader = results.getByRole('columnheader', { name: /^file/ });
    const col = await fileHeader.getAttribute('aria-colindex');
    const named = await results.locator(`[role="gridcell"][aria-colindex="${col}"]`).allTextContents();
    expect(named[0]).toBe('skills.parquet');
    for (const f of named) expect(manifest.files.map((m) => m.name)).toContain(f);

    // A result opens in the store Explore showed (not its file alone), its row selected.
    const other = named.findIndex((f) => f !== 'skills.parquet');
    expect(other).toBeGreaterThan(0);
    const idHeader = results.getByRole('columnheader', { name: /^memory_id/ });
    const idCol = await idHeader.getAttribute('aria-colindex');
    const resultRow = results.locator(`[role="row"][aria-rowindex="${other + 2}"]`);
    const id = await resultRow.locator(`[role="gridcell"][aria-colindex="${idCol}"]`).textContent();
    await resultRow.getByRole('gridcell').first().click();
    await expect(page.getByRole('tab', { name: 'Explore' })).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => new URL(page.url()).searchParams.get('table')).toBe('memories');
    await expect(page.getByRole('complementary', { name: 'Selected row' })).toContainText(id!, {
      timeout: 30_000,
    });
  });
});

// Its own app: it opens more files, and the shared page's file list would keep them.
test.describe('Store of picked files', () => {
  test('files picked together are a store; the schema panel says which file lacks a column', async ({
    page,
  }) => {
    await openAppWithSample(page);
    const notes = {
      name: 'notes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('memory_id,content\nn-1,first\nn-2,second\n'),
    };
    const skills = {
      name: 'skills.parquet',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(resolve(SAMPLE_DIR, 'skills.parquet')),
    };
    await page.getByLabel('Open files').setInputFiles([skills, notes]);
    await waitForLoads(page);
    const store = files(page).getByRole('button', { name: /^memories \(store of 2 files\)/ });
    await expect(store).toContainText('ready');
    await store.click();
    const skillsRows = manifest.files.find((f) => f.category === 'skills')!.rows;
    await expect.poll(() => gridRowCount(page)).toBe(skillsRows + 2);
    const schema = page.getByRole('region', { name: 'Schema of memories' });
    await expect(schema.getByRole('row', { name: /^created_at .* notes\.csv$/ })).toBeVisible();
    await expect(
      schema.getByRole('row', { name: /^category .*from the file name in notes\.csv/ }),
    ).toBeVisible();
    await expect(facet(page, 'category').getByRole('button', { name: 'notes 2' })).toBeVisible();
  });
});

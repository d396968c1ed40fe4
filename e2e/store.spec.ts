import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openAppWithSample, gridRowCount, waitForLoads } from './support/fixtures';

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

test.describe('Store', () => {
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
    await files(page)
      .getByRole('button', { name: /^memories \(store/ })
      .click();
    await expect.poll(() => gridRowCount(page)).toBe(SAMPLE_ROWS);
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

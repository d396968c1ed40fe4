import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { awkwardParquet } from '../test/support/awkward-names';
import { test, expect, openAppWithSample, dropFiles, waitForLoads, SHARED_APP } from './support/fixtures';

/**
 * Issue 10 item 2: a file whose column names DuckDB renames (`A` and `a`, an empty name, `x`
 * twice, its own `__row`) shows the file's names, filters the column the user picked, and keeps
 * every value in its row (the file's `__row` holds r2, r1, r0 in rows 0, 1, 2).
 */
test("filters and shows a file's columns by the names in the file", SHARED_APP, async ({ page }) => {
  initParquetWasmNode();
  await openAppWithSample(page);
  await dropFiles(page, [{ name: 'awkward.parquet', bytes: Buffer.from(awkwardParquet()) }]);
  await waitForLoads(page);
  const explore = page.getByRole('tabpanel', { name: 'Explore' });
  const grid = explore.getByRole('grid', { name: 'awkward.parquet rows' });
  await expect(grid.getByRole('columnheader', { name: 'a', exact: true })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: '__row', exact: true })).toBeVisible();
  // File order: the file's own __row column reads r2, r1, r0 down the rows.
  const firstRow = grid.locator('[role="row"][aria-rowindex="2"]');
  await expect(firstRow.getByRole('gridcell', { name: 'r2' })).toBeVisible();
  await expect(firstRow.getByRole('gridcell', { name: '10', exact: true })).toBeVisible();

  const form = explore.getByRole('form', { name: 'Add a filter' });
  await form.getByLabel('Filter column').selectOption({ label: 'a' });
  await form.getByLabel('Operator').selectOption('=');
  await form.getByLabel('Value').fill('20');
  await form.getByRole('button', { name: 'Filter' }).click();
  await expect(explore.getByRole('list', { name: 'Filters' })).toContainText('a = 20');
  await expect(explore.getByText('1 of 3 rows')).toBeVisible();
  const only = grid.locator('[role="row"][aria-rowindex="2"]');
  await expect(only.getByRole('gridcell', { name: 'r1' })).toBeVisible();
  await expect(only.getByRole('gridcell', { name: '2', exact: true })).toBeVisible();

  // The row in full pairs the file's __row value with the same row's bytes.
  await only.getByRole('gridcell', { name: 'r1' }).click();
  const detail = page.getByRole('complementary', { name: 'Selected row' });
  await expect(detail.getByText('Row 1', { exact: true })).toBeVisible();
  const fileRowField = detail.locator('.ex-field', { hasText: '__row' }).filter({ hasText: 'r1' });
  await expect(fileRowField).toHaveCount(1);
  await expect(detail.locator('.ex-field', { hasText: 'column2' })).toHaveCount(0);
});

import { readFile } from 'node:fs/promises';
import { test, expect, corpusFile, openAppWithSample, gridRowCount, dropFiles } from './support/fixtures';

test.describe('Explore', () => {
  test('the bundled sample memory store is open on start', async ({ page }) => {
    await openAppWithSample(page);
    const files = page.getByRole('list', { name: 'Loaded files' });
    await expect(files.getByText('experiences.parquet')).toBeVisible();
    await expect(files.getByText('knowledge.parquet')).toBeVisible();
    expect(await gridRowCount(page)).toBeGreaterThan(100);
    await expect(page.getByRole('columnheader', { name: /memory_id/ })).toBeVisible();
    // The schema panel shows what the footer said, including the vector column's role.
    const schema = page.getByRole('region', { name: /Schema of experiences\.parquet/ });
    await expect(schema.getByRole('row', { name: /^embedding .* on demand$/ })).toBeVisible();
    await expect(schema.getByText('float32[384]')).toBeVisible();
    // The file's timestamp unit (DuckDB holds it in microseconds); the grid's header shows the same.
    await expect(schema.getByRole('row', { name: /^created_at .*timestamp\[ms, UTC\]/ })).toBeVisible();
  });

  test('a corpus file picked with "Open files" shows its rows', async ({ page }) => {
    await openAppWithSample(page);
    await page
      .getByLabel('Open files')
      .setInputFiles(corpusFile('parquet-testing/data/alltypes_plain.parquet'));
    const list = page.getByRole('list', { name: 'Loaded files' });
    await expect(list.getByText('alltypes_plain.parquet')).toBeVisible();
    await expect(list.getByRole('button', { name: /^alltypes_plain\.parquet/ })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await expect.poll(() => gridRowCount(page)).toBe(8);
    await expect(page.getByRole('columnheader', { name: /bool_col/ })).toBeVisible();
  });

  test('a dropped corpus file opens as a table named after it', async ({ page }) => {
    await openAppWithSample(page);
    const bytes = await readFile(corpusFile('parquet-testing/data/lz4_raw_compressed_larger.parquet'));
    await dropFiles(page, [{ name: 'lz4_raw_compressed_larger.parquet', bytes }]);
    const list = page.getByRole('list', { name: 'Loaded files' });
    await expect(list.getByText('lz4_raw_compressed_larger.parquet')).toBeVisible();
    await expect(list.getByText('lz4_raw_compressed_larger', { exact: true })).toBeVisible();
    await expect.poll(() => gridRowCount(page)).toBe(10_000);
  });

  test('clicking a header sorts ascending, then descending, then off', async ({ page }) => {
    await openAppWithSample(page);
    await page
      .getByLabel('Open files')
      .setInputFiles(corpusFile('parquet-testing/data/alltypes_plain.parquet'));
    await expect.poll(() => gridRowCount(page)).toBe(8);
    const header = page.getByRole('columnheader', { name: /^id\b/ });
    const firstIdCell = () => page.getByRole('grid').getByRole('row').nth(1).getByRole('gridcell').first();
    await header.click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(firstIdCell()).toHaveText('0');
    await header.click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(firstIdCell()).toHaveText('7');
    await header.click();
    await expect(header).toHaveAttribute('aria-sort', 'none');
  });
});

test.describe('Other file kinds', () => {
  test("a CSV file opens through DuckDB's own reader", async ({ page }) => {
    await openAppWithSample(page);
    await page
      .getByLabel('Open files')
      .setInputFiles(corpusFile('parquet-testing/data/delta_byte_array_expect.csv'));
    await expect.poll(() => gridRowCount(page)).toBe(1000);
    await expect(page.getByRole('columnheader', { name: /c_customer_id/ })).toBeVisible();
  });

  test('an Arrow IPC file opens', async ({ page }) => {
    await openAppWithSample(page);
    await page
      .getByLabel('Open files')
      .setInputFiles(
        corpusFile(
          'arrow-testing/data/arrow-ipc-stream/integration/cpp-21.0.0/generated_primitive.arrow_file',
        ),
      );
    const list = page.getByRole('list', { name: 'Loaded files' });
    await expect(list.getByText('generated_primitive.arrow_file')).toBeVisible();
    await expect(list.getByText(/ready/).last()).toBeVisible();
    expect(await gridRowCount(page)).toBeGreaterThan(0);
  });
});

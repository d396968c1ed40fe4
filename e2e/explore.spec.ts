import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import {
  test,
  expect,
  corpusFile,
  openAppWithSample,
  gridRowCount,
  dropFiles,
  waitForLoads,
  SHARED_APP,
} from './support/fixtures';

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
    // The footer's sections are built when first opened (lazy-details.tsx): open shows them.
    await schema.getByText(/^Parquet columns \(\d+\)$/).click();
    await expect(schema.getByRole('row', { name: /^memory_id BYTE_ARRAY ZSTD / })).toBeVisible();
    await schema.getByText(/^Row groups \(\d+\)$/).click();
    await expect(
      schema
        .getByRole('listitem')
        .filter({ hasText: /^[\d,]+ rows · / })
        .first(),
    ).toBeVisible();
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

  test('a dropped corpus file opens as a table named after it', SHARED_APP, async ({ page }) => {
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

  test('a sorted big table pages by key: its first and last rows are the sorted ones', async ({ page }) => {
    // 60,000 rows: past ROW_INDEX_MIN_ROWS, so the table gets its row index and a sorted view reads
    // keys 1,000 at a time and 64-row pages by key (src/core/sql/row-index.ts). Scores tie in
    // runs of 60, so the order within a tie (file order) shows too.
    const n = 60_000;
    const score = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
    const label = Array.from({ length: n }, (_, i) => `m${i}`);
    const ipc = tableToIPC(tableFromArrays({ label, score }), 'file');
    await page.goto('/?sample=0');
    await dropFiles(page, [{ name: 'keyed.arrow', bytes: Buffer.from(ipc) }]);
    await expect.poll(() => gridRowCount(page), { timeout: 30_000 }).toBe(n);
    await waitForLoads(page);
    // The index is made just after the load; a sort before it would read pages in one query.
    await expect.poll(() => rowIndexes(page)).toContain('keyed__row_index');

    const header = page.getByRole('columnheader', { name: /^score\b/ });
    await header.click();
    await header.click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
    const labels = (rows: number[]) => rows.map((i) => `m${i}`);
    await expect.poll(() => paintedLabels(page, [0, 1, 2, 3, 4])).toEqual(labels(order.slice(0, 5)));
    // Ctrl+End: the last rows, from the last key block.
    await page.getByRole('grid').getByRole('gridcell').first().click();
    await page.keyboard.press('Control+End');
    await expect.poll(() => paintedLabels(page, [n - 3, n - 2, n - 1])).toEqual(labels(order.slice(-3)));
  });
});

test.describe('Other file kinds', SHARED_APP, () => {
  // Each test asserts on the file it opens: the sample stays open between them.

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
    // Its own entry says ready (the list holds the files earlier tests opened on this page too).
    await expect(
      list.getByRole('listitem').filter({ hasText: 'generated_primitive.arrow_file' }),
    ).toContainText('ready');
    await expect.poll(() => gridRowCount(page)).toBeGreaterThan(0);
  });
});

/** The names of the row indexes DuckDB holds (a setup check: the app makes them on its own). */
function rowIndexes(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const app = window as unknown as {
      __memscope: {
        db: { query(sql: string, o: object): Promise<{ table: { toArray(): { n: string }[] } }> };
      };
    };
    const r = await app.__memscope.db.query('SELECT index_name AS n FROM duckdb_indexes()', { cache: false });
    return r.table.toArray().map((row) => String(row.n));
  });
}

/** The painted text of the `label` column in these rows (0-based), or '' where a row is not painted. */
async function paintedLabels(page: Page, rows: number[]): Promise<string[]> {
  const grid = page.getByRole('grid');
  const col = await grid.getByRole('columnheader', { name: /^label\b/ }).getAttribute('aria-colindex');
  const out: string[] = [];
  for (const r of rows) {
    const cell = grid.locator(
      `[role="row"][aria-rowindex="${r + 2}"] [role="gridcell"][aria-colindex="${col}"]`,
    );
    out.push((await cell.count()) > 0 ? ((await cell.textContent()) ?? '') : '');
  }
  return out;
}

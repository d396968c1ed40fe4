import { readFile } from 'node:fs/promises';
import { test, expect, openAppWithSample, gridRowCount, SHARED_APP } from './support/fixtures';

test.describe('SQL', SHARED_APP, () => {
  test('lists the open tables, runs a query with Ctrl+Enter, shows its time and exports the result', async ({
    page,
  }) => {
    await openAppWithSample(page);
    await page.getByRole('tab', { name: 'SQL' }).click();
    const panel = page.getByRole('tabpanel', { name: 'SQL' });
    // The Tables panel lists the open tables from the start, before any query ran.
    const tables = panel.getByRole('complementary', { name: 'Tables' });
    for (const name of ['experiences', 'knowledge', 'memories']) await expect(tables).toContainText(name);
    const editor = page.getByLabel('SQL query');
    await editor.fill('SELECT category, count(*) AS n FROM experiences GROUP BY category ORDER BY n DESC');
    await editor.press('Control+Enter');
    await expect(panel.getByRole('columnheader', { name: /^n\b/ })).toBeVisible();
    await expect(panel.getByText(/\d+(\.\d+)?\s*(µs|ms)/)).toBeVisible();
    const rows = await gridRowCount(page);
    expect(rows).toBeGreaterThanOrEqual(1);

    // "Export result": the rows the result grid paints, as CSV.
    await panel.getByRole('button', { name: 'Export result' }).click();
    const downloading = page.waitForEvent('download');
    await panel.getByRole('menuitem', { name: 'CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('query-result.csv');
    const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('category,n');
    expect(lines).toHaveLength(rows + 1);
    const painted = panel.getByRole('row').nth(1).getByRole('gridcell');
    await expect(painted.filter({ hasText: lines[1]!.split(',')[0]! })).toHaveCount(1);
    await expect(painted.filter({ hasText: new RegExp(`^${lines[1]!.split(',')[1]!}$`) })).toHaveCount(1);
  });

  test("a bad query shows DuckDB's error and leaves the app usable", async ({ page }) => {
    await openAppWithSample(page);
    await page.getByRole('tab', { name: 'SQL' }).click();
    const editor = page.getByLabel('SQL query');
    await editor.fill('SELEC nonsense FROM');
    await page.getByRole('button', { name: 'Run' }).click();
    const panel = page.getByRole('tabpanel', { name: 'SQL' });
    await expect(panel.getByRole('alert')).toContainText(/syntax error/i);
    await editor.fill('SELECT 41 + 1 AS answer');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(panel.getByRole('gridcell', { name: '42' })).toBeVisible();
    await expect(panel.getByRole('alert')).toHaveCount(0);

    // "Add vectors to SQL" (under the file's schema): the embedding becomes FLOAT[384] in the table,
    // with DuckDB's memory before and after; then array_cosine_similarity works in the editor.
    const vectors = page.getByRole('region', { name: 'Vectors in SQL of experiences.parquet' });
    await vectors.getByRole('button', { name: 'Add vectors to SQL' }).click();
    await expect(vectors.getByRole('status')).toContainText(
      /as FLOAT\[384\]: DuckDB memory .* before, .* after/,
    );
    await editor.fill(
      'SELECT round(array_cosine_similarity(embedding, (SELECT embedding FROM experiences WHERE __row = 3)), 5) AS self_cosine, typeof(embedding) AS t FROM experiences WHERE __row = 3',
    );
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(panel.getByRole('gridcell', { name: '1', exact: true })).toBeVisible();
    await expect(panel.getByRole('gridcell', { name: 'FLOAT[384]' })).toBeVisible();
    // Undo: the column is gone from SQL again.
    await vectors.getByRole('button', { name: 'Remove vectors from SQL' }).click();
    await expect(vectors.getByRole('button', { name: 'Add vectors to SQL' })).toBeVisible();
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(panel.getByRole('alert')).toContainText(/embedding/);
  });
});

test('a long query can be cancelled and the editor keeps working', async ({ page }) => {
  await openAppWithSample(page);
  await page.getByRole('tab', { name: 'SQL' }).click();
  const editor = page.getByLabel('SQL query');
  // Billions of rows: minutes of work for DuckDB-WASM, so only Cancel ends it in time.
  await editor.fill('SELECT sum(i * i) AS s FROM range(100000000000) t(i)');
  await page.getByRole('button', { name: 'Run' }).click();
  const panel = page.getByRole('tabpanel', { name: 'SQL' });
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByRole('status')).toContainText(/cancelled/i);
  await editor.fill('SELECT 6 * 7 AS answer');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(panel.getByRole('gridcell', { name: '42' })).toBeVisible();
});

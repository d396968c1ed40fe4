import { test, expect, openAppWithSample, gridRowCount } from './support/fixtures';

test.describe('SQL', () => {
  test('runs a query over the open tables with Ctrl+Enter and shows its time', async ({ page }) => {
    await openAppWithSample(page);
    await page.getByRole('tab', { name: 'SQL' }).click();
    const editor = page.getByLabel('SQL query');
    await editor.fill('SELECT category, count(*) AS n FROM experiences GROUP BY category');
    await editor.press('Control+Enter');
    const panel = page.getByRole('tabpanel', { name: 'SQL' });
    await expect(panel.getByRole('columnheader', { name: /^n\b/ })).toBeVisible();
    await expect(panel.getByText(/\d+(\.\d+)?\s*ms/)).toBeVisible();
    expect(await gridRowCount(page)).toBeGreaterThanOrEqual(1);
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

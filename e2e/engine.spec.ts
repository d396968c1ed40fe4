import { test, expect, openAppWithSample } from './support/fixtures';

/**
 * Issue 10 item 1: the engine never stays wedged. Cancelling a script used to say "Cancelled."
 * while DuckDB ran on, and every later query (editor, Explore grid, file loads) hung.
 */
test('cancelling a multi-statement script frees the engine for the next query and the grid', async ({
  page,
}) => {
  await openAppWithSample(page);
  await page.getByRole('tab', { name: 'SQL' }).click();
  const panel = page.getByRole('tabpanel', { name: 'SQL' });
  const editor = page.getByLabel('SQL query');
  await editor.fill('SELECT 1; SELECT sum(a.range*b.range) FROM range(300000) a, range(300000) b');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(panel.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await page.waitForTimeout(500);
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByRole('status')).toContainText(/cancelled/i);
  await editor.fill('SELECT 6 * 7 AS answer');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(panel.getByRole('gridcell', { name: '42' })).toBeVisible();
  // The Explore grid's sorted pages come from DuckDB: they answer too.
  await page.getByRole('tab', { name: 'Explore' }).click();
  const explore = page.getByRole('tabpanel', { name: 'Explore' });
  await explore.getByRole('columnheader').nth(1).click();
  await expect(explore.locator('[role="columnheader"][aria-sort="ascending"]')).toBeVisible();
  await expect(explore.getByRole('gridcell').first()).toBeVisible();
});

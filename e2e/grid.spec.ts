import type { Locator } from '@playwright/test';
import { test, expect, openAppWithSample, gridRowCount, SHARED_APP } from './support/fixtures';

// The grid's own contract (docs/table.md, "ARIA and tests"), driven the way a keyboard or screen
// reader user would, over the bundled sample's experiences.parquet (1,280 rows, heavy `embedding`).

/** The active cell, found through the grid's aria-activedescendant. */
async function activeCell(grid: Locator): Promise<{ row: number; col: number; text: string }> {
  const id = await grid.getAttribute('aria-activedescendant');
  if (!id) throw new Error('no active cell');
  const cell = grid.locator(`[id="${id}"]`);
  await expect(cell).toHaveAttribute('aria-selected', 'true');
  const row = cell.locator('xpath=..');
  return {
    row: Number(await row.getAttribute('aria-rowindex')),
    col: Number(await cell.getAttribute('aria-colindex')),
    text: (await cell.textContent()) ?? '',
  };
}

test.describe('Data grid', SHARED_APP, () => {
  // The shared page's context may read the clipboard (newSharedApp in support/fixtures.ts).
  test('keys move the active cell; Enter shows the full value; Ctrl+C copies it', async ({ page }) => {
    await openAppWithSample(page);
    const grid = page.getByRole('grid', { name: 'experiences.parquet rows' });
    const rows = await gridRowCount(page);
    const cols = Number(await grid.getAttribute('aria-colcount'));
    expect(cols).toBeGreaterThan(2);
    await expect(grid.getByRole('row').first()).toHaveAttribute('aria-rowindex', '1');
    await grid.focus();
    await expect(grid).not.toHaveAttribute('aria-activedescendant', /./);

    // The first ArrowDown activates the first visible row's first cell (header row = 1).
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => activeCell(grid)).toMatchObject({ row: 2, col: 1 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => activeCell(grid)).toMatchObject({ row: 3, col: 2 });
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp'); // clamped at the first row
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft'); // clamped at the first column
    await expect.poll(() => activeCell(grid)).toMatchObject({ row: 2, col: 1 });
    await page.keyboard.press('End');
    await expect.poll(() => activeCell(grid)).toMatchObject({ row: 2, col: cols });
    await page.keyboard.press('Home');
    await page.keyboard.press('PageDown');
    const afterPage = await activeCell(grid);
    expect(afterPage.col).toBe(1);
    expect(afterPage.row).toBeGreaterThan(5);
    await page.keyboard.press('PageUp');
    await expect.poll(() => activeCell(grid)).toMatchObject({ row: 2, col: 1 });

    // Ctrl+End: the last cell of the last row, scrolled into view and painted.
    await page.keyboard.press('Control+End');
    await expect.poll(() => activeCell(grid)).toMatchObject({ row: rows + 1, col: cols });
    await expect(grid.locator(`[role="row"][aria-rowindex="${rows + 1}"]`)).toBeVisible();
    await page.keyboard.press('Control+Home');
    await expect.poll(() => activeCell(grid)).toMatchObject({ row: 2, col: 1 });

    // Enter: the first column (memory_id) of file row 0, in full, in a modal dialog.
    const first = await activeCell(grid);
    expect(first.text.length).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^memory_id, row 0$/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText(first.text, { exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await grid.focus();
    await page.keyboard.press('Control+c');
    await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first.text);
  });

  test('a click activates a cell and selects its row; a double-click opens its value', async ({ page }) => {
    await openAppWithSample(page);
    const grid = page.getByRole('grid', { name: 'experiences.parquet rows' });
    const cell = grid.locator('[role="row"][aria-rowindex="4"] [role="gridcell"][aria-colindex="2"]');
    await cell.click();
    await expect.poll(() => activeCell(grid)).toMatchObject({ row: 4, col: 2 });
    await expect(grid.locator('[role="row"][aria-rowindex="4"]')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('complementary', { name: 'Selected row' })).toContainText('Row 2');
    // The copy and expand buttons exist on the active cell only.
    await expect(grid.getByRole('button', { name: 'Copy value' })).toHaveCount(1);
    await cell.dblclick();
    await expect(page.getByRole('dialog', { name: /, row 2$/ })).toBeVisible();
  });

  test('headers carry names and sort state; a separator resizes its column by keyboard', async ({ page }) => {
    await openAppWithSample(page);
    const grid = page.getByRole('grid', { name: 'experiences.parquet rows' });
    const header = grid.getByRole('columnheader', { name: /^memory_id/ });
    await expect(header).toHaveAttribute('aria-colindex', '1');
    await expect(header).toHaveAttribute('aria-sort', 'none');
    const separator = grid.getByRole('separator', { name: 'Resize memory_id' });
    const width = Number(await separator.getAttribute('aria-valuenow'));
    expect(width).toBeGreaterThan(47);
    await separator.focus();
    await page.keyboard.press('ArrowRight');
    await expect(separator).toHaveAttribute('aria-valuenow', String(width + 16));
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(separator).toHaveAttribute('aria-valuenow', String(width - 16));
    const box = await header.boundingBox();
    expect(Math.round(box?.width ?? 0)).toBe(width - 16);
  });

  test('the heavy embedding column loads for the painted rows; the last rows paint after a scroll', async ({
    page,
  }) => {
    await openAppWithSample(page);
    const grid = page.getByRole('grid', { name: 'experiences.parquet rows' });
    const rows = await gridRowCount(page);
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await expect(grid.getByRole('columnheader', { name: /^embedding/ })).toBeVisible();
    await expect(grid.getByRole('gridcell', { name: '384-d' }).first()).toBeVisible();
    await grid.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const last = grid.locator(`[role="row"][aria-rowindex="${rows + 1}"]`);
    await expect(last).toBeVisible();
    await expect(last).not.toHaveAttribute('aria-busy', 'true');
    await expect(last.getByRole('gridcell').first()).not.toBeEmpty();
  });
});

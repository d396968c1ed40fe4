import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, openAppWithSample, gridRowCount, corpusFile, dropFiles } from './support/fixtures';

/**
 * Issue 8 item 6: the URL holds the view (tab, table, filters, facets, sort, selected row, SQL
 * text), so a reload brings it back once the same files are open (the sample reopens by itself);
 * Back and Forward move between views and stay in the app; an unknown tab shows Explore.
 */
test.describe.configure({ timeout: 180_000 });

const tab = (page: Page, name: string) => page.getByRole('tab', { name });

test('a reload brings back the table, filters, facet, sort, selected row and SQL text', async ({ page }) => {
  await openAppWithSample(page);
  // Another table than the first, so the table comes from the URL too.
  await page.getByRole('list', { name: 'Loaded files' }).getByText('knowledge.parquet').click();
  const grid = page.getByRole('grid', { name: 'knowledge.parquet rows' });
  await expect(grid.getByRole('gridcell').first()).toBeVisible();
  const total = await gridRowCount(page);

  const topic = page.getByRole('group', { name: 'topic', exact: true });
  await topic.getByRole('button').nth(1).click();
  const filtered = await gridRowCount(page);
  expect(filtered).toBeLessThan(total);
  const form = page.getByRole('form', { name: 'Add a filter' });
  await form.getByLabel('Filter column').selectOption('content');
  await form.getByLabel('Operator').selectOption('contains');
  await form.getByLabel('Value').fill('e');
  await form.getByRole('button', { name: 'Filter' }).click();
  const chips = page.getByRole('list', { name: 'Filters', exact: true });
  await expect(chips).toContainText('content text contains "e"');
  await grid.getByRole('columnheader', { name: 'memory_id' }).getByRole('button').click();
  await expect(grid.getByRole('columnheader', { name: 'memory_id' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  const rows = await gridRowCount(page);
  // Select the third row; its detail shows its file row.
  await grid.locator('[role="row"][aria-rowindex="4"]').getByRole('gridcell').first().click();
  const detail = page.getByRole('complementary', { name: 'Selected row' });
  const heading = await detail.getByRole('heading').first().textContent();
  expect(heading).toMatch(/^Row \d+$/);

  await tab(page, 'SQL').click();
  const editor = page.getByLabel('SQL query');
  await editor.fill('SELECT count(*) AS kept FROM knowledge');
  await expect
    .poll(() => new URL(page.url()).searchParams.get('sql'))
    .toBe('SELECT count(*) AS kept FROM knowledge');

  await page.reload();
  await expect(tab(page, 'SQL')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('SQL query')).toHaveValue('SELECT count(*) AS kept FROM knowledge');
  await tab(page, 'Explore').click();
  const again = page.getByRole('grid', { name: 'knowledge.parquet rows' });
  await expect(again).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Filters', exact: true })).toContainText(
    'content text contains "e"',
  );
  await expect(page.getByRole('list', { name: 'Active facet filters' })).toContainText('topic:');
  await expect(again.getByRole('columnheader', { name: 'memory_id' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect.poll(() => gridRowCount(page)).toBe(rows);
  await expect(
    page.getByRole('complementary', { name: 'Selected row' }).getByRole('heading').first(),
  ).toHaveText(heading ?? '');
});

test('Back and Forward move between views; an unknown tab shows Explore', async ({ page }) => {
  await openAppWithSample(page);
  const start = page.url();
  await tab(page, 'SQL').click();
  await tab(page, 'Plans').click();
  await expect(tab(page, 'Plans')).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await expect(tab(page, 'SQL')).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await expect(tab(page, 'Explore')).toHaveAttribute('aria-selected', 'true');
  expect(new URL(page.url()).origin).toBe(new URL(start).origin);
  await page.goForward();
  await expect(tab(page, 'SQL')).toHaveAttribute('aria-selected', 'true');

  // Opening a file is a view of its own: its history entry is written once its rows are painted
  // (use-url-state.ts holds the write until then), and Back leads to the table shown before.
  await tab(page, 'Explore').click();
  const tableBefore = new URL(page.url()).searchParams.get('table');
  const bytes = readFileSync(corpusFile('parquet-testing/data/alltypes_plain.parquet'));
  await dropFiles(page, [{ name: 'alltypes_plain.parquet', bytes }]);
  const boolCells = page.getByRole('grid').getByRole('gridcell', { name: 'false', exact: true });
  await expect(boolCells.first()).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('table')).toBe('alltypes_plain');
  await page.goBack();
  await expect.poll(() => new URL(page.url()).searchParams.get('table')).toBe(tableBefore);
  await expect(page.getByRole('grid')).toBeVisible();
  await expect(boolCells).toHaveCount(0);

  await page.goto('/?tab=nonsense');
  await expect(tab(page, 'Explore')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('grid')).toBeVisible({ timeout: 30_000 });
});

import { test, expect, openAppWithSample, dropFiles, SHARED_APP } from './support/fixtures';

/**
 * Issue 10 item 5: selecting a row whose cell holds 1 MB of text froze the tab for ~85 s (the
 * detail panel laid the whole value out). The panel now shows the first 4 KB and a virtualized
 * "Show all"; a frozen tab would time this test out.
 */
test(
  'a 1 MB cell selected: the detail shows the first KB, Show all pages it, the page answers',
  SHARED_APP,
  async ({ page }) => {
    await openAppWithSample(page);
    const big = 'a'.repeat(1 << 20);
    await dropFiles(page, [{ name: 'long.csv', bytes: Buffer.from(`id,content\n1,${big}\n2,short\n`) }]);
    const explore = page.getByRole('tabpanel', { name: 'Explore' });
    await expect(explore.getByRole('columnheader', { name: /^content\b/ })).toBeVisible();
    await explore.getByRole('gridcell', { name: 'short' }).click();
    await explore.getByRole('gridcell', { name: /^a{20}/ }).click();
    const detail = page.getByRole('complementary', { name: 'Selected row' });
    await expect(detail.getByText('Showing the first 4,096 of 1,048,576 characters')).toBeVisible();
    await detail.getByRole('button', { name: 'Show all' }).click();
    const viewer = detail.getByRole('document', { name: 'content, all 1,048,576 characters' });
    await expect(viewer).toBeVisible();
    // Only the lines on screen exist: far fewer than the 8,739 display lines of the value.
    expect(await viewer.locator('.dg-virtual-line').count()).toBeLessThan(200);
    // The page still answers: another view and back.
    await page.getByRole('tab', { name: 'SQL' }).click();
    await expect(page.getByRole('tabpanel', { name: 'SQL' })).toBeVisible();
    await page.getByRole('tab', { name: 'Explore' }).click();
    await expect(viewer).toBeVisible();
  },
);

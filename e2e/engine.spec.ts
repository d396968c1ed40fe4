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

  // A restart (what a crashed or stuck engine gets) instantiates the module the first engine
  // compiled instead of compiling DuckDB's wasm again, and every open file's table comes back.
  const modulesPosted = await page.evaluate(async () => {
    const app = window as unknown as { __memscope: { db: { restart(): Promise<void> } } };
    const post = Worker.prototype.postMessage;
    let posted = 0;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: [never]) {
      if (typeof message === 'object' && message !== null && 'memscopeWasmModule' in message) posted++;
      return post.call(this, message, ...rest);
    } as typeof post;
    try {
      await app.__memscope.db.restart();
    } finally {
      Worker.prototype.postMessage = post;
    }
    return posted;
  });
  expect(modulesPosted).toBe(1);
  await expect(page.getByText(/The SQL engine was restarted/)).toBeVisible();
  await page.getByRole('tab', { name: 'SQL' }).click();
  await editor.fill('SELECT count(*) > 0 AS back FROM experiences');
  await expect(async () => {
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(panel.getByRole('gridcell', { name: 'true' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
});

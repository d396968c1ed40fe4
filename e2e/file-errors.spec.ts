import { test, expect, openAppWithSample, gridRowCount, dropFiles, SHARED_APP } from './support/fixtures';

/** Issue 10 item 7 (CSV and Arrow IPC): errors say what happened, for the kind of file it is. */
test.describe('CSV and Arrow IPC files', SHARED_APP, () => {
  // Each test asserts on the files it opens: the sample stays open between them.

  test('a 0-byte CSV is refused by name, never opened as ready with a column0', async ({ page }) => {
    await openAppWithSample(page);
    await dropFiles(page, [{ name: 'empty.csv', bytes: Buffer.alloc(0) }]);
    await expect(page.getByRole('alert').filter({ hasText: 'empty.csv' })).toContainText(/empty CSV file/);
    const list = page.getByRole('list', { name: 'Loaded files' });
    await expect(list.getByText('experiences.parquet')).toBeVisible();
  });

  test('a ragged CSV opens with its columns and a warning; the header can be switched off', async ({
    page,
  }) => {
    await openAppWithSample(page);
    await dropFiles(page, [{ name: 'ragged.csv', bytes: Buffer.from('a,b,c\n1,2\n3,4,5\n6,7,8\n') }]);
    const settings = page.getByRole('region', { name: 'CSV settings of ragged.csv' });
    await expect(settings.getByRole('status')).toContainText('line 2 has 2 fields where the header has 3');
    const explore = page.getByRole('tabpanel', { name: 'Explore' });
    await expect(explore.getByRole('columnheader', { name: /^a\b/ })).toBeVisible();
    await expect(explore.getByRole('columnheader', { name: 'a,b,c' })).toHaveCount(0);
    await expect.poll(() => gridRowCount(page)).toBe(3);
    await settings.getByLabel('First line is a header').uncheck();
    await settings.getByRole('button', { name: 'Reopen with these settings' }).click();
    await expect.poll(() => gridRowCount(page)).toBe(4);
  });

  test('a damaged Arrow IPC file is described as Arrow, not Parquet', async ({ page }) => {
    await openAppWithSample(page);
    await dropFiles(page, [
      { name: 'cut.arrow', bytes: Buffer.from('ARROW1\0\0 and then the file stops') },
      { name: 'notes.arrow', bytes: Buffer.from('id,name\n1,a\n') },
    ]);
    const cut = page.getByRole('alert').filter({ hasText: 'cut.arrow' });
    await expect(cut).toContainText(/incomplete Arrow IPC file/);
    await expect(cut).not.toContainText(/Parquet file|PAR1|Parquet footer|Parquet decoder/);
    const notes = page.getByRole('alert').filter({ hasText: 'notes.arrow' });
    await expect(notes).toContainText(/not an Arrow IPC file/);
    await expect(notes).not.toContainText(/Parquet file|PAR1|Parquet footer|Parquet decoder/);
  });
});

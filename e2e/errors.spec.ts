import {
  test,
  expect,
  corpusFile,
  openAppWithSample,
  gridRowCount,
  dropFiles,
  SHARED_APP,
} from './support/fixtures';

test.describe('Bad files', SHARED_APP, () => {
  // Each test asserts on the files it opens: the sample stays open between them.

  test('an encrypted file says so, and a good file still opens after it', async ({ page }) => {
    await openAppWithSample(page);
    await page
      .getByLabel('Open files')
      .setInputFiles(corpusFile('parquet-testing/data/uniform_encryption.parquet.encrypted'));
    const alert = page.getByRole('alert').filter({ hasText: 'uniform_encryption.parquet.encrypted' });
    await expect(alert).toContainText(/encrypted/i);
    // The sample is still open and browsable.
    const list = page.getByRole('list', { name: 'Loaded files' });
    await expect(list.getByText('experiences.parquet')).toBeVisible();
    await page.getByLabel('Open files').setInputFiles(corpusFile('parquet-testing/data/binary.parquet'));
    await expect.poll(() => gridRowCount(page)).toBe(12);
  });

  test('a file that is not Parquet is refused with a message naming it', async ({ page }) => {
    await openAppWithSample(page);
    await dropFiles(page, [
      { name: 'notes.parquet', bytes: Buffer.from('these are not parquet bytes at all') },
    ]);
    await expect(page.getByRole('alert').filter({ hasText: 'notes.parquet' })).toContainText(
      /not a Parquet file/i,
    );
  });

  test('fuzzer inputs never take the tab down', async ({ page }) => {
    await openAppWithSample(page);
    const names = [
      'clusterfuzz-testcase-minimized-parquet-arrow-fuzz-5152654819459072.fuzz',
      'clusterfuzz-testcase-minimized-parquet-arrow-fuzz-6189954201092096',
      'clusterfuzz-testcase-parquet-arrow-fuzz-6268365762199552',
    ];
    await page
      .getByLabel('Open files')
      .setInputFiles(names.map((n) => corpusFile(`arrow-testing/data/parquet/fuzzing/${n}`)));
    const list = page.getByRole('list', { name: 'Loaded files' });
    for (const name of names) {
      await expect(list.getByText(name)).toBeVisible();
    }
    await expect(list.locator('.status-reading-footer, .status-loading')).toHaveCount(0, { timeout: 60_000 });
    await page
      .getByLabel('Open files')
      .setInputFiles(corpusFile('parquet-testing/data/alltypes_plain.parquet'));
    await expect.poll(() => gridRowCount(page)).toBe(8);
  });
});

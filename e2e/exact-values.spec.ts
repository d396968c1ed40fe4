import { test, expect, openAppWithSample, dropFiles } from './support/fixtures';

/**
 * Issue 10 item 3: an integer filter above 2^53 stopped Explore with "Do not know how to serialize
 * a BigInt"; 1e400 reached DuckDB as a Conversion Error.
 */
test('an id filter of 2^53 + 1 finds exactly that row; 1e400 is refused before the query', async ({
  page,
}) => {
  await openAppWithSample(page);
  await dropFiles(page, [
    {
      name: 'big-ids.csv',
      bytes: Buffer.from('id,label\n9007199254740992,even\n9007199254740993,odd\n9007199254740994,next\n'),
    },
  ]);
  const explore = page.getByRole('tabpanel', { name: 'Explore' });
  await expect(explore.getByRole('gridcell', { name: 'odd' })).toBeVisible();
  const form = explore.getByRole('form', { name: 'Add a filter' });
  await form.getByLabel('Filter column').selectOption('id');
  await form.getByLabel('Operator').selectOption('=');
  await form.getByLabel('Value').fill('9007199254740993');
  await form.getByRole('button', { name: 'Filter' }).click();
  await expect(explore.getByRole('list', { name: 'Filters' })).toContainText('id = 9007199254740993');
  await expect(explore.getByRole('gridcell', { name: 'odd' })).toBeVisible();
  await expect(explore.getByRole('gridcell', { name: 'even' })).toHaveCount(0);
  await expect(explore.getByRole('gridcell', { name: 'next' })).toHaveCount(0);
  await expect(explore.getByRole('gridcell', { name: '9007199254740993' })).toBeVisible();

  await form.getByLabel('Value').fill('1e400');
  await form.getByRole('button', { name: 'Filter' }).click();
  await expect(form.getByRole('alert')).toContainText(
    '“1e400” is not a whole number; id holds integers (BIGINT)',
  );
  await expect(explore.getByRole('list', { name: 'Filters' }).getByRole('listitem')).toHaveCount(2);
});

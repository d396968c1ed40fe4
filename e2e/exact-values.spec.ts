import { test, expect, openAppWithSample, dropFiles, gridRowCount, SHARED_APP } from './support/fixtures';

/**
 * Issue 10 item 3: an integer filter above 2^53 stopped Explore with "Do not know how to serialize
 * a BigInt"; 1e400 reached DuckDB as a Conversion Error.
 */
test(
  'an id filter of 2^53 + 1 finds exactly that row; 1e400 is refused before the query',
  SHARED_APP,
  async ({ page }) => {
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
  },
);

/**
 * Issue 8 item 7: a date filter DuckDB cannot convert replaced the view with a raw Conversion Error
 * and a "Counting rows…" that never ended, hiding the filter bar.
 */
test(
  'a date filter that is not a date is refused before the query; one DuckDB refuses keeps the view',
  SHARED_APP,
  async ({ page }) => {
    await openAppWithSample(page);
    const explore = page.getByRole('tabpanel', { name: 'Explore' });
    const grid = explore.getByRole('grid');
    const total = await gridRowCount(page);
    const form = explore.getByRole('form', { name: 'Add a filter' });
    await form.getByLabel('Filter column').selectOption('created_at');
    await form.getByLabel('Operator').selectOption('>');
    await form.getByLabel('Value').fill('yesterday');
    await form.getByRole('button', { name: 'Filter' }).click();
    await expect(form.getByRole('alert')).toContainText(
      '“yesterday” is not a date created_at can be compared with',
    );
    await expect(explore.getByRole('list', { name: 'Filters', exact: true })).toHaveCount(0);

    // Past the check (it checks the calendar, not the clock: hour 25 is DuckDB's to refuse): DuckDB's
    // message beside the filter bar, which stays, and the rows stay.
    await form.getByLabel('Value').fill('2024-01-31 25:00');
    await form.getByRole('button', { name: 'Filter' }).click();
    // The message beside the filter bar (the facets, which count under the same filter, may say it too).
    await expect(explore.locator('.ex-view > p.ex-error[role="alert"]')).toBeVisible();
    await expect(form).toBeVisible();
    await expect(grid.getByRole('gridcell').first()).toBeVisible();
    expect(await gridRowCount(page)).toBe(total);
    await expect(explore.getByText('Counting rows…')).toHaveCount(0);

    // Removing the filter clears the message.
    await explore.getByRole('button', { name: /^Remove filter created_at/ }).click();
    await expect(explore.locator('p.ex-error[role="alert"]')).toHaveCount(0);
    await expect.poll(() => gridRowCount(page)).toBe(total);
  },
);

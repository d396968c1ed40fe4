import { test, expect, openAppWithSample, gridRowCount, SHARED_APP } from './support/fixtures';

/**
 * Issue 8 item 3: "Search text" filters the rows whose text columns (content, summary) contain the
 * text, ignoring case, marks the matches in the painted cells, narrows the facets, and Esc clears it.
 */
test.describe.configure({ timeout: 120_000 });

test(
  'Search text filters by the text columns, marks the matches, and Esc clears it',
  SHARED_APP,
  async ({ page }) => {
    await openAppWithSample(page);
    const explore = page.getByRole('tabpanel', { name: 'Explore' });
    const grid = explore.getByRole('grid');
    const total = await gridRowCount(page);

    // A word from the first row's content, typed in another case.
    const contentCol = await grid
      .getByRole('columnheader', { name: 'content' })
      .getAttribute('aria-colindex');
    const firstContent =
      (await grid.locator(`[role="row"][aria-rowindex="2"] [aria-colindex="${contentCol}"]`).textContent()) ??
      '';
    const word = firstContent.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w)) ?? firstContent.slice(0, 5);
    const box = explore.getByRole('searchbox', { name: 'Search text' });
    await box.fill(word.toUpperCase());
    await expect.poll(() => gridRowCount(page)).toBeLessThan(total);
    const shown = await gridRowCount(page);
    expect(shown).toBeGreaterThan(0);
    await expect(
      explore.getByText(
        new RegExp(`^${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`),
      ),
    ).toBeVisible();

    // Every painted row holds the word somewhere in its text columns, and the matches are marked.
    const marks = grid.locator('mark');
    await expect(marks.first()).toBeVisible();
    for (const text of await marks.allTextContents()) expect(text.toLowerCase()).toBe(word.toLowerCase());
    const topic = explore.getByRole('group', { name: 'topic', exact: true });
    const facetTotal = async () =>
      (await topic.getByRole('button').allTextContents())
        .map((t) => Number(/([\d,]+)\s*$/.exec(t.trim())?.[1]?.replace(/,/g, '') ?? 0))
        .reduce((a, b) => a + b, 0);
    await expect.poll(facetTotal).toBe(shown);

    // Text that no row holds: the grid says so where it can be seen, whatever the table's width.
    await box.fill('zzqqxx-no-memory-holds-this');
    await expect.poll(() => gridRowCount(page)).toBe(0);
    const empty = explore.getByText('No rows', { exact: true });
    await expect(empty).toBeVisible();
    const [gridBox, emptyBox] = [await grid.boundingBox(), await empty.boundingBox()];
    expect(emptyBox && gridBox).toBeTruthy();
    if (emptyBox && gridBox) {
      const centre = emptyBox.x + emptyBox.width / 2;
      expect(centre).toBeGreaterThan(gridBox.x);
      expect(centre).toBeLessThan(gridBox.x + gridBox.width);
    }

    await box.press('Escape');
    await expect(box).toHaveValue('');
    await expect.poll(() => gridRowCount(page)).toBe(total);
    await expect(grid.locator('mark')).toHaveCount(0);
  },
);

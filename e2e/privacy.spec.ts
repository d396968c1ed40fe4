import { test, expect, openAppWithSample } from './support/fixtures';

// The fixture in support/fixtures.ts fails any test that sends a request to another origin. This
// spec walks through every view so that the check covers start-up, DuckDB, the workers and Plans.
test('every view works offline and asks only the app origin', async ({ page, guard, baseURL }) => {
  const seen: string[] = [];
  page.context().on('request', (r) => seen.push(r.url()));
  await openAppWithSample(page);
  for (const tab of ['SQL', 'Plans', 'Explore']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tabpanel', { name: tab })).toBeVisible();
  }
  expect(seen.length).toBeGreaterThan(0);
  const origin = new URL(baseURL ?? '').origin;
  expect(
    seen.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')),
  ).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});

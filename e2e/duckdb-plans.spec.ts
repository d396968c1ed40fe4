import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';

/**
 * DuckDB's plans in the Plans view, as a user gets them: "Profile" in the SQL editor, a profile
 * file opened with the picker or dropped, two runs of one query compared, and the exported plan
 * summary read back against the numbers on screen. No files are needed: DuckDB's range() is the data.
 */

// A native DuckDB 1.x profile (PRAGMA enable_profiling='json'), hand-written; the unit tests read it too.
const NATIVE_PROFILE = fileURLToPath(
  new URL('../docs/formats/examples/duckdb-profile-native.json', import.meta.url),
);

const QUERY = (filter: string) =>
  `SELECT a.range % 10 AS k, count(*) AS n FROM range(200000) a JOIN range(5000) b ON a.range % 5000 = b.range WHERE a.range ${filter} GROUP BY k ORDER BY k`;

async function profileInEditor(page: Page, sql: string) {
  await page.getByRole('tab', { name: 'SQL' }).click();
  await page.getByLabel('SQL query').fill(sql);
  await page.getByRole('button', { name: 'Profile', exact: true }).click();
  // "Profile" switches to the Plans tab once the plan is back.
  await expect(page.getByRole('tab', { name: 'Plans' })).toHaveAttribute('aria-selected', 'true', {
    timeout: 60_000,
  });
}

const summaryCell = (page: Page, label: string) =>
  page
    .getByRole('table', { name: 'Plan summary' })
    .getByRole('row', { name: new RegExp(`^${label}`) })
    .locator('td');

test.describe('DuckDB plans', () => {
  test('"Profile" in the SQL editor opens the query plan in Plans, linked to its SQL', async ({ page }) => {
    await page.goto('/?sample=0');
    const sql = QUERY('> 10');
    await profileInEditor(page, sql);
    await expect(page.getByRole('heading', { level: 2, name: 'Profile 1' })).toBeVisible();
    await expect(page.getByLabel('Profiled query')).toHaveText(sql);
    const graph = page.getByRole('group', { name: 'Plan Profile 1' });
    await expect(graph).toBeVisible();
    await expect(page.getByText(/laid out in [\d,]+ ms/)).toBeVisible({ timeout: 30_000 });
    // One node per operator; the EXPLAIN_ANALYZE wrapper is not one of them.
    await expect(graph.getByRole('button', { name: /^HASH_JOIN \d+/ })).toBeVisible();
    await expect(graph.getByRole('button', { name: /^EXPLAIN_ANALYZE/ })).toHaveCount(0);
    await expect(summaryCell(page, 'Hottest operator')).not.toHaveText('not measured');
    // Every field of the selected operator.
    await graph.getByRole('button', { name: /^HASH_JOIN \d+/ }).click();
    const details = page.getByRole('region', { name: 'Operator details' });
    await expect(details).toContainText('operator_timing');
    await expect(details).toContainText('operator_cardinality');
    await expect(details).toContainText('Conditions');
  });

  test('a profile file opens through the picker and by drop; other JSON is refused with the formats', async ({
    page,
  }) => {
    await page.goto('/?sample=0');
    await page.getByRole('tab', { name: 'Plans' }).click();
    const picker = page.getByLabel('Open plan or schedule');
    await picker.setInputFiles({
      name: 'profile.json',
      mimeType: 'application/json',
      buffer: await readFile(NATIVE_PROFILE),
    });
    await expect(page.getByRole('heading', { level: 2, name: 'profile.json' })).toBeVisible();
    await expect(page.getByText('DuckDB profile (1.x)')).toBeVisible();
    const totals = page.getByRole('table', { name: 'Query totals' });
    await expect(totals.getByRole('row', { name: /^Latency/ })).toContainText('0.0123 s');
    await expect(totals.getByRole('row', { name: /^Peak buffer memory/ })).toContainText('262,144 B');
    await expect(summaryCell(page, 'Hottest operator')).toHaveText('HASH_GROUP_BY #1');
    await expect(summaryCell(page, 'Worst misestimate')).toHaveText('HASH_GROUP_BY: estimated 200, actual 7');
    await expect(
      page.getByRole('group', { name: 'Legend' }).getByText('Misestimate beyond 10×'),
    ).toBeVisible();

    // Dropped on the view: the older name/timing/cardinality shape, recognized by content.
    const legacy = {
      name: 'Query',
      timing: 0.5,
      children: [{ name: 'FILTER', timing: 0.5, cardinality: 3, extra_info: 'x > 1', children: [] }],
    };
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'old-profile.json', { type: 'application/json' }));
      return dt;
    }, JSON.stringify(legacy));
    for (const type of ['dragenter', 'dragover', 'drop'])
      await page.locator('section.plans').dispatchEvent(type, { dataTransfer });
    await expect(page.getByRole('heading', { level: 2, name: 'old-profile.json' })).toBeVisible();
    await expect(page.getByText('DuckDB profile (older format)')).toBeVisible();

    await picker.setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": "world"}'),
    });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('neither an executor schedule nor a DuckDB plan');
    await expect(alert).toContainText("PRAGMA enable_profiling='json'");
    // What was open stays open.
    await expect(page.getByRole('heading', { level: 2, name: 'old-profile.json' })).toBeVisible();
  });

  test('two runs of one query with a different filter compare operator by operator', async ({ page }) => {
    await page.goto('/?sample=0');
    await profileInEditor(page, QUERY('> 10'));
    await expect(page.getByRole('heading', { level: 2, name: 'Profile 1' })).toBeVisible();
    await profileInEditor(page, QUERY('> 190000'));
    await expect(page.getByRole('heading', { level: 2, name: 'Profile 2' })).toBeVisible();

    const history = page.getByRole('table', { name: 'Plan history' });
    await expect(history.getByRole('row')).toHaveCount(3);
    await expect(history).toContainText('> 190000');
    await expect(page.getByLabel('First plan')).toHaveValue('1');
    await expect(page.getByLabel('Second plan')).toHaveValue('2');
    await page.getByRole('button', { name: 'Compare plans' }).click();

    const comparison = page.getByRole('region', { name: 'Plan comparison' });
    await expect(comparison.getByLabel('Verdict')).toHaveText(/\S/);
    const table = comparison.getByRole('table', { name: 'Operator comparison' });
    const join = table.getByRole('row', { name: /^HASH_JOIN #\d+/ });
    await expect(join).toHaveCount(1);
    // Same query shape: nothing added or removed.
    await expect(table.getByRole('cell', { name: 'added', exact: true })).toHaveCount(0);
    await expect(table.getByRole('cell', { name: 'removed', exact: true })).toHaveCount(0);
    // The filter keeps 9,999 of 200,000 rows: the filtered scan's rows went down by the difference.
    const cells = (await join.locator('td').allTextContents()).map((t) => t.trim());
    const rowsFirst = Number(cells[4]!.replace(/,/g, ''));
    const rowsSecond = Number(cells[5]!.replace(/,/g, ''));
    expect(rowsFirst).toBe(199_989);
    expect(rowsSecond).toBe(9_999);
    expect(cells[6]).toBe(`−${(rowsFirst - rowsSecond).toLocaleString('en-US')}`);
  });

  test('the exported plan summary equals the numbers on screen', async ({ page }) => {
    await page.goto('/?sample=0');
    await profileInEditor(page, QUERY('> 10'));
    await expect(page.getByRole('table', { name: 'Plan summary' })).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export plan summary (JSON)' }).click();
    const summary = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as {
      source: string;
      operators: number;
      total_operator_seconds: number;
      hottest_operator: string;
      max_cardinality: number;
      worst_misestimate: { operator_type: string; estimated: number; actual: number } | null;
      query_latency_seconds: number | null;
    };
    expect(Object.keys(summary).sort()).toEqual(
      [
        'source',
        'operators',
        'total_operator_seconds',
        'hottest_operator',
        'max_cardinality',
        'worst_misestimate',
        'query_latency_seconds',
      ].sort(),
    );
    expect(summary.source).toBe('duckdb');
    const text = async (label: string) => ((await summaryCell(page, label).textContent()) ?? '').trim();
    expect(Number((await text('Operators')).replace(/,/g, ''))).toBe(summary.operators);
    const seconds = Number((await text('Total operator time')).replace(/ s$/, ''));
    expect(seconds).toBeCloseTo(summary.total_operator_seconds, 5);
    expect(await text('Hottest operator')).toMatch(new RegExp(`^${summary.hottest_operator} #\\d+$`));
    expect(await text('Largest cardinality')).toBe(`${summary.max_cardinality.toLocaleString('en-US')} rows`);
    const worst = summary.worst_misestimate;
    expect(await text('Worst misestimate')).toBe(
      worst === null
        ? 'none'
        : `${worst.operator_type}: estimated ${worst.estimated.toLocaleString('en-US')}, actual ${worst.actual.toLocaleString('en-US')}`,
    );
    // EXPLAIN ANALYZE reports no query latency (DuckDB gives 0 there).
    expect(summary.query_latency_seconds).toBeNull();
    expect(await text('Query latency')).toBe('not reported');
  });

  test('"Profile every query" adds each query\'s plan to the history without leaving the editor', async ({
    page,
  }) => {
    await page.goto('/?sample=0');
    await page.getByRole('tab', { name: 'SQL' }).click();
    await page.getByLabel('Profile every query').check();
    const editor = page.getByLabel('SQL query');
    const panel = page.getByRole('tabpanel', { name: 'SQL' });
    // The editor's own status line (the result grid has a status region too).
    const status = panel.locator('.sql-panel__status');
    for (const [sql, done] of [
      ['SELECT 41 + 1 AS answer', '1 row in'],
      ['SELECT range FROM range(10) WHERE range > 6', '3 rows in'],
    ] as const) {
      await editor.fill(sql);
      await page.getByRole('button', { name: 'Run' }).click();
      await expect(status).toContainText(done);
    }
    // DDL is never profiled (EXPLAIN ANALYZE would run it again).
    await editor.fill('CREATE TABLE kept AS SELECT 1 AS x');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(status).not.toHaveText('Running…');
    await expect(status).not.toContainText('3 rows in');
    await expect(page.getByRole('tab', { name: 'SQL' })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('tab', { name: 'Plans' }).click();
    const history = page.getByRole('table', { name: 'Plan history' });
    await expect(history.getByRole('row')).toHaveCount(3);
    await expect(history).toContainText('SELECT 41 + 1 AS answer');
    await expect(history).toContainText('WHERE range > 6');
    await expect(history).not.toContainText('CREATE TABLE');
  });
});

import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, gridRowCount, openAppWithSample, SHARED_APP } from './support/fixtures';

/**
 * The Similar view, driven by the names its test contract gives: a tab "Similar", a text box
 * "Query" (an id or a vector; Enter runs), a box "k", the results grid "Similar memories" and
 * "Export results (CSV)".
 */

const results = (page: Page) => page.getByRole('grid', { name: 'Similar memories' });

/** Column `name` of the results grid, data rows 0..n-1, as painted. */
async function column(page: Page, name: RegExp, n: number): Promise<string[]> {
  const header = results(page).getByRole('columnheader', { name });
  await header.scrollIntoViewIfNeeded();
  const col = await header.getAttribute('aria-colindex');
  const out: string[] = [];
  for (let r = 0; r < n; r++) {
    const row = results(page).locator(`[role="row"][aria-rowindex="${r + 2}"]`);
    out.push((await row.locator(`[role="gridcell"][aria-colindex="${col}"]`).textContent()) ?? '');
  }
  return out;
}

/** Clicks "Export results (CSV)": the downloaded file's lines and its header's names. */
async function exportCsv(page: Page): Promise<{ csv: string[]; header: string[] }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export results (CSV)' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split(/\r?\n/);
  return { csv, header: csv[0]?.split(',') ?? [] };
}

/** Selects row 1 in Explore and clicks "Find similar" in its detail: the results, the query first. */
async function findSimilarFromRow1(page: Page) {
  await page
    .getByRole('grid')
    .locator('[role="row"][aria-rowindex="3"]')
    .getByRole('gridcell')
    .first()
    .click();
  const detail = page.getByRole('complementary', { name: 'Selected row' });
  await detail.getByRole('button', { name: 'Find similar' }).click();
  await expect(results(page)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/row 1 is the query, shown first/)).toBeVisible();
}

/**
 * What the map's canvas paints: pixels painted, those of colour `rgb` (opaque enough to read it
 * back exactly), and which cells of a 24 × 16 grid hold paint (the arrangement of the points).
 */
async function painted(map: Locator, rgb: [number, number, number] | null = null) {
  return map.evaluate((el, rgb) => {
    const canvas = el as HTMLCanvasElement;
    const d = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    const cells = new Array<number>(24 * 16).fill(0);
    let paint = 0;
    let matching = 0;
    for (let i = 0; i + 3 < d.length; i += 4) {
      if (!d[i + 3]) continue;
      paint++;
      const p = i / 4;
      const cx = Math.floor(((p % canvas.width) / canvas.width) * 24);
      const cy = Math.floor((Math.floor(p / canvas.width) / canvas.height) * 16);
      cells[cy * 24 + cx] = 1;
      if (
        rgb &&
        (d[i + 3] as number) >= 180 &&
        Math.abs((d[i] as number) - rgb[0]) <= 4 &&
        Math.abs((d[i + 1] as number) - rgb[1]) <= 4 &&
        Math.abs((d[i + 2] as number) - rgb[2]) <= 4
      )
        matching++;
    }
    return { paint, matching, cells };
  }, rgb);
}

test.describe('Similar', SHARED_APP, () => {
  test.setTimeout(120_000);

  test('a memory id finds its neighbours: the query first, the rest of its topic, exportable as CSV', async ({
    page,
  }) => {
    await openAppWithSample(page);
    // The id of the first memory, as Explore paints it.
    const explore = page.getByRole('grid');
    const idHeader = explore.getByRole('columnheader', { name: /^memory_id/ });
    const idCol = await idHeader.getAttribute('aria-colindex');
    const firstId =
      (await explore
        .locator('[role="row"][aria-rowindex="2"]')
        .locator(`[role="gridcell"][aria-colindex="${idCol}"]`)
        .textContent()) ?? '';
    expect(firstId).not.toBe('');

    await page.getByRole('tab', { name: 'Similar' }).click();
    await expect(page.getByLabel('k', { exact: true })).toHaveValue('10');
    const query = page.getByRole('textbox', { name: 'Query' });
    await query.fill(firstId);
    await query.press('Enter');
    await expect(results(page)).toBeVisible({ timeout: 60_000 });
    await expect(results(page)).toHaveAttribute('aria-rowcount', '11');
    const ids = await column(page, /^memory_id/, 10);
    expect(ids[0]).toBe(firstId);
    const scores = (await column(page, /^score/, 10)).map(Number);
    expect(scores[0]).toBeCloseTo(1, 4);
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThanOrEqual(scores[i - 1] as number);
    // The sample's embeddings cluster by topic: the nearest memories share the query's topic.
    const topics = await column(page, /^topic/, 10);
    expect(topics.slice(1).filter((t) => t === topics[0]).length).toBeGreaterThanOrEqual(7);

    const { csv, header } = await exportCsv(page);
    expect(header.slice(0, 2)).toEqual(['rank', 'score']);
    expect(header).toContain('memory_id');
    expect(csv).toHaveLength(11);
    const idAt = header.indexOf('memory_id');
    expect(csv.slice(1).map((line) => line.split(',')[idAt]?.replace(/^"|"$/g, ''))).toEqual(ids);
  });

  test('a pasted vector of the wrong dimension names both dimensions', async ({ page }) => {
    await openAppWithSample(page);
    await page.getByRole('tab', { name: 'Similar' }).click();
    const query = page.getByRole('textbox', { name: 'Query' });
    await query.fill('[0.1, 0.2, 0.3]');
    await query.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: /384/ })).toContainText(/\b3\b/);
    // The view is still usable: a valid query after the error runs.
    await query.fill('');
  });

  // Before any "Find similar" on a row: the Similar tab would start that row's search as it opens,
  // and its answer could replace this test's.
  test('one search covers every open file of one dimension: each result names its file, and opens it', async ({
    page,
  }) => {
    await openAppWithSample(page);
    await page.getByRole('tab', { name: 'Similar' }).click();
    // The sample's four category files all hold 384-d embeddings: one search can cover them.
    const all = page.getByRole('checkbox', { name: 'Search all 4 open files with 384-d vectors' });
    await all.check();
    await page.getByLabel('k', { exact: true }).fill('40');
    const query = page.getByRole('textbox', { name: 'Query' });
    await query.fill(JSON.stringify(Array.from({ length: 384 }, (_, i) => Math.cos(i / 7))));
    await query.press('Enter');
    // Searched as it was asked once every file's index is complete: 1,280 + 960 + 640 + 320 rows.
    await expect(
      page.getByText(
        '40 results for pasted vector; searched 3,200 vectors in 4 files, covering 3,200 of 3,200 rows; 0 rows skipped as bad vectors.',
      ),
    ).toBeVisible({ timeout: 60_000 });
    await expect(results(page)).toHaveAttribute('aria-rowcount', '41');
    const painted = 8;
    const files = await column(page, /^file/, painted);
    const sampleFiles = ['experiences.parquet', 'knowledge.parquet', 'skills.parquet', 'preferences.parquet'];
    for (const f of files) expect(sampleFiles).toContain(f);
    expect(new Set(files).size).toBeGreaterThanOrEqual(2);
    const scores = (await column(page, /^score/, painted)).map(Number);
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThanOrEqual(scores[i - 1] as number);
    const ids = await column(page, /^memory_id/, painted);
    for (const id of ids) expect(id).toMatch(/\S/);
    // The histogram is of every searched row of the four files.
    await expect(page.getByRole('figure', { name: 'Score distribution' })).toContainText(
      'of 3,200 memories against the query',
    );

    // The CSV names each result's file, as painted.
    const { csv, header } = await exportCsv(page);
    expect(header.slice(0, 4)).toEqual(['rank', 'score', 'file', '__row']);
    expect(csv).toHaveLength(41);
    const cell = (line: string | undefined, name: string) =>
      line?.split(',')[header.indexOf(name)]?.replace(/^"|"$/g, '');
    expect(csv.slice(1, painted + 1).map((line) => cell(line, 'file'))).toEqual(files);
    expect(csv.slice(1, painted + 1).map((line) => cell(line, 'memory_id'))).toEqual(ids);

    // A result of another file opens that file in Explore, its row selected.
    const other = files.findIndex((f) => f !== 'experiences.parquet');
    expect(other).toBeGreaterThanOrEqual(0);
    await results(page)
      .locator(`[role="row"][aria-rowindex="${other + 2}"]`)
      .getByRole('gridcell')
      .first()
      .click();
    await expect(page.getByRole('tab', { name: 'Explore' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${files[other]}`) })).toBeVisible();
    const detail = page.getByRole('complementary', { name: 'Selected row' });
    await expect(detail).toBeVisible({ timeout: 30_000 });
    await expect(detail).toContainText(ids[other] as string);
  });

  test('"Find similar" in a row\'s detail searches from that row', async ({ page }) => {
    await openAppWithSample(page);
    await findSimilarFromRow1(page);
    await expect(page.getByRole('tab', { name: 'Similar' })).toHaveAttribute('aria-selected', 'true');
  });

  test('the grid\'s row menu, from the keyboard: "Find similar" and "Show details"', async ({ page }) => {
    await openAppWithSample(page);
    const grid = page.getByRole('grid');
    // The first row becomes the active row from the keyboard, its detail opens; Esc closes it.
    await grid.focus();
    await grid.press('ArrowDown');
    const detail = page.getByRole('complementary', { name: 'Selected row' });
    await expect(detail).toBeVisible();
    await grid.press('Escape');
    await expect(detail).toHaveCount(0);
    // The active row shows its "Row actions" button; Shift+F10 opens the menu, focus on its first item.
    const firstRow = grid.locator('[role="row"][aria-rowindex="2"]');
    const button = page.getByRole('button', { name: 'Row actions' });
    await expect(button).toBeVisible();
    await grid.press('Shift+F10');
    const menu = page.getByRole('menu', { name: 'Row 0' });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitem')).toHaveText(['Find similar', 'Show details']);
    await expect(menu.getByRole('menuitem', { name: 'Find similar' })).toBeFocused();
    // Painted below the row it belongs to, over the grid, on an opaque background.
    const rowBox = (await firstRow.boundingBox())!;
    const menuBox = (await menu.boundingBox())!;
    expect(menuBox.y).toBeGreaterThanOrEqual(rowBox.y + rowBox.height - 1);
    expect(menuBox.x).toBeLessThan(rowBox.x + 80);
    expect(await menu.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toMatch(
      /rgba\(0, 0, 0, 0\)|transparent/,
    );
    // Arrows move between the items; Esc closes the menu (not the page's other things), focus back on the grid.
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Show details' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveCount(0);
    await expect(detail).toBeVisible();
    await expect(detail.getByRole('heading', { name: 'Row 0' })).toBeVisible();
    await expect(grid).toBeFocused();
    // The context-menu key opens it again; Enter on "Find similar" searches from that row.
    await grid.press('ContextMenu');
    await expect(menu).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(detail).toBeVisible();
    await grid.press('ContextMenu');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Similar' })).toHaveAttribute('aria-selected', 'true');
    await expect(results(page)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/row 0 is the query, shown first/)).toBeVisible();
  });

  // Last of this file's shared tests: it draws the map and switches it to UMAP, which the page keeps;
  // the shared tests after it (other files) draw no map.
  test('the map: the legend hides what it paints, a lasso selects, the keyboard steps through the results, UMAP redraws the sample', async ({
    page,
  }) => {
    await openAppWithSample(page);
    await findSimilarFromRow1(page);
    const ids = await column(page, /^memory_id/, 3);
    await page.getByRole('button', { name: /^Draw the map/ }).click();
    const map = page.locator('canvas[aria-label^="Map of"]');
    await expect(map).toBeVisible({ timeout: 60_000 });
    const legend = page.getByRole('list', { name: 'Map legend' });
    await expect
      .poll(async () => legend.getByRole('listitem').count(), { timeout: 30_000 })
      .toBeGreaterThan(1);
    await map.scrollIntoViewIfNeeded();

    // The legend: hiding a value takes its colour off the canvas; showing it brings it back.
    const entry = legend.getByRole('button').first();
    const rgb = (
      await entry.locator('.similar-map-swatch').evaluate((el) => getComputedStyle(el).backgroundColor)
    )
      .match(/\d+/g)
      ?.slice(0, 3)
      .map(Number) as [number, number, number];
    await expect
      .poll(async () => (await painted(map, rgb)).matching, { timeout: 15_000 })
      .toBeGreaterThan(20);
    const before = await painted(map, rgb);
    await entry.click();
    await expect(entry).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(async () => (await painted(map, rgb)).matching).toBe(0);
    expect((await painted(map)).paint).toBeLessThan(before.paint);
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(async () => (await painted(map, rgb)).matching).toBeGreaterThan(20);

    // A lasso (Lasso mode): the upper-right triangle of the map's right half selects fewer memories
    // than the box around that half, and some.
    const area = (await map.boundingBox())!;
    const at = (fx: number, fy: number) => [area.x + area.width * fx, area.y + area.height * fy] as const;
    const selected = page.getByText(/^[\d,]+ memor(y|ies) selected\./);
    const count = async () => Number(((await selected.textContent()) ?? '').replace(/[^\d]/g, ''));
    await page.getByRole('button', { name: 'Lasso' }).click();
    await page.mouse.move(...at(0.5, 0.01));
    await page.mouse.down();
    await page.mouse.move(...at(0.99, 0.01), { steps: 8 });
    await page.mouse.move(...at(0.99, 0.99), { steps: 8 });
    await page.mouse.move(...at(0.5, 0.01), { steps: 8 });
    await page.mouse.up();
    await expect(selected).toBeVisible();
    const lassoed = await count();
    await page.getByRole('button', { name: 'Select a box' }).click();
    await page.mouse.move(...at(0.5, 0.01));
    await page.mouse.down();
    await page.mouse.move(...at(0.99, 0.99), { steps: 5 });
    await page.mouse.up();
    await expect.poll(count).not.toBe(lassoed);
    expect(lassoed).toBeGreaterThan(0);
    expect(lassoed).toBeLessThan(await count());
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await page.getByRole('button', { name: 'Pan' }).click();

    // The keyboard: Tab into the map, N steps to the query then its results (the mouse's tooltip,
    // and a live text), P back, Enter opens the point's row.
    await page.getByRole('button', { name: 'Reset view' }).focus();
    await page.keyboard.press('Tab');
    await expect(map).toBeFocused();
    const tipId = page.getByRole('tooltip').locator('.similar-map-tooltip-id');
    const live = page.locator('.similar-map [aria-live="polite"]');
    await page.keyboard.press('n');
    await expect(tipId).toHaveText(ids[0] as string);
    await expect(live).toHaveText(`${ids[0]}: the query, rank 1, point 1 of 10. Enter opens it.`);
    await page.keyboard.press('n');
    await expect(tipId).toHaveText(ids[1] as string);
    await expect(live).toHaveText(`${ids[1]}: rank 2, point 2 of 10. Enter opens it.`);
    await page.keyboard.press('Alt+ArrowRight');
    await expect(tipId).toHaveText(ids[2] as string);
    await page.keyboard.press('p');
    await expect(tipId).toHaveText(ids[1] as string);

    // UMAP of the sample's 1,280 memories: another arrangement of the points, and it says what it projected.
    const pca = await painted(map);
    await page.getByLabel('Projection').selectOption('umap');
    await expect(page.getByText('UMAP of every indexed memory (1,280).')).toBeVisible({ timeout: 60_000 });
    await expect(map).toHaveAttribute('aria-label', /^Map of 1,280 memories \(UMAP\)/);
    await expect.poll(async () => (await painted(map)).paint).toBeGreaterThan(0);
    const umap = await painted(map);
    const moved = umap.cells.filter((c, i) => c !== pca.cells[i]).length;
    expect(moved).toBeGreaterThan(0.15 * pca.cells.filter((c) => c).length);

    // The keyboard in the UMAP map: the second result; Enter opens it as a click does (Explore).
    await map.focus();
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await expect(tipId).toHaveText(ids[1] as string);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Explore' })).toHaveAttribute('aria-selected', 'true');
    // ...with that memory selected and shown in full.
    const opened = page.getByRole('complementary', { name: 'Selected row' });
    await expect(opened).toBeVisible({ timeout: 30_000 });
    await expect(opened).toContainText(ids[1] as string);
  });
});

test.describe('Similar with Explore', () => {
  // Its own app: it draws the map afresh, and the shared page keeps the one an earlier test drew.
  test.setTimeout(180_000);

  test('"Only rows matching the Explore filter" searches the filtered rows; "Show in Explore" filters to a map selection', async ({
    page,
  }) => {
    await openAppWithSample(page);
    const topic = page.getByRole('group', { name: 'topic', exact: true });
    // Every topic of the file with its count, as the facet paints them before any filter (once
    // its counts are in: they add up to the file's rows).
    const readFacet = async () => {
      const counts = new Map<string, number>();
      for (const text of await topic.getByRole('button').allTextContents()) {
        const m = /^\s*(.*?)\s*([\d,]+)\s*$/.exec(text);
        if (m) counts.set(m[1] as string, Number((m[2] as string).replace(/,/g, '')));
      }
      return counts;
    };
    const fileRows = await gridRowCount(page);
    await expect
      .poll(async () => [...(await readFacet()).values()].reduce((a, b) => a + b, 0))
      .toBe(fileRows);
    const facetCounts = await readFacet();
    expect(facetCounts.size).toBeGreaterThan(1);
    const value = ((await topic.getByRole('button').nth(2).textContent()) ?? '')
      .replace(/\s*[\d,]+\s*$/, '')
      .trim();
    await topic.getByRole('button').nth(2).click();
    await expect(page.getByRole('list', { name: 'Active facet filters' })).toContainText(value);

    await page.getByRole('tab', { name: 'Similar' }).click();
    // The index is built once the tab opens: search when every row is indexed.
    await expect(page.locator('.similar-status')).not.toContainText('Indexing', { timeout: 60_000 });
    const only = page.getByRole('checkbox', { name: 'Only rows matching the Explore filter' });
    await only.check();
    await page.getByLabel('k', { exact: true }).fill('25');
    // A vector query (not a row of the topic): the results may only come from the filtered rows.
    const query = page.getByRole('textbox', { name: 'Query' });
    await query.fill(JSON.stringify(Array.from({ length: 384 }, (_, i) => Math.sin(i))));
    await query.press('Enter');
    await expect(results(page)).toHaveAttribute('aria-rowcount', '26', { timeout: 60_000 });
    await expect(page.getByText(/^25 results for pasted vector; searched [\d,]+ vectors/)).toBeVisible();
    // The painted rows (the grid is virtualized): every one of the filtered topic.
    const topics = await column(page, /^topic/, 6);
    expect(new Set(topics)).toEqual(new Set([value]));

    // The map, coloured by topic (the file has one category): the legend lists the file's topics
    // with the facet's counts, and they add up to every memory on the map.
    await page.getByRole('button', { name: /^Draw the map/ }).click();
    const map = page.locator('canvas[aria-label^="Map of"]');
    await expect(map).toBeVisible({ timeout: 60_000 });
    const mapped = Number(
      ((await map.getAttribute('aria-label')) ?? '').replace(/^Map of ([\d,]+).*$/s, '$1').replace(/,/g, ''),
    );
    await expect(page.getByLabel('Colour by')).toHaveValue('topic');
    const legend = page.getByRole('list', { name: 'Map legend' });
    await expect(legend.getByRole('listitem')).toHaveCount(facetCounts.size, { timeout: 30_000 });
    const legendCounts = new Map<string, number>();
    for (const item of await legend.getByRole('listitem').all()) {
      const label = (await item.locator('.similar-map-legend-label').textContent()) ?? '';
      legendCounts.set(
        label,
        Number(((await item.locator('.similar-map-legend-count').textContent()) ?? '').replace(/,/g, '')),
      );
    }
    expect(legendCounts).toEqual(facetCounts);
    expect([...legendCounts.values()].reduce((a, b) => a + b, 0)).toBe(mapped);
    expect(mapped).toBe(fileRows);

    // Hovering a point shows its id (and its first words): an id of the file, which a search finds.
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const tip = page.getByRole('tooltip');
    let hovered = false;
    for (let gy = 0.1; gy < 0.95 && !hovered; gy += 0.04) {
      for (let gx = 0.05; gx < 0.96 && !hovered; gx += 0.03) {
        await page.mouse.move(box.x + box.width * gx, box.y + box.height * gy);
        hovered = (await tip.count()) > 0;
      }
    }
    expect(hovered).toBe(true);
    const tipId = tip.locator('.similar-map-tooltip-id');
    await expect(tipId).not.toHaveText('…');
    const hoveredId = ((await tipId.textContent()) ?? '').trim();
    expect(hoveredId).toMatch(/\S/);
    await only.uncheck();
    await query.fill(hoveredId);
    await query.press('Enter');
    await expect(
      page.getByText(
        new RegExp(`for memory ${hoveredId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(row \\d+ is the query`),
      ),
    ).toBeVisible({ timeout: 30_000 });
    expect((await column(page, /^memory_id/, 1))[0]).toBe(hoveredId);

    // A box over the right half of the map (Select mode) selects memories; Show in Explore makes them Explore's filter.
    await page.getByRole('button', { name: 'Select a box' }).click();
    await expect(page.getByRole('button', { name: 'Select a box' })).toHaveAttribute('aria-pressed', 'true');
    await map.scrollIntoViewIfNeeded();
    const area = (await map.boundingBox())!;
    await page.mouse.move(area.x + area.width * 0.5, area.y + 2);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width - 2, area.y + area.height - 2, { steps: 5 });
    await page.mouse.up();
    const selected = page.getByText(/^[\d,]+ memories selected\./);
    await expect(selected).toBeVisible();
    const n = Number(((await selected.textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(n).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Show in Explore' }).click();
    await expect(page.getByRole('tab', { name: 'Explore' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('list', { name: 'Filters', exact: true })).toContainText(
      `${n.toLocaleString('en-US')} selected row${n === 1 ? '' : 's'}`,
    );
    await expect
      .poll(async () => Number(await page.getByRole('grid').getAttribute('aria-rowcount')) - 1)
      .toBe(n);
    // The map is kept while the file is open: back on Similar it is there, with its colours.
    await page.getByRole('tab', { name: 'Similar' }).click();
    await expect(map).toBeVisible();
    await expect(page.getByRole('button', { name: /^Draw the map/ })).toHaveCount(0);
    await expect(legend.getByRole('listitem')).toHaveCount(facetCounts.size);
  });
});

import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm/esm';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { test, expect, openAppWithSample, gridRowCount, SHARED_APP } from './support/fixtures';

/** A facet's values and counts as its buttons name them ("value count"). */
async function facetCounts(facet: Locator): Promise<Map<string, number>> {
  const names = await facet.getByRole('button').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  const out = new Map<string, number>();
  for (const name of names) {
    const m = /^(.*)\s([\d,]+)$/.exec(name.trim());
    if (m) out.set(m[1]!.trim(), Number(m[2]!.replace(/,/g, '')));
  }
  return out;
}

const startsWith = (value: string) => new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `);

// The machine running e2e is shared and slow: these tests do several DuckDB round trips each.
test.describe.configure({ timeout: 180_000 });

const facet = (page: Page, column: string) => page.getByRole('group', { name: column, exact: true });

test.describe('Facets', SHARED_APP, () => {
  test('a facet click filters the table and the other facets, and Clear all undoes it', async ({ page }) => {
    await openAppWithSample(page);
    const total = await gridRowCount(page);
    const topic = facet(page, 'topic');
    const category = facet(page, 'category');
    const entities = facet(page, 'entities');
    await expect(topic.getByRole('button').first()).toBeVisible();
    await expect(entities.getByRole('button').first()).toBeVisible();
    await expect(category.getByRole('button').first()).toBeVisible();

    const topicCounts = await facetCounts(topic);
    expect([...topicCounts.values()].reduce((a, b) => a + b, 0)).toBe(total);
    const entitiesBefore = await facetCounts(entities);
    // Pick the second most frequent topic: its count is not the total.
    const [value, count] = [...topicCounts.entries()][1]!;
    expect(count).toBeLessThan(total);

    await topic.getByRole('button', { name: startsWith(value) }).click();
    await expect(topic.getByRole('button', { name: startsWith(value) })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect.poll(() => gridRowCount(page)).toBe(count);
    // The other facets count only the rows that remain; the topic facet keeps its own counts.
    await expect
      .poll(async () => [...(await facetCounts(category)).values()].reduce((a, b) => a + b, 0))
      .toBe(count);
    await expect
      .poll(async () => JSON.stringify([...(await facetCounts(entities)).entries()]))
      .not.toBe(JSON.stringify([...entitiesBefore.entries()]));
    expect(await facetCounts(topic)).toEqual(topicCounts);

    // A second facet narrows further, and shows as a chip.
    const entity = [...(await facetCounts(entities)).entries()][0]!;
    await entities.getByRole('button', { name: startsWith(entity[0]) }).click();
    await expect.poll(() => gridRowCount(page)).toBe(entity[1]);
    await expect(page.getByRole('button', { name: `Remove entities: ${entity[0]}` })).toBeVisible();
    // The pointer entered the panel at the first click, so the facet cube was built: these counts
    // come from it (docs/explore.md, "Facets at scale"), and must be DuckDB's.
    await expect(page.getByRole('complementary', { name: 'Facets' })).toHaveAttribute(
      'data-counted-by',
      'cube',
    );

    await page.getByRole('button', { name: `Remove topic: ${value}` }).click();
    await expect.poll(() => gridRowCount(page)).toBe(entitiesBefore.get(entity[0]));
    // The entities facet leaves its own selection out: with the topic gone it counts as at first.
    await expect
      .poll(async () => [...(await facetCounts(entities)).entries()])
      .toEqual([...entitiesBefore.entries()]);
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(() => gridRowCount(page)).toBe(total);
  });

  test('the entities facet is searchable', async ({ page }) => {
    await openAppWithSample(page);
    const entities = facet(page, 'entities');
    await expect(entities.getByRole('button').first()).toBeVisible();
    const [name] = [...(await facetCounts(entities)).keys()];
    await entities.getByRole('searchbox').fill(name!);
    await expect
      .poll(async () => [...(await facetCounts(entities)).keys()].every((k) => k.includes(name!)))
      .toBe(true);
    await expect(entities.getByRole('button', { name: startsWith(name!) })).toBeVisible();
  });
});

test.describe('Go to memory', SHARED_APP, () => {
  test('Enter scrolls to the id and opens its detail; a filtered-out id is reported', async ({ page }) => {
    await openAppWithSample(page);
    // An id far down the table, read from the data (not from the grid).
    const grid = page.getByRole('grid');
    const total = await gridRowCount(page);
    expect(total).toBeGreaterThan(1000);
    const box = page.getByRole('textbox', { name: 'Go to memory' });
    // Sort by memory_id descending, so the first row's id is the last id, then go to a far one.
    const header = page.getByRole('columnheader', { name: /memory_id/ });
    await header.click();
    await header.click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const firstId = (await grid.getByRole('row').nth(1).getByRole('gridcell').first().textContent())!.trim();
    await header.click();
    await expect(header).toHaveAttribute('aria-sort', 'none');
    await box.fill(firstId);
    await box.press('Enter');
    const detail = page.getByRole('complementary', { name: 'Selected row' });
    await expect(detail).toBeVisible();
    await expect(detail.getByText(firstId, { exact: true })).toBeVisible();
    // The grid scrolled to the row and made it the selected one.
    await expect(grid.getByRole('row', { selected: true }).getByRole('gridcell').first()).toContainText(
      firstId,
    );

    await box.fill('no-such-memory');
    await box.press('Enter');
    await expect(
      page.getByRole('status').filter({ hasText: /No memory with memory_id no-such-memory/ }),
    ).toBeVisible();
  });
});

/** RFC 4180 rows (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/**
 * Stands in for the File System Access save picker (the browser's own cannot be driven by
 * automation): it returns a file of the origin-private file system named as suggested, or closes
 * like a user would when `__saveAnswer` is 'cancel'. The app uses it only once the test-only switch
 * `__memscopeForcePickers` is set (under automation it downloads).
 */
async function fakeSavePicker(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __saveAnswer?: string; __saveOptions?: unknown[] };
    w.__saveOptions = [];
    Object.assign(window, {
      showSaveFilePicker: async (options: { suggestedName: string }) => {
        w.__saveOptions!.push(options);
        if (w.__saveAnswer === 'cancel') throw new DOMException('The user aborted a request.', 'AbortError');
        const root = await navigator.storage.getDirectory();
        return root.getFileHandle(options.suggestedName, { create: true });
      },
    });
  });
}

/** A file of the origin-private file system, or null where there is none. */
const readOpfs = (page: Page, name: string) =>
  page.evaluate(async (n) => {
    const root = await navigator.storage.getDirectory();
    const handle = await root.getFileHandle(n).catch(() => null);
    return handle ? Array.from(new Uint8Array(await (await handle.getFile()).arrayBuffer())) : null;
  }, name);

test.describe('Histograms', SHARED_APP, () => {
  test('a time brush, typed then dragged, filters the table and the other facets; its chip removes it', async ({
    page,
  }) => {
    await openAppWithSample(page);
    const total = await gridRowCount(page);
    const createdAt = await sampleCreatedAt();
    expect(createdAt).toHaveLength(total);
    const rowsIn = (lo: number, hi: number) => createdAt.filter((t) => t >= lo && t < hi).length;
    const created = facet(page, 'created_at');
    const topic = facet(page, 'topic');
    await expect(topic.getByRole('button').first()).toBeVisible();
    const before = await facetCounts(topic);
    const expected = rowsIn(Date.UTC(2025, 0, 1), Date.UTC(2025, 6, 1));
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(total);

    // By keyboard: the two boxes, Enter.
    await created.getByRole('textbox', { name: 'created_at from' }).fill('2025-01-01');
    const to = created.getByRole('textbox', { name: 'created_at to' });
    await to.fill('2025-07-01');
    await to.press('Enter');
    const chip = page.getByRole('button', { name: 'Remove created_at: 2025-01-01 – 2025-07-01' });
    await expect(chip).toBeVisible();
    await expect.poll(() => gridRowCount(page)).toBe(expected);
    // The topic facet counts the brushed rows only.
    await expect.poll(async () => sum(await facetCounts(topic))).toBe(expected);
    expect(await facetCounts(topic)).not.toEqual(before);

    await chip.click();
    await expect.poll(() => gridRowCount(page)).toBe(total);
    await expect.poll(() => facetCounts(topic)).toEqual(before);
    await expect(created.getByRole('textbox', { name: 'created_at from' })).toHaveValue('');

    // By pointer: a drag over the bars picks whole bins (calendar months in the sample).
    const bars = created.locator('svg');
    await bars.scrollIntoViewIfNeeded();
    const box = (await bars.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect(
      page.getByRole('button', { name: /^Remove created_at: \d{4}-\d{2}-01 – \d{4}-\d{2}-01$/ }),
    ).toBeVisible();
    const from = await created.getByRole('textbox', { name: 'created_at from' }).inputValue();
    const until = await created.getByRole('textbox', { name: 'created_at to' }).inputValue();
    const dragged = rowsIn(Date.parse(`${from}T00:00Z`), Date.parse(`${until}T00:00Z`));
    await expect.poll(() => gridRowCount(page)).toBe(dragged);
    await expect.poll(async () => sum(await facetCounts(topic))).toBe(dragged);
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(() => gridRowCount(page)).toBe(total);
  });
});

// Its own app: it installs a save picker before the app starts.
test.describe('Export', () => {
  test('each format downloads the filtered rows, and they read back the same; the save picker gets the same file', async ({
    page,
  }) => {
    await fakeSavePicker(page);
    await openAppWithSample(page);
    const topic = facet(page, 'topic');
    const first = topic.getByRole('button').first();
    await expect(first).toBeVisible();
    const value = (await first.locator('.ex-facet-label').textContent())!;
    await first.click();
    const count = (await facetCounts(topic)).get(value)!;
    await expect.poll(() => gridRowCount(page)).toBe(count);

    const downloaded = new Map<string, Buffer>();
    const exportAs = async (label: string): Promise<Buffer> => {
      await page.getByRole('button', { name: 'Export' }).click();
      const downloading = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: label }).click();
      const download = await downloading;
      const bytes = await readFile((await download.path())!);
      downloaded.set(download.suggestedFilename(), bytes);
      return bytes;
    };

    const csv = parseCsv((await exportAs('CSV')).toString('utf8'));
    const header = csv[0]!;
    expect(header).not.toContain('__row');
    const idAt = header.indexOf('memory_id');
    const topicAt = header.indexOf('topic');
    const csvRows = csv.slice(1);
    expect(csvRows).toHaveLength(count);
    expect(csvRows.every((r) => r[topicAt] === value)).toBe(true);
    const ids = csvRows.map((r) => r[idAt]);
    expect(new Set(ids).size).toBe(count);

    const jsonl = (await exportAs('JSON Lines'))
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(jsonl.map((r) => r.memory_id)).toEqual(ids);
    expect(jsonl.every((r) => r.topic === value)).toBe(true);

    const parquet = await exportAs('Parquet');
    expect(parquet.subarray(0, 4).toString('latin1')).toBe('PAR1');
    initParquetWasmNode();
    const table = tableFromIPC(readParquet(new Uint8Array(parquet)).intoIPCStream());
    expect(table.numRows).toBe(count);
    const idVector = table.getChild('memory_id')!;
    expect(Array.from({ length: table.numRows }, (_, i) => idVector.get(i) as string)).toEqual(ids);
    const accessCsv = csvRows.map((r) => Number(r[header.indexOf('access_count')]));
    const accessPq = table.getChild('access_count')!;
    expect(Array.from({ length: table.numRows }, (_, i) => Number(accessPq.get(i)))).toEqual(accessCsv);
    expect(table.getChild('embedding')).toBeNull();

    // Where the browser has the save picker, Export asks where to save and streams the file there:
    // the same bytes as the download of the same view; a closed picker exports nothing.
    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await page.evaluate(() => Object.assign(window, { __memscopeForcePickers: true }));
    const status = page
      .getByRole('status')
      .filter({ hasText: /^(Saved |Export cancelled|Nothing exported)/ });
    for (const [label, name] of [
      ['CSV', [...downloaded.keys()].find((n) => n.endsWith('.csv'))!],
      ['Parquet', [...downloaded.keys()].find((n) => n.endsWith('.parquet'))!],
    ] as const) {
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('menuitem', { name: label }).click();
      await expect(status).toHaveText(new RegExp(`^Saved .+ as ${name.replace('.', '\\.')}\\.$`));
      expect(Buffer.from((await readOpfs(page, name))!).equals(downloaded.get(name)!)).toBe(true);
    }
    const asked = await page.evaluate(
      () => (window as unknown as { __saveOptions: unknown[] }).__saveOptions,
    );
    expect(asked[0]).toEqual({
      suggestedName: [...downloaded.keys()].find((n) => n.endsWith('.csv')),
      types: [{ description: 'CSV', accept: { 'text/csv': ['.csv'] } }],
    });
    await page.evaluate(() => Object.assign(window, { __saveAnswer: 'cancel' }));
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'JSON Lines' }).click();
    await expect(status).toHaveText('Export cancelled.');
    const jsonlName = [...downloaded.keys()].find((n) => n.endsWith('.jsonl'))!;
    expect(await readOpfs(page, jsonlName)).toBeNull();
    expect(downloads).toBe(0);
    await page.evaluate(() => Object.assign(window, { __memscopeForcePickers: false }));

    // On request, the heavy columns (kept out of DuckDB) are read from the file, in its column order.
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitemcheckbox', { name: /Include vectors and binary columns/ }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Parquet' }).click();
    const withHeavy = tableFromIPC(
      readParquet(new Uint8Array(await readFile((await (await downloading).path())!))).intoIPCStream(),
    );
    const heavyNames = withHeavy.schema.fields.map((f) => f.name);
    expect(heavyNames).toEqual(expect.arrayContaining(['embedding', 'diff_data', ...header]));
    expect(heavyNames.indexOf('embedding')).toBeLessThan(heavyNames.indexOf('diff_data'));
    const embedding = withHeavy.getChild('embedding')!;
    const dims = new Set(
      Array.from({ length: withHeavy.numRows }, (_, i) => (embedding.get(i) as { length: number }).length),
    );
    expect(dims.size).toBe(1);
    expect([...dims][0]).toBeGreaterThan(1);
    const heavyIds = withHeavy.getChild('memory_id')!;
    expect(Array.from({ length: withHeavy.numRows }, (_, i) => heavyIds.get(i) as string)).toEqual(ids);
  });
});

/** The created_at of the sample's first file (the one Explore shows), read here, not in the app. */
async function sampleCreatedAt(): Promise<number[]> {
  initParquetWasmNode();
  const bytes = await readFile(new URL('../public/sample/experiences.parquet', import.meta.url));
  const table = tableFromIPC(readParquet(new Uint8Array(bytes)).intoIPCStream());
  const created = table.getChild('created_at')!;
  return Array.from({ length: table.numRows }, (_, i) => Number(created.get(i)));
}

const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

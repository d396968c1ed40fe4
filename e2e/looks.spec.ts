import type { Page } from '@playwright/test';
import { test, expect, openAppWithSample, SHARED_APP } from './support/fixtures';

// Looks and feel (issue 8, item 9): the theme switch, the collapsible sidebar, Esc on the row
// detail, focus after a keyboard sort, and no cut-off text at a small window.

/** Relative luminance (0 black .. 1 white) of a computed `rgb(...)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The computed backgrounds of the page, the sidebar and the grid. */
async function backgrounds(page: Page): Promise<number[]> {
  const colours = await page.evaluate(() =>
    [document.documentElement, document.querySelector('.sidebar'), document.querySelector('.dg')].map((el) =>
      el ? getComputedStyle(el).backgroundColor : '',
    ),
  );
  expect(
    colours.every((c) => c.startsWith('rgb')),
    colours.join(' '),
  ).toBe(true);
  return colours.map(luminance);
}

const isDark = async (page: Page) => (await backgrounds(page)).every((l) => l < 0.05);
const isLight = async (page: Page) => (await backgrounds(page)).every((l) => l > 0.8);

test.describe('Looks', () => {
  test('the theme follows the OS until the switch is used; the choice survives a reload', async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openAppWithSample(page);
    const toggle = page.getByRole('switch', { name: 'Dark mode' });
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect(await isDark(page)).toBe(true);

    // The OS turns light: with no choice made, the app follows.
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect.poll(() => isLight(page)).toBe(true);

    // The user chooses dark (by keyboard): it applies at once and over a reload, whatever the OS says.
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expect.poll(() => isDark(page)).toBe(true);
    // The theme is set before the first paint by a classic script in <head> (public/theme-boot.js).
    const boot = page.waitForRequest(/\/theme-boot\.js$/);
    await page.reload();
    await boot;
    await expect(page.getByRole('gridcell').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('switch', { name: 'Dark mode' })).toHaveAttribute('aria-checked', 'true');
    expect(await isDark(page)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

    await page.getByRole('switch', { name: 'Dark mode' }).click();
    await expect.poll(() => isLight(page)).toBe(true);
    await page.reload();
    await expect(page.getByRole('gridcell').first()).toBeVisible({ timeout: 30_000 });
    expect(await isLight(page)).toBe(true);
  });

  test('the sidebar hides and shows again, by mouse and by keyboard', async ({ page }) => {
    await openAppWithSample(page);
    const sidebar = page.getByRole('complementary', { name: 'Files' });
    const main = page.locator('main');
    const widthBefore = (await main.boundingBox())?.width ?? 0;
    const hide = page.getByRole('button', { name: 'Hide sidebar' });
    await expect(hide).toHaveAttribute('aria-expanded', 'true');
    await hide.click();
    await expect(sidebar).toBeHidden();
    const show = page.getByRole('button', { name: 'Show sidebar' });
    await expect(show).toHaveAttribute('aria-expanded', 'false');
    await expect.poll(async () => (await main.boundingBox())?.width ?? 0).toBeGreaterThan(widthBefore + 100);

    await show.focus();
    await page.keyboard.press('Enter');
    await expect(sidebar).toBeVisible();
    await expect(page.getByRole('button', { name: 'Hide sidebar' })).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('button', { name: 'Hide sidebar' })).toBeFocused();
  });

  test.describe('by keyboard', SHARED_APP, () => {
    test('Esc closes the row detail and focus returns to the grid', async ({ page }) => {
      await openAppWithSample(page);
      const grid = page.getByRole('grid', { name: 'experiences.parquet rows' });
      const detail = page.getByRole('complementary', { name: 'Selected row' });
      await grid.locator('[role="row"][aria-rowindex="3"]').getByRole('gridcell').first().click();
      await expect(detail).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(detail).toBeHidden();
      await expect(grid).toBeFocused();

      // From inside the detail too.
      await page.keyboard.press('ArrowDown');
      await expect(detail).toBeVisible();
      await detail.getByRole('button', { name: 'Close row details' }).focus();
      await page.keyboard.press('Escape');
      await expect(detail).toBeHidden();
      await expect(grid).toBeFocused();
    });

    test('Enter on a column header sorts and focus stays on that header', async ({ page }) => {
      await openAppWithSample(page);
      const grid = page.getByRole('grid', { name: 'experiences.parquet rows' });
      const header = grid.getByRole('columnheader', { name: 'memory_id', exact: true });
      const focusedHeader = () =>
        page.evaluate(
          () => document.activeElement?.closest('[role="columnheader"]')?.getAttribute('aria-label') ?? null,
        );
      await header.getByRole('button').focus();
      await page.keyboard.press('Enter');
      await expect(header).toHaveAttribute('aria-sort', 'ascending');
      await expect(grid.getByRole('gridcell').first()).toBeVisible();
      await expect.poll(focusedHeader).toBe('memory_id');
      await page.keyboard.press('Enter');
      await expect(header).toHaveAttribute('aria-sort', 'descending');
      await expect(grid.getByRole('gridcell').first()).not.toContainText('exp-000000');
      await expect.poll(focusedHeader).toBe('memory_id');
    });
  });

  test('at 900×700 each row of the Plans source boxes reaches the same right edge', async ({ page }) => {
    await page.setViewportSize({ width: 900, height: 700 });
    await page.goto('/?sample=0');
    await page.getByRole('tab', { name: 'Plans' }).click();
    await expect(page.getByRole('heading', { name: 'Samples' })).toBeVisible();
    const layout = await page.evaluate(() => {
      const row = document.querySelector<HTMLElement>('.plans-sources');
      const boxes = [...document.querySelectorAll<HTMLElement>('.plans-source-box')].map((el) =>
        el.getBoundingClientRect(),
      );
      // The last box of each line of boxes (they wrap on narrow windows): where that line ends.
      const lineEnds = new Map<number, number>();
      for (const b of boxes)
        lineEnds.set(Math.round(b.top), Math.max(lineEnds.get(Math.round(b.top)) ?? 0, b.right));
      return {
        boxes: boxes.length,
        right: row?.getBoundingClientRect().right ?? 0,
        lineEnds: [...lineEnds.values()],
      };
    });
    expect(layout.boxes).toBeGreaterThan(1);
    for (const end of layout.lineEnds) expect(Math.abs(end - layout.right)).toBeLessThanOrEqual(1);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`at 900×700 (${scheme}) no header, facet title or type label is cut off`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize({ width: 900, height: 700 });
      await page.emulateMedia({ colorScheme: scheme });
      await openAppWithSample(page);
      const grid = page.getByRole('grid', { name: 'experiences.parquet rows' });
      await expect(grid.getByRole('columnheader').first()).toBeVisible();
      await expect(page.locator('.schema-columns .type').first()).toBeVisible();
      await testInfo.attach(`explore-900x700-${scheme}`, {
        body: await page.screenshot(),
        contentType: 'image/png',
      });

      const report = await page.evaluate(() => {
        const overflowing = (selector: string) =>
          [...document.querySelectorAll<HTMLElement>(selector)]
            .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth)
            .map((el) => `${selector}: ${el.textContent ?? ''}`);
        // A word of a type label split over two lines ("MILLISECON / D") has two client rects.
        const splitWords: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>('.schema-columns .type')) {
          const node = el.firstChild;
          if (!node || node.nodeType !== Node.TEXT_NODE) continue;
          const text = node.textContent ?? '';
          // Words: runs of letters and digits ("FixedSizeList[384] / <Float32>" may break at "<").
          for (const m of text.matchAll(/[A-Za-z0-9_]+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (lines.size > 1) splitWords.push(m[0]);
          }
        }
        const sidebar = document.querySelector<HTMLElement>('.sidebar');
        return {
          overflowing: [
            ...overflowing('.dg-th-name'),
            ...overflowing('.dg-th-type'),
            ...overflowing('.ex-facet-title'),
            ...overflowing('.schema-columns .type'),
            ...overflowing('.app-header'),
          ],
          splitWords,
          headerCount: document.querySelectorAll('.dg-th-name').length,
          typeCount: document.querySelectorAll('.schema-columns .type').length,
          sidebarOverflow: sidebar ? sidebar.scrollWidth - sidebar.clientWidth : -1,
        };
      });
      expect(report.headerCount).toBeGreaterThan(1);
      expect(report.typeCount).toBeGreaterThan(5);
      expect(report.overflowing).toEqual([]);
      expect(report.splitWords).toEqual([]);
      expect(report.sidebarOverflow).toBe(0);
    });
  }
});

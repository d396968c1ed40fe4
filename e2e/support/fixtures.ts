import { test as base, expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * Every spec uses this `test`: it fails the test on any uncaught page error, any console error,
 * and any request to an origin other than the app's own (memscope is private by construction:
 * no CDN, no telemetry, no extension downloads).
 */
export const test = base.extend<{
  /**
   * Other origins a test may reach: only the one spec that serves a file from a second local origin
   * sets it (e2e/open-url.spec.ts, Open by URL); everywhere else it is empty.
   */
  allowedOrigins: string[];
  guard: { foreignRequests: string[]; problems: string[] };
}>({
  allowedOrigins: [[], { option: true }],
  guard: [
    async ({ page, context, baseURL, allowedOrigins }, use) => {
      const appOrigin = new URL(baseURL ?? 'http://localhost:4173').origin;
      const foreignRequests: string[] = [];
      const problems: string[] = [];
      // On the context, so that requests from workers and popups are seen too.
      context.on('request', (request) => {
        const url = request.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        const origin = new URL(url).origin;
        if (origin !== appOrigin && !allowedOrigins.includes(origin)) foreignRequests.push(url);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      await use({ foreignRequests, problems });
      // Errors that escaped every handler are turned into alerts by the app's last safety net
      // (src/app/internal-errors.ts) instead of reaching the console: count them as failures too.
      const escaped = await page
        .evaluate(
          () =>
            (window as { __memscope?: { internalErrors: { detail?: string }[] } }).__memscope
              ?.internalErrors ?? [],
        )
        .catch(() => []);
      for (const e of escaped) problems.push(`escaped error: ${e.detail ?? ''}`);
      expect(foreignRequests, 'requests to other origins').toEqual([]);
      expect(problems, 'page errors and console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

const here = path.dirname(fileURLToPath(import.meta.url));
/** The shared corpus, read in place (never copied into the repo). */
export const CORPUS = path.resolve(here, '../../../shared/corpus');
export const corpusFile = (relative: string) => path.join(CORPUS, relative);

/**
 * Opens the app and waits until the bundled sample store is open, its first rows are painted and
 * every sample file has finished loading into DuckDB (the grid paints before that, from the file).
 */
export async function openAppWithSample(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('grid')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('gridcell').first()).toBeVisible({ timeout: 30_000 });
  await waitForLoads(page);
}

/** Waits until no open file is still reading its footer or loading. */
export async function waitForLoads(page: Page) {
  const list = page.getByRole('list', { name: 'Loaded files' });
  await expect(list.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
}

/** The grid's total rows as it announces them to assistive technology (aria-rowcount minus the header row). */
export async function gridRowCount(page: Page): Promise<number> {
  const value = await page.getByRole('grid').getAttribute('aria-rowcount');
  return Number(value) - 1;
}

/**
 * Drops files on the page the way a browser does: a DataTransfer with File objects built in the
 * page from bytes read here, then dragenter/dragover/drop events on the document body.
 */
export async function dropFiles(page: Page, files: { name: string; bytes: Buffer }[]) {
  const payload = files.map((f) => ({ name: f.name, data: f.bytes.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const binary = atob(item.data);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      dt.items.add(new File([bytes], item.name));
    }
    return dt;
  }, payload);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('body', type, { dataTransfer });
  }
}

import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * One app, with the sample open, shared by every test tagged SHARED_APP. A cold start (a fresh
 * context, DuckDB-WASM compiled and linked, the sample loaded) costs 5–12 s of the two cores, most
 * of an e2e test (docs/benchmarks.md, "where an e2e test's time goes"); the sharing tests pay it
 * once for the whole run. playwright.config.ts runs them as their own project ("shared app", which
 * sets the worker option `shareApp`): a Playwright worker runs one project's tests, so the worker
 * that holds the page runs only sharing tests; files, describe blocks and spec order do not matter.
 *
 * Each test still starts from the view a fresh start shows: openAppWithSample moves the shared page
 * back to the URL of its first view the way Back does (history + popstate, which remounts Explore:
 * src/app/use-url-view.ts), so the tab, table, filters, sort and selected row are those of a fresh
 * start, the alerts earlier tests left are dismissed and focus is released. The rest stays as the
 * tests before it left it: the files (a sharing test may open files and assert on them, but closes
 * none, never counts the list, and never expects a search or a store to hold only the sample's
 * files), the SQL editor's text and result (the panel reads the URL once, at start), theme, sidebar,
 * the last "Find similar" row, the drawn maps. A test that reloads, closes files or changes what a
 * later test would see starts its own app (no tag).
 *
 * A failed test ends its Playwright worker, and the shared page with it: the retry and the tests
 * after it start cold.
 */
export const SHARED_APP = { tag: '@shared-app' };

interface SharedApp {
  context: BrowserContext;
  page: Page;
  /** The URL the page showed once the sample was open: what openAppWithSample goes back to. */
  home: string | null;
}

/** Each shared page's app, for openAppWithSample (which is handed only the page). */
const sharedByPage = new WeakMap<Page, SharedApp>();

/**
 * Every spec uses this `test`: it fails the test on any uncaught page error, any console error,
 * and any request to an origin other than the app's own (memscope is private by construction:
 * no CDN, no telemetry, no extension downloads).
 */
export const test = base.extend<
  {
    /**
     * Other origins a test may reach: only the one spec that serves a file from a second local origin
     * sets it (e2e/open-url.spec.ts, Open by URL); everywhere else it is empty.
     */
    allowedOrigins: string[];
    guard: { foreignRequests: string[]; problems: string[] };
  },
  {
    /**
     * The worker's tests run on the one shared page (see SHARED_APP above); set by the "shared app"
     * project. A worker option: a worker's tests all share or none do.
     */
    shareApp: boolean;
    sharedApps: { current: SharedApp | null };
  }
>({
  allowedOrigins: [[], { option: true }],
  shareApp: [false, { option: true, scope: 'worker' }],
  sharedApps: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const holder: { current: SharedApp | null } = { current: null };
      await use(holder);
      await holder.current?.context.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ context, shareApp, sharedApps, browser, baseURL, viewport }, use) => {
    if (!shareApp) {
      await use(context);
      return;
    }
    // Made by the worker's first test; every later test of the worker uses the same page.
    sharedApps.current ??= await newSharedApp(browser, { baseURL, viewport });
    await use(sharedApps.current.context);
  },
  page: async ({ context, shareApp, sharedApps }, use) => {
    await use(shareApp && sharedApps.current ? sharedApps.current.page : await context.newPage());
  },
  guard: [
    async ({ page, context, baseURL, allowedOrigins }, use) => {
      const appOrigin = new URL(baseURL ?? 'http://localhost:4173').origin;
      const foreign = (url: string) => {
        const origin = new URL(url).origin;
        return origin !== appOrigin && !allowedOrigins.includes(origin);
      };
      const seen = watch(page, context);
      // On a shared page, what happened between the last test's end and this one's start (work the
      // last test left running) is reported here, named as such, rather than lost.
      const before = seen.problems.splice(0).map((p) => `before this test, on the shared page: ${p}`);
      const requestsBefore = seen.requests.splice(0).filter(foreign);
      const report = {
        get foreignRequests() {
          return [...requestsBefore, ...seen.requests.filter(foreign)];
        },
        get problems() {
          return [...before, ...seen.problems];
        },
      };
      await use(report);
      // Errors that escaped every handler are turned into alerts by the app's last safety net
      // (src/app/internal-errors.ts) instead of reaching the console: count them as failures too
      // (and take them, so that the next test on a shared page starts with none).
      const escaped = await page
        .evaluate(() => {
          const list =
            (window as { __memscope?: { internalErrors: { detail?: string }[] } }).__memscope
              ?.internalErrors ?? [];
          return list.splice(0, list.length);
        })
        .catch(() => []);
      const foreignRequests = report.foreignRequests;
      const problems = [...report.problems, ...escaped.map((e) => `escaped error: ${e.detail ?? ''}`)];
      // Taken: the next test on a shared page reports only what came after.
      seen.requests.length = 0;
      seen.problems.length = 0;
      expect(foreignRequests, 'requests to other origins').toEqual([]);
      expect(problems, 'page errors and console errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** What a page did that a test must not: its requests (all origins) and its errors, as they come. */
interface Watch {
  requests: string[];
  problems: string[];
}
const watches = new WeakMap<Page, Watch>();

/**
 * The page's watch, its listeners attached once for the page's whole life: a test's own page lives
 * as long as the test, a shared page as long as the sharing tests. Requests are watched on
 * the context, so that those of workers and popups are seen too.
 */
function watch(page: Page, context: BrowserContext): Watch {
  const known = watches.get(page);
  if (known) return known;
  const seen: Watch = { requests: [], problems: [] };
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:')) seen.requests.push(url);
  });
  page.on('pageerror', (error) => seen.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.problems.push(`console error: ${message.text()}`);
  });
  watches.set(page, seen);
  return seen;
}

async function newSharedApp(
  browser: Browser,
  options: { baseURL: string | undefined; viewport: { width: number; height: number } | null },
): Promise<SharedApp> {
  // The clipboard for the grid's Ctrl+C test, granted here rather than by that test: a permission
  // a test grants stays on the shared context for every test after it.
  const context = await browser.newContext({
    baseURL: options.baseURL,
    viewport: options.viewport,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const app: SharedApp = { context, page, home: null };
  sharedByPage.set(page, app);
  return app;
}

export { expect };

const here = path.dirname(fileURLToPath(import.meta.url));
/** The shared corpus, read in place (never copied into the repo). */
export const CORPUS = path.resolve(here, '../../../shared/corpus');
export const corpusFile = (relative: string) => path.join(CORPUS, relative);

/**
 * Opens the app and waits until the bundled sample store is open, its first rows are painted and
 * every sample file has finished loading into DuckDB (the grid paints before that, from the file).
 * On the page the sharing tests share (SHARED_APP) that already has it open, goes back to the first
 * view instead (see SharedApp).
 */
export async function openAppWithSample(page: Page) {
  const shared = sharedByPage.get(page);
  const home = shared?.home;
  if (home) {
    // Alerts a test left (a refused file's message) are dismissed: a fresh start shows none, and
    // a pile of them would push the view down past the tests' pointer positions.
    const dismiss = page.getByRole('alert').getByRole('button', { name: 'Dismiss' });
    for (let left = await dismiss.count(); left > 0; left--) await dismiss.first().click();
    // Focus goes back to the page, as on a fresh start (a sorted header would take it back).
    await page.evaluate((url) => {
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      window.history.pushState(null, '', url);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, home);
  } else {
    await page.goto('/');
  }
  await expect(page.getByRole('grid')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('gridcell').first()).toBeVisible({ timeout: 30_000 });
  await waitForLoads(page);
  if (shared && !home) shared.home = page.url();
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

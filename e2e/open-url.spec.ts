import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, gridRowCount, waitForLoads } from './support/fixtures';

/**
 * Issue 8 item 8, Open by URL: a Parquet file served from a second local origin is read by byte
 * ranges (footer first) in its own parquet worker, whose CSP alone allows that origin; a server that
 * ignores ranges is read whole only after the user says yes. The privacy guard allows this origin
 * in this spec only.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE = readFileSync(path.join(here, '../public/sample/skills.parquet'));
const manifest = JSON.parse(readFileSync(path.join(here, '../public/sample/manifest.json'), 'utf8')) as {
  files: { name: string; rows: number }[];
};
const ROWS = manifest.files.find((f) => f.name === 'skills.parquet')?.rows ?? -1;
// A fixed port (the app's + 2000): the guard's allowed origin is set before the server starts.
const PORT = Number(process.env.E2E_PORT || 4173) + 2000;
const REMOTE = `http://127.0.0.1:${PORT}`;

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Range',
  'Access-Control-Expose-Headers': 'Content-Range, Content-Length, Accept-Ranges',
};

/** What the second origin saw: method, path and Range header of each request. */
let seen: { method: string; path: string; range: string | null }[] = [];
let server: http.Server;

test.use({ allowedOrigins: [REMOTE] });

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '';
    const range = req.headers.range ?? null;
    seen.push({ method: req.method ?? '', path: url, range });
    if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
    if (url !== '/ranges/remote_skills.parquet' && url !== '/plain/remote_skills.parquet') {
      return void res.writeHead(404, CORS).end();
    }
    const m = url.startsWith('/ranges/') && range ? /^bytes=(\d+)-(\d+)$/.exec(range) : null;
    if (!m) {
      // /plain/ ignores Range, as some servers do: the whole file, 200.
      res.writeHead(200, {
        ...CORS,
        'Content-Length': SAMPLE.length,
        'Content-Type': 'application/octet-stream',
      });
      return void res.end(req.method === 'HEAD' ? undefined : SAMPLE);
    }
    const start = Number(m[1]);
    const end = Math.min(Number(m[2]), SAMPLE.length - 1);
    res.writeHead(206, {
      ...CORS,
      'Accept-Ranges': 'bytes',
      'Content-Range': `bytes ${start}-${end}/${SAMPLE.length}`,
      'Content-Length': end - start + 1,
    });
    res.end(SAMPLE.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('a Parquet file by URL is read by ranges, footer first, in a worker only it may connect from', async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  seen = [];
  const workerScripts: string[] = [];
  const vectorScripts: string[] = [];
  page.context().on('request', (r) => {
    if (r.url().includes('parquet.worker') && r.url().includes('connect=')) workerScripts.push(r.url());
    if (r.url().includes('vector.worker')) vectorScripts.push(r.url());
  });
  await page.goto('/?sample=0');
  const box = page.getByLabel('Open by URL');
  await box.fill(`${REMOTE}/ranges/remote_skills.parquet`);
  await box.press('Enter');
  await expect(page.getByRole('gridcell').first()).toBeVisible({ timeout: 30_000 });
  await waitForLoads(page);
  await expect.poll(() => gridRowCount(page)).toBe(ROWS);
  const files = page.getByRole('list', { name: 'Loaded files' });
  await expect(files).toContainText('remote_skills.parquet');
  await expect(files).toContainText(`from 127.0.0.1:${PORT}`);

  // Only range requests: a HEAD for the size, then the end of the file (the footer) first.
  const gets = seen.filter((r) => r.method === 'GET');
  expect(seen[0]?.method).toBe('HEAD');
  expect(gets.length).toBeGreaterThan(1);
  expect(gets.every((r) => r.range !== null)).toBe(true);
  expect(gets[0]?.range).toMatch(new RegExp(`^bytes=\\d+-${SAMPLE.length - 1}$`));
  expect(seen.every((r) => r.path === '/ranges/remote_skills.parquet')).toBe(true);

  // The worker's script came with a policy that adds exactly this origin; the page's did not.
  const script = workerScripts[0] ?? '';
  expect(script).toContain(`connect=${encodeURIComponent(REMOTE)}`);
  const policyOf = async (url: string) =>
    (await request.head(url)).headers()['content-security-policy'] ?? '';
  expect(await policyOf(script)).toContain(`connect-src 'self' blob: data: ${REMOTE};`);
  const plain = script.split('?')[0] ?? '';
  expect(await policyOf(plain)).toContain("connect-src 'self' blob: data:;");
  const tampered = `${plain}?connect=${encodeURIComponent(`${REMOTE}; script-src *`)}`;
  expect(await policyOf(tampered)).toContain("connect-src 'self' blob: data:;");
  expect(await policyOf('/?connect=' + encodeURIComponent(REMOTE))).toContain(
    "connect-src 'self' blob: data:;",
  );

  // The Similar view's vector index reads the embedding column by ranges too, in vector workers
  // whose script asked for the same policy.
  const grid = page.getByRole('grid');
  const idCol = await grid.getByRole('columnheader', { name: /^memory_id/ }).getAttribute('aria-colindex');
  const firstId =
    (await grid
      .locator('[role="row"][aria-rowindex="2"]')
      .locator(`[role="gridcell"][aria-colindex="${idCol}"]`)
      .textContent()) ?? '';
  expect(firstId).not.toBe('');
  seen = [];
  await page.getByRole('tab', { name: 'Similar' }).click();
  const query = page.getByRole('textbox', { name: 'Query' });
  await query.fill(firstId);
  await query.press('Enter');
  const similar = page.getByRole('grid', { name: 'Similar memories' });
  await expect(similar).toHaveAttribute('aria-rowcount', '11', { timeout: 60_000 });
  await expect(similar.getByRole('row').nth(1)).toContainText(firstId);
  expect(vectorScripts.length).toBeGreaterThan(0);
  expect(vectorScripts.every((u) => u.includes(`connect=${encodeURIComponent(REMOTE)}`))).toBe(true);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((r) => r.method === 'GET' && r.range !== null)).toBe(true);

  // A page of the app still cannot reach the origin: every response but that worker's carries the
  // same policy (a light page of it here; the refusal is a console error, which the guard counts).
  const other = await browser.newPage();
  await other.goto(`${baseURL}/sample/manifest.json`);
  const reached = await other.evaluate(
    (url) =>
      fetch(url).then(
        () => true,
        () => false,
      ),
    `${REMOTE}/ranges/remote_skills.parquet`,
  );
  await other.close();
  expect(reached).toBe(false);
});

test('errors; a server that ignores ranges: the question, No opens nothing, Yes reads it whole', async ({
  page,
}) => {
  seen = [];
  await page.goto('/?sample=0');
  const box = page.getByLabel('Open by URL');
  // Errors first: each is a clear alert, and nothing opens.
  const alerts = page.getByRole('alert');
  await box.fill('ftp://127.0.0.1/x.parquet');
  await box.press('Enter');
  await expect(alerts.last()).toContainText('http:// or https:// URLs only');
  await box.fill(`${REMOTE}/missing.parquet`);
  await box.press('Enter');
  await expect(alerts.last()).toContainText(`127.0.0.1:${PORT} answered 404`);
  await page.getByRole('button', { name: 'Dismiss' }).first().click();
  await page.getByRole('button', { name: 'Dismiss' }).first().click();
  await expect(alerts).toHaveCount(0);
  await box.fill(`${REMOTE}/plain/remote_skills.parquet`);
  await page.getByRole('button', { name: 'Open URL' }).click();
  const question = page.getByRole('alertdialog', { name: 'Read the whole file?' });
  await expect(question).toContainText(
    `127.0.0.1:${PORT} does not support range requests: read the whole file (`,
  );
  await question.getByRole('button', { name: 'No' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByText('No files open.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByRole('button', { name: 'Open URL' }).click();
  await question.getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByRole('gridcell').first()).toBeVisible({ timeout: 30_000 });
  await waitForLoads(page);
  await expect.poll(() => gridRowCount(page)).toBe(ROWS);
  // Two range requests answered whole (one per question), then one GET after "Yes".
  const gets = seen.filter((r) => r.method === 'GET');
  expect(gets.filter((r) => r.range === null)).toHaveLength(1);
  expect(gets.at(-1)?.range).toBe(null);
});

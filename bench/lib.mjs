// Helpers for bench scenarios (bench/scenarios/*.mjs). A scenario module exports
//   { name, order?, sizes: ['10k', '100k', '1m'], run(ctx) }
// and run(ctx) returns a list of metrics:
//   { metric, unit: 'ms' | 'MB', samples: number[], p95?: true, target?: number,
//     alternative?: { name, samples: number[] }, error?: string }
// The runner (scripts/bench.mjs) takes medians (and p95 where asked), ratios against the alternative,
// and reports a metric that threw or has an error as "n/a (reason)".
import fs from 'node:fs';

export const median = (xs) => percentile(xs, 50);

export function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = (p / 100) * (s.length - 1);
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

/** Runs fn n times and collects its results (sequentially: the machine has two cores). */
export async function repeat(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
}

/** A short error message for the results table. */
export function reason(err) {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].replace(/\s+/g, ' ').slice(0, 160);
}

/** Waits for a performance mark the app sets (e.g. `ms:first-rows:<file>`) and returns its startTime. */
export async function waitForMark(page, name, timeout) {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, {
    timeout,
    polling: 10,
  });
  return page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name);
}

/**
 * Opens the app without its bundled sample and waits until its DuckDB doorway is up (and, should a
 * sample open anyway, until it has loaded, so that it does not compete with what is measured).
 */
let noDoorway = null;
export async function openApp(page, baseURL) {
  // Once the app has shown it lacks the doorway, later scenarios fail at once instead of waiting.
  if (noDoorway) throw new Error(noDoorway);
  // ?sample=0: the app skips its bundled sample, so only the file under test is open.
  await page.goto(new URL('?sample=0', baseURL).href);
  await page
    .waitForFunction(() => Boolean(window.__memscope?.db), null, { timeout: 60_000 })
    .catch(() => {
      noDoorway = 'the app does not expose window.__memscope.db';
      throw new Error(noDoorway);
    });
  await page.evaluate(() => window.__memscope.db.ready?.());
  // Settled: every file that started opening has a loaded mark (or 30 s passed).
  await page
    .waitForFunction(
      () => {
        const names = (prefix) =>
          performance
            .getEntriesByType('mark')
            .filter((m) => m.name.startsWith(prefix))
            .map((m) => m.name.slice(prefix.length));
        const loaded = new Set(names('ms:loaded:'));
        return names('ms:open:').every((f) => loaded.has(f));
      },
      null,
      { timeout: 30_000, polling: 100 },
    )
    .catch(() => {});
}

/**
 * Sets the file on the app's "Open files" input and waits for the app's marks. Returns the times
 * (ms after `ms:open:<file>`) of the first rows painted and of all queryable columns loaded.
 */
export async function openFile(page, file, fileName, { timeout = 120_000, waitLoaded = true } = {}) {
  await page.getByLabel('Open files').setInputFiles(file);
  const open = await waitForMark(page, `ms:open:${fileName}`, 10_000);
  const firstRows = (await waitForMark(page, `ms:first-rows:${fileName}`, timeout)) - open;
  let loaded = NaN;
  let loadedError;
  if (waitLoaded) {
    try {
      loaded = (await waitForMark(page, `ms:loaded:${fileName}`, timeout)) - open;
    } catch (err) {
      loadedError = reason(err);
    }
  }
  return { firstRows, loaded, loadedError };
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The DuckDB table the app made for a file (it names them itself), or the fallback. */
export async function tableNameOf(page, fileName, fallback) {
  const name = await page.evaluate(
    (f) => window.__memscope?.workspace?.getSnapshot?.().find((t) => t.fileName === f)?.tableName,
    fileName,
  );
  return name ?? fallback;
}

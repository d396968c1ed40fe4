// Plans view, a schedule too big to draw (issue 10 item 6): a 1,000,000-executor chain (~70 MB of
// JSON, written to a temporary file here) opened with the picker "Open plan or schedule" in the
// built app. Measured: time from the file's `change` to the summary on screen ("Summary only: …"),
// the longest main-thread long task and the longest frame gap meanwhile (target: ≤ 200 ms task),
// and the tab memory the open adds: the renderer process's RSS (it holds the page and its workers)
// sampled every 100 ms, minus its RSS before (target ≤ 1 GB), its VmHWM as an upper bound, and what
// stays added after. The root's id is i64::MAX, so the whole text goes through the big-integer
// path; the summary must show it exactly, with 1,000,000 executors and no problem.
// For comparison: JSON.parse of the same file's text on the page (what a plain app would do).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const N = 1_000_000;
const ROOT_ID = '9223372036854775807';
const KINDS = ['GetVertices', 'GetNeighbors', 'Filter', 'Project', 'Aggregate'];

/** A chain 1 → 2 → … → N-1 → root, in the edge-list shape, written in pieces (no 70 MB array join). */
function writeChain(file, n) {
  const fd = fs.openSync(file, 'w');
  const id = (i) => (i === n ? ROOT_ID : String(i));
  const flush = (parts) => fs.writeSync(fd, parts.join(','));
  try {
    fs.writeSync(fd, `{"root_executor_id":${ROOT_ID},"executors":[`);
    let parts = [];
    for (let i = 1; i <= n; i++) {
      parts.push(`{"id":${id(i)},"kind":"${KINDS[i % 5]}","size_bytes":${64 + 8 * (i % 40)}}`);
      if (parts.length === 50_000 || i === n) {
        if (i > parts.length) fs.writeSync(fd, ',');
        flush(parts);
        parts = [];
      }
    }
    fs.writeSync(fd, '],"dependencies":[');
    for (let i = 1; i < n; i++) {
      parts.push(`{"from":${id(i)},"to":${id(i + 1)}}`);
      if (parts.length === 50_000 || i === n - 1) {
        if (i > parts.length) fs.writeSync(fd, ',');
        flush(parts);
        parts = [];
      }
    }
    fs.writeSync(fd, ']}');
  } finally {
    fs.closeSync(fd);
  }
}

function status(pid, field) {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** In the page: long tasks and frame gaps from the input's change until the summary is painted. */
function watchOpen({ timeoutMs }) {
  return new Promise((resolve, reject) => {
    const longTasks = [];
    const po = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    po.observe({ type: 'longtask' });
    let maxGap = 0;
    let last = performance.now();
    let ticking = true;
    const tick = (now) => {
      maxGap = Math.max(maxGap, now - last);
      last = now;
      if (ticking) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    let t0 = NaN;
    document.addEventListener('change', () => (t0 = performance.now()), { capture: true, once: true });
    const summary = () =>
      [...document.querySelectorAll('[role="note"]')].find((el) =>
        el.textContent?.startsWith('Summary only'),
      );
    const failure = () => document.querySelector('[role="alert"]')?.textContent ?? '';
    const timer = setTimeout(() => done(new Error(`no summary within ${timeoutMs} ms`)), timeoutMs);
    const mo = new MutationObserver(() => {
      if (summary()) requestAnimationFrame(() => requestAnimationFrame(() => done(null)));
      else if (failure()) done(new Error(failure()));
    });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    let finished = false;
    function done(error) {
      if (finished) return;
      finished = true;
      const t1 = performance.now();
      ticking = false;
      mo.disconnect();
      clearTimeout(timer);
      setTimeout(() => {
        po.disconnect();
        if (error) return reject(error);
        const rows = Object.fromEntries(
          [...document.querySelectorAll('table[aria-label="Schedule summary"] tr')].map((tr) => [
            tr.querySelector('th')?.textContent ?? '',
            tr.querySelector('td')?.textContent ?? '',
          ]),
        );
        resolve({ ms: t1 - t0, maxLongTask: Math.max(0, ...longTasks), maxGap, rows });
      }, 100);
    }
  });
}

export default {
  name: 'big-schedule',
  order: 46,
  // Independent of the memory-store size: run once.
  sizes: ['10k'],
  async run(ctx) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memscope-big-schedule-'));
    const file = path.join(dir, 'chain-1m.json');
    writeChain(file, N);
    const mb = fs.statSync(file).size / 2 ** 20;
    const runs = Math.min(ctx.runs, 2);
    const results = [];
    const jsonParse = [];
    try {
      for (let r = 0; r < runs; r++) {
        const page = await ctx.newPage();
        try {
          await page.goto(new URL('?sample=0', ctx.baseURL).href);
          await page.getByRole('tab', { name: 'Plans' }).click();
          await page.getByLabel('Open plan or schedule').waitFor();
          await page.waitForTimeout(1000);
          const renderers = (await ctx.chromiumProcesses()).filter((p) => p.type === 'renderer');
          const before = new Map(renderers.map((p) => [p.id, status(p.id, 'VmRSS')]));
          const hwmBefore = Math.max(...renderers.map((p) => status(p.id, 'VmHWM')));
          const watching = page.evaluate(watchOpen, { timeoutMs: ctx.timeoutMs });
          // Sampled every 100 ms while the open runs (VmHWM below also catches a peak between samples).
          let sampledPeak = 0;
          let polling = true;
          const poll = (async () => {
            while (polling) {
              for (const [pid, rss] of before)
                sampledPeak = Math.max(sampledPeak, status(pid, 'VmRSS') - rss);
              await new Promise((r) => setTimeout(r, 100));
            }
          })();
          await page.getByLabel('Open plan or schedule').setInputFiles(file);
          const m = await watching.finally(() => (polling = false));
          await poll;
          let peakAdded = 0;
          let keptAdded = 0;
          for (const [pid, rss] of before) {
            peakAdded = Math.max(peakAdded, status(pid, 'VmHWM') - rss);
            keptAdded = Math.max(keptAdded, status(pid, 'VmRSS') - rss);
          }
          if (m.rows.Executors !== '1,000,000' || m.rows.Root !== ROOT_ID || m.rows.Problems !== '0')
            throw new Error(`summary reads ${JSON.stringify(m.rows)}`);
          results.push({ ...m, peakAdded, sampledPeak, keptAdded, hwmBefore });
          if (r === 0) {
            // The alternative: the same text parsed on the page (no worker, no analysis).
            await page.evaluate(() => {
              const input = document.createElement('input');
              input.type = 'file';
              input.id = 'bench-json-parse';
              document.body.append(input);
            });
            await page.locator('#bench-json-parse').setInputFiles(file);
            jsonParse.push(
              await page.evaluate(async () => {
                const f = document.querySelector('#bench-json-parse').files[0];
                const text = await f.text();
                const t0 = performance.now();
                JSON.parse(text);
                return performance.now() - t0;
              }),
            );
          }
        } finally {
          await page.context().close();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const label = `plans: 1,000,000-executor chain (${mb.toFixed(0)} MB)`;
    return [
      {
        metric: `${label} picked -> summary on screen`,
        unit: 'ms',
        samples: results.map((x) => x.ms),
        alternative: { name: 'JSON.parse of the text on the page', samples: jsonParse },
      },
      {
        metric: `${label} longest main-thread task`,
        unit: 'ms',
        samples: results.map((x) => x.maxLongTask),
        target: 200,
      },
      {
        metric: `${label} longest frame gap`,
        unit: 'ms',
        samples: results.map((x) => x.maxGap),
      },
      {
        metric: `${label} tab memory added at peak (renderer RSS sampled every 100 ms - RSS before)`,
        unit: 'MB',
        samples: results.map((x) => x.sampledPeak),
        target: 1024,
      },
      {
        // An upper bound: VmHWM is the process's peak since it started (before the open: hwmBefore).
        metric: `${label} tab memory added at peak, upper bound (renderer VmHWM - RSS before)`,
        unit: 'MB',
        samples: results.map((x) => x.peakAdded),
      },
      {
        metric: `${label} tab memory still added with the summary open`,
        unit: 'MB',
        samples: results.map((x) => x.keptAdded),
      },
    ];
  },
};

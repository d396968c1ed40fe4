// Similar: exact top-10 by cosine over the 384-d embedding column, through the vector index exactly
// as the app builds it (two vector workers reading the File, wasm SIMD kernel), against the two
// alternatives of issue 7 measured in the same run and the same tab: DuckDB-WASM's
// array_cosine_similarity over a FLOAT[384] table (vector bound as text, ORDER BY ... LIMIT 10) and a
// plain one-thread JavaScript loop with norms precomputed. Also: index ready after the file is
// picked, renderer RSS with the index ready, and the PCA projection of every row.
// Runs on the harness page bench/harness/similar.html (built into dist/), not the app: the lead
// wires the Similar view into the opened file; the index code is the same.
import { reason, rssMB } from '../lib.mjs';

const DIM = 384;
const K = 10;
const QUERIES = { '10k': 30, '100k': 30, '1m': 12 };
const ALT_QUERIES = { '10k': 10, '100k': 10, '1m': 4 };

async function harness(ctx) {
  const page = await ctx.newPage();
  await page.goto(new URL('bench/harness/similar.html', ctx.baseURL).href);
  await page.waitForFunction(() => Boolean(window.__similarBench), null, { timeout: 30_000 });
  await page.getByLabel('Bench file').setInputFiles(ctx.file);
  return page;
}

async function rendererRss(ctx) {
  const procs = await ctx.chromiumProcesses();
  const rss = procs.filter((p) => p.type === 'renderer').map((p) => rssMB(p.id));
  return Math.max(...rss.filter(Number.isFinite));
}

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

export default {
  name: 'similar',
  order: 60,
  sizes: ['10k', '100k', '1m'],
  async run(ctx) {
    const n = ctx.rows;
    const queryRows = Array.from({ length: QUERIES[ctx.size] }, (_, i) =>
      Math.floor(((i + 0.5) * n) / QUERIES[ctx.size]),
    );
    const altRows = queryRows.slice(0, ALT_QUERIES[ctx.size]);
    const metrics = [];
    const notes = [];

    const page = await harness(ctx);
    const ready = [];
    let built;
    for (let r = 0; r < ctx.runs; r++) {
      built = await page.evaluate((dim) => window.__similarBench.buildIndex(dim), DIM);
      ready.push(built.ms);
    }
    const rss = await rendererRss(ctx);
    // Three warm-up searches (the kernels compile lazily), then the timed ones.
    await page.evaluate((rows) => window.__similarBench.search(rows, 10), queryRows.slice(0, 3));
    const index = await page.evaluate(({ rows, k }) => window.__similarBench.search(rows, k), {
      rows: queryRows,
      k: K,
    });
    const projection = [];
    for (let r = 0; r < Math.min(ctx.runs, 2); r++)
      projection.push((await page.evaluate(() => window.__similarBench.project())).ms);
    let map = null;
    try {
      map = await page.evaluate(() => window.__similarBench.canvasMap());
    } catch (err) {
      notes.push(`canvas map: ${reason(err)}`);
    }
    let scatter = null;
    try {
      scatter = await page.evaluate(() => window.__similarBench.scatter());
    } catch (err) {
      notes.push(`regl-scatterplot: ${reason(err)}`);
    }
    await page.evaluate(() => window.__similarBench.dispose());

    let js = null;
    try {
      js = await page.evaluate(({ rows, k }) => window.__similarBench.jsLoop(rows, k), {
        rows: altRows,
        k: K,
      });
    } catch (err) {
      notes.push(`plain JS loop: ${reason(err)}`);
    }
    await page.close();
    // DuckDB in a fresh tab: the JS loop's arrays are gone, so the two do not share one heap.
    let duck = null;
    try {
      const dbPage = await harness(ctx);
      duck = await dbPage.evaluate(({ rows, k, dim }) => window.__similarBench.duckdb(rows, k, dim), {
        rows: altRows,
        k: K,
        dim: DIM,
      });
      await dbPage.close();
    } catch (err) {
      notes.push(`DuckDB: ${reason(err)}`);
    }
    // The three must agree on the top 10 (as sets: ties may order differently).
    const indexTop = index.top.slice(0, altRows.length);
    if (js && !indexTop.every((t, i) => sameSet(t, js.top[i])))
      notes.push('JS loop top-10 differs from the index');
    if (duck && !indexTop.every((t, i) => sameSet(t, duck.top[i])))
      notes.push('DuckDB top-10 differs from the index');

    const note = notes.join('; ') || undefined;
    metrics.push({
      metric:
        'exact top-10 cosine (2 vector workers, wasm SIMD) vs DuckDB array_cosine_similarity FLOAT[384]',
      unit: 'ms',
      samples: index.ms,
      p95: true,
      target: { '10k': 2, '100k': 15, '1m': 150 }[ctx.size],
      ...(duck ? { alternative: { name: 'DuckDB-WASM', samples: duck.ms } } : {}),
      ...(note ? { error: note } : {}),
    });
    metrics.push({
      metric: 'exact top-10 cosine vs a plain one-thread JS loop (norms precomputed)',
      unit: 'ms',
      samples: index.ms,
      ...(js ? { alternative: { name: 'plain JS loop', samples: js.ms } } : {}),
    });
    metrics.push({
      metric: `index ready after the file is picked (${built.vectors} vectors, ${built.updates} progress updates)`,
      unit: 'ms',
      samples: ready,
      target: { '100k': 1500, '1m': 15000 }[ctx.size],
    });
    metrics.push({
      metric: 'renderer RSS with the index ready',
      unit: 'MB',
      samples: [rss],
      target: ctx.size === '1m' ? 2500 : undefined,
    });
    metrics.push({
      metric: 'PCA projection of every row (10K-row sample, 2 workers)',
      unit: 'ms',
      samples: projection,
      target: ctx.size === '1m' ? 3000 : undefined,
    });
    if (map) {
      metrics.push({
        metric: `map (canvas, map worker): first paint after the projection, ${map.points} points (hover grid after it: ${map.gridMs.toFixed(0)} ms)`,
        unit: 'ms',
        samples: [map.firstMs],
        target: ctx.size === '1m' ? 500 : undefined,
      });
      metrics.push({
        metric: 'map (canvas): pan/zoom frame (rAF interval; the last picture moved at once)',
        unit: 'ms',
        samples: map.frames,
        p95: true,
        target: { '100k': 16.7, '1m': 50 }[ctx.size],
      });
      metrics.push({
        metric: 'map (canvas): main-thread work per frame (moved picture + overlays)',
        unit: 'ms',
        samples: map.drawMs,
        p95: true,
      });
      metrics.push({
        metric: 'map (canvas): hover pick (worker round trip, bucket grid), view that fits every point',
        unit: 'ms',
        samples: map.pickMs,
        p95: true,
      });
      metrics.push({
        metric: 'map (canvas): exact picture for a new view (request to painted; worker binning inside)',
        unit: 'ms',
        samples: map.exact,
        p95: true,
      });
      metrics.push({
        metric: 'map (canvas): worker binning of one picture (density raster, 800 × 600)',
        unit: 'ms',
        samples: map.renderMs,
        p95: true,
      });
    }
    if (scatter) {
      metrics.push({
        metric: `map: regl-scatterplot first frame, ${scatter.points} points`,
        unit: 'ms',
        samples: [scatter.firstMs],
        target: ctx.size === '1m' ? 500 : undefined,
      });
      metrics.push({
        metric: 'map: regl-scatterplot zoom frame (rAF interval)',
        unit: 'ms',
        samples: scatter.frames,
        p95: true,
        target: { '100k': 16.7, '1m': 50 }[ctx.size],
      });
    }
    if (duck)
      metrics.push({
        metric: 'DuckDB: inserting the FLOAT[384] table (not timed against)',
        unit: 'ms',
        samples: [duck.loadMs],
      });
    return metrics;
  },
};

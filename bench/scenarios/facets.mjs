// (h) Issue 8's facets at scale: how long from a click on a facet value (or a brush on the time
// histogram) until every facet's and histogram's counts are known, through the FacetCounter the
// facet panel uses (window.__memscope.explore.facetCounter, src/app/start.ts). Two routes, the
// same counts: the facet cube (one pass over typed arrays, built once when the pointer enters the
// panel) against DuckDB (one GROUP BY per facet, the panel's route before the cube is built),
// measured in the same page. Target: a facet update ≤ 50 ms at 1M rows. Also: the cube's build,
// and the same count on the main thread (what the facet worker keeps off the page), and how long the
// build holds the page's main thread.
import { tableNameOf } from '../lib.mjs';

export default {
  name: 'facets',
  order: 36,
  sizes: ['10k', '100k', '1m'],
  async run(ctx) {
    const page = await ctx.loadedPage();
    const table = await tableNameOf(page, ctx.fileName, ctx.tableName);
    const r = await page.evaluate(
      async ({ table, fileName, runs }) => {
        const ms = window.__memscope;
        const file = ms.workspace.getSnapshot().find((t) => t.fileName === fileName);
        if (!file) throw new Error(`no open file ${fileName}`);
        const sql = await ms.explore.facetCounter(table, file.columns);
        const cubed = await ms.explore.facetCounter(table, file.columns);
        const local = await ms.explore.facetCounter(table, file.columns, false);
        const view = (selections) => ({ filters: [], selections, searches: {} });
        const noop = () => {};
        // The values clicked: the most frequent value of the first value facet; the brush: the time
        // histogram's bins 2 .. 10 (as a drag snaps them).
        const first = {};
        await sql.count(view([]), (u) => {
          if (u.kind === 'facet' && !first[u.column]) first[u.column] = u.counts[0]?.value;
        });
        const facet = sql.facets.find((f) => f.kind === 'value');
        const time = sql.histograms.find((h) => h.spec.scale === 'time' && h.bins);
        if (!facet || !time) throw new Error('the file has no value facet or no time histogram');
        const click = [{ column: facet.column, kind: 'value', values: [first[facet.column]] }];
        const edge = (i) => ms.explore.binEdge(time.bins, Math.min(i, time.bins.count));
        const brush = [{ column: time.spec.column, kind: 'range', scale: 'time', lo: edge(2), hi: edge(10) }];

        // The page's main thread while the cube is built: a message loop notes every gap between
        // its turns longer than 1 ms (a task of the build, or DuckDB's results read in); their sum
        // is the time the page could not answer input, the longest one its worst stall.
        const watchMainThread = () => {
          const channel = new MessageChannel();
          let last = performance.now();
          let busy = 0;
          let longest = 0;
          let on = true;
          channel.port1.onmessage = () => {
            const now = performance.now();
            if (now - last > 1) {
              busy += now - last;
              longest = Math.max(longest, now - last);
            }
            last = now;
            if (on) channel.port2.postMessage(0);
          };
          channel.port2.postMessage(0);
          return () => {
            on = false;
            channel.port1.close();
            return { busy, longest };
          };
        };
        const stop = watchMainThread();
        const t0 = performance.now();
        if (!(await cubed.buildCube())) throw new Error('no cube was built');
        const buildMs = performance.now() - t0;
        const mainThread = stop();
        if (!(await local.buildCube())) throw new Error('no cube was built');

        const timeUpdate = async (counter, selections, route) => {
          await counter.count(view([]), noop); // from no selection, as a first click
          // DuckDB's result cache would answer a repeated facet query at once; a user's next click
          // is a query not asked before.
          ms.db.invalidate();
          const t = performance.now();
          const used = await counter.count(view(selections), noop);
          if (used !== route) throw new Error(`counted by ${used}, expected ${route}`);
          return performance.now() - t;
        };
        // Warm-up: the first updates run while V8 still compiles the counting loops.
        for (let i = 0; i < 2; i++) {
          await timeUpdate(cubed, click, 'cube');
          await timeUpdate(cubed, brush, 'cube');
          await timeUpdate(local, click, 'cube');
        }
        const out = { buildMs, mainThread, click: [], clickSql: [], brush: [], brushSql: [], clickLocal: [] };
        for (let i = 0; i < Math.max(5, runs); i++) {
          out.click.push(await timeUpdate(cubed, click, 'cube'));
          out.clickLocal.push(await timeUpdate(local, click, 'cube'));
          out.clickSql.push(await timeUpdate(sql, click, 'sql'));
          out.brush.push(await timeUpdate(cubed, brush, 'cube'));
          out.brushSql.push(await timeUpdate(sql, brush, 'sql'));
        }
        out.dims = `${sql.facets.length} facets, ${sql.histograms.length} histograms`;
        cubed.dispose();
        local.dispose();
        return out;
      },
      { table, fileName: ctx.fileName, runs: ctx.runs },
    );
    const target = ctx.size === '1m' ? 50 : undefined;
    return [
      { metric: `facets: build the cube (once; ${r.dims})`, unit: 'ms', samples: [r.buildMs] },
      {
        metric: 'facets: cube build, main thread busy (gaps > 1 ms in a message loop)',
        unit: 'ms',
        samples: [r.mainThread.busy],
      },
      {
        metric: 'facets: cube build, longest main-thread task',
        unit: 'ms',
        samples: [r.mainThread.longest],
      },
      {
        metric: 'facets: update after a value click (every facet and histogram), cube',
        unit: 'ms',
        samples: r.click,
        target,
        alternative: { name: 'DuckDB, one query per facet', samples: r.clickSql },
      },
      {
        // What the worker saves the page: the same count on the main thread blocks it this long.
        metric: 'facets: update after a value click, cube counted on the main thread',
        unit: 'ms',
        samples: r.clickLocal,
      },
      {
        metric: 'facets: update after a time brush, cube',
        unit: 'ms',
        samples: r.brush,
        target,
        alternative: { name: 'DuckDB, one query per facet', samples: r.brushSql },
      },
    ];
  },
};

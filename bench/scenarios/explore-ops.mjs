// (g) Issue 8's Explore operations at scale, through the functions the views call
// (window.__memscope.explore, src/app/start.ts):
//  - "Go to memory": building the id index once, then a lookup in file order (the index alone) and
//    in a filtered, sorted view (the index, then one query to place the row), each against the
//    query-only path (lookupRow: a full scan with a window function), measured in the same run;
//  - "Export" of the whole table as CSV and as Parquet: time, rows per second, and the tab's peak
//    resident memory (renderer RSS sampled every 50 ms while it runs) against the level before; in
//    file order, and sorted by importance (descending, as the table view sorts when its header is
//    clicked twice).
import { median, rssMB, tableNameOf } from '../lib.mjs';

const LOOKUPS = 200;

export default {
  name: 'explore-ops',
  order: 35,
  sizes: ['10k', '100k', '1m'],
  async run(ctx) {
    const page = await ctx.loadedPage();
    const table = await tableNameOf(page, ctx.fileName, ctx.tableName);
    const ids = await page.evaluate(
      async ({ table, n, rows }) => {
        const r = await window.__memscope.db.query(
          `SELECT memory_id FROM "${table}" WHERE __row % ${Math.max(1, Math.floor(rows / n))} = 0 LIMIT ${n}`,
          { cache: false },
        );
        return Array.from({ length: r.table.numRows }, (_, i) => String(r.table.getChildAt(0).get(i)));
      },
      { table, n: LOOKUPS, rows: ctx.rows },
    );
    const lookups = await page.evaluate(
      async ({ table, ids, runs }) => {
        const ops = window.__memscope.explore;
        const t0 = performance.now();
        const index = await ops.buildIdIndex(table, 'memory_id');
        const buildMs = performance.now() - t0;
        const base = { table, idColumn: 'memory_id', idIsText: true, tiebreaker: '__row' };
        const view = {
          filters: [{ column: 'category', op: '=', value: 'knowledge' }],
          sort: { column: 'importance', direction: 'desc' },
        };
        const time = async (fn) => {
          const t = performance.now();
          const r = await fn();
          if (!r.found) throw new Error('an id was not found');
          return performance.now() - t;
        };
        // One lookup takes less than the clock's resolution: each sample is the mean of every id.
        const indexed = [];
        for (let r = 0; r < Math.max(3, runs); r++) {
          const t = performance.now();
          for (const id of ids) {
            if (!(await ops.lookupRowIndexed(index, { ...base, id })).found) throw new Error('not found');
          }
          indexed.push((performance.now() - t) / ids.length);
        }
        // The query path is a scan: a few ids are enough for a median.
        const few = ids.slice(0, Math.max(3, runs));
        const queried = [];
        for (const id of few) queried.push(await time(() => ops.lookupRow({ ...base, id })));
        const viewIndexed = [];
        const viewQueried = [];
        for (const id of few) {
          viewIndexed.push(await time(() => ops.lookupRowIndexed(index, { ...base, ...view, id })));
          viewQueried.push(await time(() => ops.lookupRow({ ...base, ...view, id })));
        }
        return { buildMs, indexed, queried, viewIndexed, viewQueried };
      },
      { table, ids, runs: ctx.runs },
    );

    const processes = async () => (await ctx.chromiumProcesses()).filter((p) => p.type === 'renderer');
    const tabRss = async () => Math.max(...(await processes()).map((p) => rssMB(p.id)));
    const SORT = { column: 'importance', direction: 'desc' };
    const exportOnce = async (format, sort) => {
      const before = await tabRss();
      let peak = before;
      const renderers = await processes();
      const timer = setInterval(() => {
        for (const p of renderers) peak = Math.max(peak, rssMB(p.id) || 0);
      }, 50);
      try {
        const { ms, bytes } = await page.evaluate(
          async ({ table, format, sort }) => {
            const t0 = performance.now();
            const bytes = await window.__memscope.explore.exportTable(table, format, sort ?? undefined);
            return { ms: performance.now() - t0, bytes };
          },
          { table, format, sort: sort ?? null },
        );
        return { ms, bytes, peakDelta: peak - before };
      } finally {
        clearInterval(timer);
      }
    };
    const exports = {};
    for (const sorted of [false, true]) {
      for (const format of ['csv', 'parquet']) {
        const runs = [];
        for (let r = 0; r < Math.min(ctx.runs, 3); r++)
          runs.push(await exportOnce(format, sorted ? SORT : null));
        exports[`${format}${sorted ? ' sorted' : ''}`] = runs;
      }
    }

    const rows = ctx.rows;
    const exportMetrics = (format, label, order = 'file order') => {
      const runs = exports[format];
      const ms = runs.map((r) => r.ms);
      return [
        { metric: `export ${label}, whole table (${order})`, unit: 'ms', samples: ms },
        {
          metric: `export ${label}: rows per second (${(median(runs.map((r) => r.bytes)) / 2 ** 20).toFixed(0)} MB written)`,
          unit: 'rows/s',
          samples: ms.map((m) => rows / (m / 1000)),
        },
        {
          metric: `export ${label}: tab memory above the level before (peak renderer RSS)`,
          unit: 'MB',
          samples: runs.map((r) => r.peakDelta),
        },
      ];
    };
    return [
      { metric: 'Go to memory: build the id index (once per file)', unit: 'ms', samples: [lookups.buildMs] },
      {
        metric: `Go to memory: lookup in file order (id index; mean of ${LOOKUPS} ids)`,
        unit: 'ms',
        samples: lookups.indexed,
        target: ctx.size === '1m' ? 3 : undefined,
        alternative: { name: 'one lookup query (scan + window)', samples: lookups.queried },
      },
      {
        metric: 'Go to memory: lookup in a filtered, sorted view (index + one query)',
        unit: 'ms',
        samples: lookups.viewIndexed,
        alternative: { name: 'one lookup query (scan + window)', samples: lookups.viewQueried },
      },
      ...exportMetrics('csv', 'CSV'),
      ...exportMetrics('parquet', 'Parquet'),
      ...exportMetrics('csv sorted', 'CSV sorted', 'sorted by importance desc'),
      ...exportMetrics('parquet sorted', 'Parquet sorted', 'sorted by importance desc'),
    ];
  },
};

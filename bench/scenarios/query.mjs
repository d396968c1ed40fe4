// (c) sort, and filter + sort + LIMIT 1000, through the app's DuckDB doorway (window.__memscope.db),
// against the alternative a user without DuckDB reaches for: the same work in plain JavaScript over
// typed arrays of the same columns (docs/benchmarks.md says why not read_parquet).
import { repeat, tableNameOf } from '../lib.mjs';

const SORT = (t) => `SELECT * FROM "${t}" ORDER BY importance DESC LIMIT 100`;
const FILTER_SORT = (t) => `SELECT * FROM "${t}" WHERE category = ? ORDER BY created_at DESC LIMIT 1000`;
// The same with one narrow column: tells the engine's time from that of materializing every column.
const FILTER_SORT_IDS = (t) =>
  `SELECT memory_id FROM "${t}" WHERE category = ? ORDER BY created_at DESC LIMIT 1000`;

export default {
  name: 'query',
  order: 30,
  sizes: ['10k', '100k', '1m'],
  async run(ctx) {
    const page = await ctx.loadedPage();
    const table = await tableNameOf(page, ctx.fileName, ctx.tableName);
    const timeSql = (sql, params) =>
      page.evaluate(
        async ({ sql, params }) => {
          const t0 = performance.now();
          const res = await window.__memscope.db.query(sql, { params, cache: false });
          const ms = performance.now() - t0;
          if (res.table.numRows === 0) throw new Error('query returned no rows');
          return ms;
        },
        { sql, params },
      );
    // Warm up each query once (first use of a table compiles and touches its pages).
    await timeSql(SORT(table), []);
    await timeSql(FILTER_SORT(table), ['knowledge']);
    const sort = await repeat(ctx.runs, () => timeSql(SORT(table), []));
    const filterSort = await repeat(ctx.runs, () => timeSql(FILTER_SORT(table), ['knowledge']));
    await timeSql(FILTER_SORT_IDS(table), ['knowledge']);
    const filterSortIds = await repeat(ctx.runs, () => timeSql(FILTER_SORT_IDS(table), ['knowledge']));
    // What the table view does when the user filters and sorts: the grid source counts the matches
    // and fetches the first 1,000 rows with every column (src/core/sql/table-query.ts).
    const timeView = () =>
      page.evaluate(async (table) => {
        // The doorway caches results by SQL + params: drop the cache so every run does the work.
        window.__memscope.db.invalidate();
        const t0 = performance.now();
        const source = await window.__memscope.tableSource({
          table,
          sort: { column: 'created_at', direction: 'desc' },
          filters: [{ column: 'category', op: '=', value: 'knowledge' }],
        });
        const rows = await source.fetchRows(0, 1000);
        const ms = performance.now() - t0;
        if (rows.numRows === 0) throw new Error('the view returned no rows');
        return ms;
      }, table);
    await timeView();
    const view = await repeat(ctx.runs, timeView);

    // The plain-JS alternative: columns fetched once (not timed), then an index sort, as a hand-made
    // table view would do it.
    const js = await page.evaluate(
      async ({ table, runs }) => {
        const res = await window.__memscope.db.query(
          `SELECT importance, created_at, category FROM "${table}"`,
          { cache: false },
        );
        const t = res.table;
        const n = t.numRows;
        const importance = Float32Array.from(t.getChild('importance').toArray());
        const created = Float64Array.from(t.getChild('created_at').toArray(), Number);
        const category = t.getChild('category').toArray();
        const sort = [];
        const filterSort = [];
        // r = -1 warms the JIT up and is not recorded, as the SQL side has its warm-up query.
        for (let r = -1; r < runs; r++) {
          let t0 = performance.now();
          const idx = new Uint32Array(n);
          for (let i = 0; i < n; i++) idx[i] = i;
          idx.sort((a, b) => importance[b] - importance[a]);
          idx.subarray(0, 100);
          if (r >= 0) sort.push(performance.now() - t0);

          t0 = performance.now();
          const hits = [];
          for (let i = 0; i < n; i++) if (category[i] === 'knowledge') hits.push(i);
          hits.sort((a, b) => created[b] - created[a]);
          hits.slice(0, 1000);
          if (r >= 0) filterSort.push(performance.now() - t0);
        }
        return { sort, filterSort };
      },
      { table, runs: ctx.runs },
    );
    return [
      {
        metric: 'sort (ORDER BY importance LIMIT 100)',
        unit: 'ms',
        samples: sort,
        p95: true,
        alternative: { name: 'plain JS index sort', samples: js.sort },
      },
      {
        metric: 'filter + sort + LIMIT 1000, the table view (count + page)',
        unit: 'ms',
        samples: view,
        p95: true,
        target: { '100k': 20, '1m': 150 }[ctx.size],
        alternative: { name: 'plain JS filter + index sort', samples: js.filterSort },
      },
      {
        metric: 'filter + sort + LIMIT 1000, hand-written SELECT *',
        unit: 'ms',
        samples: filterSort,
        p95: true,
        alternative: { name: 'plain JS filter + index sort', samples: js.filterSort },
      },
      {
        metric: 'filter + sort + LIMIT 1000, memory_id only',
        unit: 'ms',
        samples: filterSortIds,
        p95: true,
        alternative: { name: 'plain JS filter + index sort', samples: js.filterSort },
      },
    ];
  },
};

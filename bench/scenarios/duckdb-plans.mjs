// DuckDB plans in the Plans view (issue 9 targets):
// (a) a 1,000-operator DuckDB profile pasted and opened, from the click on "Open pasted JSON" to the
//     first frame showing its laid-out graph (parse in the worker + summary + layout + paint); target 1 s;
// (b) two 1,000-operator plans compared, from the click on "Compare plans" to the first frame showing
//     the merged operator table (tree matching + 1,000+ table rows); target 1 s;
// (c) the overhead of "profile every query" on the bench's filter + sort query: the profile
//     (EXPLAIN (ANALYZE, FORMAT JSON) through the doorway + JSON.parse of the plan) against the same
//     query unprofiled, interleaved in the same page. With the setting on, a query costs its own run
//     plus the profile: 1 + this ratio.
import { repeat, tableNameOf } from '../lib.mjs';
import { measureInPage, openWithSchedule } from './plans-layout.mjs';

const TARGET_MS = 1000;
const FILTER_SORT = (t) =>
  `SELECT * FROM "${t}" WHERE category = 'knowledge' ORDER BY created_at DESC LIMIT 1000`;

/**
 * A native DuckDB 1.x profile with exactly n operators (deterministic): joins with two inputs,
 * filters/projections/aggregates with one, scans with none. `variant` keeps the tree and changes
 * timings and rows (a second run of the same query).
 */
export function profileText(n, variant = 0) {
  let s = 20261130 >>> 0;
  const rand = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  let m = (977 + variant * 7919) >>> 0;
  const metric = () => (m = (m * 22695477 + 1) >>> 0) / 2 ** 32;
  const unary = ['FILTER', 'PROJECTION', 'HASH_GROUP_BY', 'ORDER_BY', 'WINDOW'];
  let count = 0;
  let open = 1; // child slots not yet filled
  const make = () => {
    count++;
    open--;
    let type;
    if (count + open >= n) type = 'TABLE_SCAN';
    else if (open === 0) type = rand() < 0.5 ? 'HASH_JOIN' : unary[Math.floor(rand() * unary.length)];
    else {
      const r = rand();
      type = r < 0.3 ? 'HASH_JOIN' : r < 0.7 ? unary[Math.floor(rand() * unary.length)] : 'TABLE_SCAN';
    }
    const arity = type === 'HASH_JOIN' ? 2 : type === 'TABLE_SCAN' ? 0 : 1;
    open += arity;
    const rows = Math.floor(10 + metric() * 100000);
    const op = {
      operator_type: type,
      operator_name: type,
      operator_timing: Number((metric() * 0.002).toFixed(6)),
      operator_cardinality: rows,
      operator_rows_scanned: type === 'TABLE_SCAN' ? rows : 0,
      extra_info: {
        ...(type === 'TABLE_SCAN' ? { Table: `t${count}` } : {}),
        ...(type === 'HASH_JOIN' ? { 'Join Type': 'INNER', Conditions: `k${count} = k` } : {}),
        'Estimated Cardinality': String(Math.floor(10 + rand() * 100000)),
      },
      children: [],
    };
    for (let k = 0; k < arity; k++) op.children.push(make());
    return op;
  };
  const root = make();
  return JSON.stringify({ query_name: 'bench', latency: 0.5, cpu_time: 0.4, children: [root] });
}

function compareInPage({ timeoutMs }) {
  return new Promise((resolve, reject) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Compare plans');
    if (!button) return reject(new Error('no "Compare plans" button'));
    const found = () => document.querySelector('table[aria-label="Operator comparison"]');
    const timer = setTimeout(() => {
      mo.disconnect();
      reject(new Error('no comparison table'));
    }, timeoutMs);
    const mo = new MutationObserver(() => {
      if (!found()) return;
      mo.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() =>
        requestAnimationFrame(() =>
          resolve({ ms: performance.now() - t0, rows: found().querySelectorAll('tbody tr').length }),
        ),
      );
    });
    mo.observe(document.body, { subtree: true, childList: true });
    const t0 = performance.now();
    button.click();
  });
}

async function pasteAndOpen(page, text) {
  await page.getByLabel('Schedule JSON').evaluate((el, value) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  return page.evaluate(measureInPage, {
    action: { type: 'click', name: 'Open pasted JSON' },
    done: '1,000 nodes',
    timeoutMs: 60_000,
  });
}

export default {
  name: 'duckdb-plans',
  order: 46,
  sizes: ['10k', '100k'],
  async run(ctx) {
    const metrics = [];
    const runs = Math.max(3, ctx.runs);
    if (ctx.size === '10k') {
      const a = profileText(1000, 0);
      const b = profileText(1000, 1);
      const open = [];
      const compare = [];
      let compared = 0;
      for (let r = 0; r < runs; r++) {
        const page = await openWithSchedule(ctx, a);
        try {
          open.push(
            await page.evaluate(measureInPage, {
              action: { type: 'click', name: 'Open pasted JSON' },
              done: '1,000 nodes',
              timeoutMs: 60_000,
            }),
          );
          await pasteAndOpen(page, b);
          const c = await page.evaluate(compareInPage, { timeoutMs: 60_000 });
          compare.push(c.ms);
          compared = c.rows;
        } finally {
          await page.context().close();
        }
      }
      metrics.push(
        {
          metric: 'duckdb plans: 1,000-operator profile pasted -> parsed, laid out, painted',
          unit: 'ms',
          samples: open.map((x) => x.totalMs),
          target: TARGET_MS,
        },
        {
          metric: 'duckdb plans: 1,000-operator profile, longest main-thread task',
          unit: 'ms',
          samples: open.map((x) => x.maxLongTask),
        },
        {
          metric: `duckdb plans: two 1,000-operator plans compared -> table painted (${compared} rows)`,
          unit: 'ms',
          samples: compare,
          target: TARGET_MS,
        },
      );
    }

    // Profiling overhead on the loaded memory store.
    const page = await ctx.loadedPage();
    const table = await tableNameOf(page, ctx.fileName, ctx.tableName);
    const time = (sql, profiled) =>
      page.evaluate(
        async ({ sql, profiled }) => {
          const t0 = performance.now();
          const res = await window.__memscope.db.query(
            profiled ? `EXPLAIN (ANALYZE, FORMAT JSON)\n${sql}\n` : sql,
            { cache: false },
          );
          if (profiled) JSON.parse(String(res.table.getChild('explain_value').get(0)));
          else if (res.table.numRows === 0) throw new Error('query returned no rows');
          return performance.now() - t0;
        },
        { sql, profiled },
      );
    const sql = FILTER_SORT(table);
    await time(sql, false);
    await time(sql, true);
    const plain = [];
    const profiled = [];
    // Interleaved, so that both see the same machine.
    await repeat(ctx.runs, async () => {
      plain.push(await time(sql, false));
      profiled.push(await time(sql, true));
    });
    metrics.push({
      metric: `duckdb plans: filter + sort + LIMIT 1000 profiled (EXPLAIN ANALYZE + parse) @ ${ctx.size}`,
      unit: 'ms',
      samples: profiled,
      alternative: { name: 'the same query unprofiled', samples: plain },
    });
    return metrics;
  },
};

/**
 * DuckDB's own plans, generated here by the Node DuckDB-WASM build (the engine the app runs), read
 * by the plan core: joins, aggregates, window functions, semi-joins and LIMIT, analyzed and
 * estimated. The fixtures are produced in the test, never stored, so an engine upgrade that
 * changes the JSON shows up here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparePlanGraphs } from '../src/core/plan/compare-plans';
import { summarizeDuckDbPlan } from '../src/core/plan/duckdb-plan-summary';
import { parsePlanText } from '../src/core/plan/parse-plan';
import type { DuckDbPlanResult } from '../src/core/plan/duckdb-profile';
import { profileStatement } from '../src/core/sql/profile-statement';
import type { DbClient } from '../src/data/db/db-client';
import { createNodeDb } from './support/node-db';

let db: DbClient;

beforeAll(async () => {
  db = await createNodeDb();
  await db.query(
    `CREATE TABLE orders AS SELECT range AS id, range % 97 AS customer, (range * 7) % 1000 AS amount FROM range(20000)`,
  );
  await db.query(`CREATE TABLE customers AS SELECT range AS id, 'c' || range AS name FROM range(97)`);
}, 60_000);

afterAll(async () => {
  await db?.close();
});

async function profile(query: string): Promise<DuckDbPlanResult> {
  const statement = profileStatement(query);
  const result = await db.query(statement.sql, { cache: false });
  const json = String(result.table.getChild('explain_value')?.get(0));
  const parsed = parsePlanText(json);
  if (parsed.kind !== 'duckdb') throw new Error(`read as ${parsed.kind}`);
  return parsed.plan;
}

const kinds = (plan: DuckDbPlanResult) => plan.graph.nodes.map((n) => n.kind);
const extra = (plan: DuckDbPlanResult) =>
  plan.graph.nodes.flatMap((n) =>
    Object.entries(n.metrics)
      .filter(([k]) => k.startsWith('extra:'))
      .map(([k, v]) => `${k.slice(6)}=${String(v)}`),
  );

describe('EXPLAIN (ANALYZE, FORMAT JSON) from DuckDB-WASM', () => {
  it.each([
    {
      name: 'join',
      sql: 'SELECT c.name, o.amount FROM orders o JOIN customers c ON o.customer = c.id WHERE o.amount > 900',
      kind: /JOIN/,
      info: /Conditions=customer = id|Conditions=.*=/,
      rows: 1980, // amount = 7·id mod 1000 takes 901..999 twenty times each
    },
    {
      name: 'aggregate',
      sql: 'SELECT customer, sum(amount) AS s, count(*) AS n FROM orders GROUP BY customer',
      kind: /GROUP_BY/,
      info: /Aggregates=/,
      rows: 97,
    },
    {
      name: 'window function',
      sql: 'SELECT id, row_number() OVER (PARTITION BY customer ORDER BY amount) AS r FROM orders',
      kind: /WINDOW/,
      info: /ROW_NUMBER\(\) OVER/,
      rows: 20000,
    },
    {
      name: 'semi-join',
      sql: 'SELECT * FROM customers WHERE id IN (SELECT customer FROM orders WHERE amount = 7)',
      kind: /JOIN/,
      info: /Join Type=(SEMI|RIGHT_SEMI|MARK)/,
      rows: null,
    },
    {
      name: 'LIMIT',
      sql: 'SELECT * FROM orders ORDER BY amount DESC LIMIT 5',
      kind: /TOP_N|LIMIT/,
      info: /Table=orders/,
      rows: 5,
    },
  ])('$name', async ({ sql, kind, info, rows }) => {
    const plan = await profile(sql);
    expect(plan.problems).toEqual([]);
    expect(plan.shape).toBe('explain-analyze');
    expect(plan.analyzed).toBe(true);
    // Wrappers are not operators.
    expect(kinds(plan)).not.toContain('EXPLAIN_ANALYZE');
    expect(kinds(plan).some((k) => kind.test(k))).toBe(true);
    expect(
      extra(plan).filter((e) => info.test(e)),
      extra(plan).join(' | '),
    ).not.toEqual([]);
    // The operators' own times add up to the total (DuckDB's root latency is 0 here).
    const sum = plan.graph.nodes.reduce((s, n) => s + Number(n.metrics.timing_s ?? 0), 0);
    expect(plan.totalTimingS).toBeCloseTo(sum, 12);
    expect(plan.totalTimingS).toBeGreaterThan(0);
    expect(plan.query.latencyS).toBeNull();
    // Every operator but the root feeds exactly one parent: a tree.
    expect(plan.graph.edges).toHaveLength(plan.graph.nodes.length - 1);
    if (rows !== null) expect(plan.graph.nodes[0]!.metrics.cardinality).toBe(rows);
    const facts = summarizeDuckDbPlan(plan);
    expect(facts.summary.operators).toBe(plan.graph.nodes.length);
    expect(facts.summary.hottest_operator).not.toBeNull();
    expect(facts.summary.max_cardinality).toBeGreaterThanOrEqual(rows ?? 1);
  });

  it('reads the estimated plan of a plain EXPLAIN', async () => {
    const plan = await profile(
      'EXPLAIN SELECT * FROM orders o JOIN customers c ON o.customer = c.id LIMIT 3',
    );
    expect(plan.shape).toBe('explain');
    expect(plan.analyzed).toBe(false);
    expect(plan.totalTimingS).toBe(0);
    expect(kinds(plan).some((k) => /JOIN/.test(k))).toBe(true);
    expect(plan.graph.nodes.some((n) => typeof n.metrics.estimated_cardinality === 'number')).toBe(true);
  });

  it('matches two runs of one query with a different filter operator by operator', async () => {
    const q = (filter: string) =>
      `SELECT c.name, sum(o.amount) FROM orders o JOIN customers c ON o.customer = c.id WHERE ${filter} GROUP BY c.name`;
    const a = await profile(q('o.amount > 10'));
    const b = await profile(q('o.amount > 990'));
    const c = comparePlanGraphs(a.graph, b.graph);
    expect(c.added + c.removed).toBe(0);
    expect(c.matched).toBe(a.graph.nodes.length);
    // The filter keeps fewer rows in the second run: some operator's rows went down.
    expect(c.rows.some((r) => r.rowsA !== null && r.rowsB !== null && r.rowsB < r.rowsA)).toBe(true);
  });
});

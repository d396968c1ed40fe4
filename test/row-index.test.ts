import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC, type Table } from 'apache-arrow';
import type { DbClient, QueryOptions } from '../src/data/db/db-client';
import { createTableGridSource } from '../src/data/db/grid-source';
import { createRowIndex, dropRowIndex, ensureRowIndex, hasRowIndex } from '../src/data/db/row-index';
import { buildCountQuery, buildPageQuery, type Filter, type SortSpec } from '../src/core/sql/table-query';
import {
  KEY_BLOCK_ROWS,
  KEYED_PAGE_ROWS,
  ROW_INDEX_MIN_ROWS,
  TWO_STEP_MIN_MATCHES,
  fetchesByKey,
} from '../src/core/sql/row-index';
import { removeVectorsFromSql } from '../src/data/vectors/sql-vectors';
import { Workspace } from '../src/data/workspace';
import { InProcessParquetSource } from '../src/data/parquet/in-process-source';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { createNodeDb } from './support/node-db';

/**
 * Sorted pages in two steps through the row index (core/sql/row-index.ts): the same rows, in the
 * same order, as the one query they replace, for every kind of sort key DuckDB orders specially.
 */

const N = 60_000;
let db: DbClient;
/** The SQL each query through `recording` ran, to tell which route a page took. */
const ran: string[] = [];
let recording: DbClient;

beforeAll(async () => {
  initParquetWasmNode();
  db = await createNodeDb();
  recording = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'query')
        return (sql: string, options?: QueryOptions) => {
          ran.push(sql);
          return target.query(sql, options);
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  // Sort keys with NULLs, NaN, ±inf, long runs of ties, text and timestamps; __row in file order.
  await db.query(`CREATE TABLE pages AS
    SELECT range::BIGINT AS __row,
           ['experiences','knowledge','skills'][range % 3 + 1] AS category,
           CASE WHEN range % 97 = 0 THEN NULL
                WHEN range % 89 = 0 THEN 'nan'::DOUBLE
                WHEN range % 83 = 0 THEN 'inf'::DOUBLE
                WHEN range % 79 = 0 THEN '-inf'::DOUBLE
                ELSE ((range * 7919) % 1000) / 10.0 END AS score,
           CASE WHEN range % 101 = 0 THEN NULL ELSE 'note ' || (range % 5000) END AS content,
           TIMESTAMP '2026-01-01' + to_seconds((range * 31) % 86400) AS created_at
      FROM range(${N})`);
}, 60_000);

function cells(table: Table): unknown[][] {
  return table.toArray().map((row: Record<string, unknown>) => Object.values({ ...row }));
}

async function onePage(sort: SortSpec, filters: Filter[], offset: number, limit: number): Promise<Table> {
  const q = buildPageQuery({ table: 'pages', sort, filters, tiebreaker: '__row', offset, limit });
  return (await db.query(q.sql, { params: q.params, cache: false })).table;
}

describe('the row index', () => {
  it('is made only for tables that can reach the two-step threshold, and found by name', async () => {
    expect(ROW_INDEX_MIN_ROWS).toBeLessThanOrEqual(TWO_STEP_MIN_MATCHES);
    await ensureRowIndex(db, 'pages', ROW_INDEX_MIN_ROWS - 1);
    expect(await hasRowIndex(db, 'pages')).toBe(false);
    await ensureRowIndex(db, 'pages', N);
    expect(await hasRowIndex(db, 'pages')).toBe(true);
  });

  const sorts: SortSpec[] = [
    { column: 'score', direction: 'desc' },
    { column: 'score', direction: 'asc' },
    { column: 'content', direction: 'asc' },
    { column: 'created_at', direction: 'desc' },
  ];
  const filterSets: { name: string; filters: Filter[]; manyMatch: boolean }[] = [
    { name: 'no filter', filters: [], manyMatch: true },
    {
      name: 'not knowledge',
      filters: [{ column: 'category', op: '!=', value: 'knowledge' }],
      manyMatch: false,
    },
    { name: 'score >= 0', filters: [{ column: 'score', op: '>=', value: 0 }], manyMatch: true },
    { name: 'nothing', filters: [{ column: 'score', op: '>', value: 1000 }], manyMatch: false },
  ];

  for (const sort of sorts)
    for (const set of filterSets)
      it(`pages sorted by ${sort.column} ${sort.direction}, ${set.name}, as the one query does`, async () => {
        ran.length = 0;
        const source = await createTableGridSource(recording, { table: 'pages', sort, filters: set.filters });
        // Made with its first page, read by key, which gives the column types: no zero-row probe.
        expect(ran.some((sql) => / IN \(|WHERE FALSE/.test(sql))).toBe(true);
        expect(ran.some((sql) => /LIMIT 0 /.test(sql))).toBe(false);
        const probed = (await db.query('SELECT * FROM pages LIMIT 0')).table.schema.fields;
        expect(source.columns.map((c) => [c.name, String(c.type)])).toEqual(
          probed.map((f) => [f.name, String(f.type)]),
        );
        expect(source.rowCount >= TWO_STEP_MIN_MATCHES).toBe(set.manyMatch);
        // The count came with the first keys: every match, not the first block's.
        const counted = buildCountQuery({ table: 'pages', filters: set.filters });
        const n = Number(
          (await db.query(counted.sql, { params: counted.params })).table.getChildAt(0)?.get(0),
        );
        expect(source.rowCount).toBe(n);
        // A source read by key asks the grid for screen-sized pages.
        expect(source.pageSize).toBe(KEYED_PAGE_ROWS);
        for (const [offset, limit, byKey] of [
          // 1,000 rows: by key only when the one query would scan many matching rows.
          [0, 1000, set.manyMatch],
          // Screen-sized pages go by key: the first (read with the source), one across two key
          // blocks, a middle one...
          [0, KEYED_PAGE_ROWS, true],
          [990, 20, true],
          [12_345, 256, true],
          // ...the last, one that runs past the end, and one wholly past it.
          [n - KEYED_PAGE_ROWS, KEYED_PAGE_ROWS, true],
          [n - 5, KEYED_PAGE_ROWS, true],
          [n, KEYED_PAGE_ROWS, true],
        ] as const) {
          expect(fetchesByKey(limit, n)).toBe(byKey);
          ran.length = 0;
          const page = await source.fetchRows(offset, limit);
          // Rows of the first page come from the page read with the source: no query.
          const held = offset >= 0 && offset + limit <= KEYED_PAGE_ROWS;
          if (held) expect(ran).toEqual([]);
          else expect(ran.some((sql) => / IN \(|WHERE FALSE/.test(sql))).toBe(byKey);
          const expected = await onePage(sort, set.filters, offset, limit);
          expect(page.numRows).toBe(expected.numRows);
          expect(cells(page)).toEqual(cells(expected));
        }
      });

  it('reads the first key block with the count, and each later block with one query for all its pages', async () => {
    const source = await createTableGridSource(recording, {
      table: 'pages',
      sort: { column: 'content', direction: 'desc' },
    });
    const keyQueries = () => new Set(ran.filter((sql) => /^SELECT "__row" FROM/.test(sql))).size;
    ran.length = 0;
    for (let offset = 0; offset + KEYED_PAGE_ROWS <= KEY_BLOCK_ROWS; offset += KEYED_PAGE_ROWS)
      await source.fetchRows(offset, KEYED_PAGE_ROWS);
    expect(keyQueries()).toBe(0);
    await source.fetchRows(KEY_BLOCK_ROWS - 1, 2);
    await source.fetchRows(KEY_BLOCK_ROWS + KEYED_PAGE_ROWS, KEYED_PAGE_ROWS);
    expect(keyQueries()).toBe(1);
  });

  it('is not used once dropped: pages come from the one query again', async () => {
    await dropRowIndex(db, 'pages');
    const source = await createTableGridSource(recording, {
      table: 'pages',
      sort: { column: 'score', direction: 'desc' },
    });
    expect(source.pageSize).toBeUndefined();
    ran.length = 0;
    const page = await source.fetchRows(0, 100);
    expect(ran.some((sql) => / IN \(/.test(sql))).toBe(false);
    expect(cells(page)).toEqual(cells(await onePage({ column: 'score', direction: 'desc' }, [], 0, 100)));
    await createRowIndex(db, 'pages');
  });

  it('steps aside for "Remove vectors from SQL" (DuckDB refuses DROP COLUMN on an indexed table)', async () => {
    await db.query(
      `CREATE TABLE with_vectors AS SELECT range::BIGINT AS __row, [range, 1]::FLOAT[2] AS v FROM range(10)`,
      { cache: false },
    );
    await createRowIndex(db, 'with_vectors');
    // A user's own ALTER is refused, with a hint that says why and what to do.
    await expect(db.query('ALTER TABLE with_vectors DROP COLUMN v', { cache: false })).rejects.toMatchObject({
      hint: expect.stringMatching(/DROP INDEX/) as unknown,
    });
    await removeVectorsFromSql(db, 'with_vectors', 'v');
    const columns = await db.query('SELECT * FROM with_vectors LIMIT 0', { cache: false });
    expect(columns.table.schema.fields.map((f) => f.name)).toEqual(['__row']);
    expect(await hasRowIndex(db, 'with_vectors')).toBe(true);
  });

  it('is made by an opened file once it is ready, for big files only', async () => {
    const ws = new Workspace({
      db,
      createSource: (file, name, budgets) => new InProcessParquetSource(file, name, budgets),
    });
    const arrowFile = (rows: number, name: string) => {
      const ipc = tableToIPC(tableFromArrays({ id: Int32Array.from({ length: rows }, (_, i) => i) }), 'file');
      return new File([ipc as Uint8Array<ArrayBuffer>], name);
    };
    const big = ws.open(arrowFile(ROW_INDEX_MIN_ROWS, 'big.arrow'), 'big.arrow');
    const small = ws.open(arrowFile(1000, 'small.arrow'), 'small.arrow');
    expect((await big.done).status).toBe('ready');
    expect((await small.done).status).toBe('ready');
    await expect.poll(() => hasRowIndex(db, big.tableName)).toBe(true);
    expect(await hasRowIndex(db, small.tableName)).toBe(false);
    // Closing the file drops its table, and the index with it.
    await big.close();
    expect(await hasRowIndex(db, big.tableName)).toBe(false);
  });
});

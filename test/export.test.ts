import { readFile } from 'node:fs/promises';
import { registeredPath } from '../src/data/db/lockdown';
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { readParquet } from 'parquet-wasm/esm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbClient } from '../src/data/db/db-client';
import { exportSource, exportTable, textSink, type ExportRequest } from '../src/data/export/export-table';
import { createSqlGridSource } from '../src/data/db/grid-source';
import type { ColumnPlan } from '../src/core/schema/column-plan';
import type { HeavyColumnStore, HeavyValue } from '../src/data/heavy-store';
import { inProcessParquetSink } from '../src/data/export/parquet-sink';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { corpusPath } from './support/corpus';
import { createNodeDb } from './support/node-db';

/**
 * Export end to end over a corpus file: the rows exported (filtered, sorted, in several pages) are
 * read back — CSV by DuckDB's read_csv, Parquet by parquet-wasm — and compared with the same
 * query on the source table, row for row, with EXCEPT ALL both ways and the order checked.
 */

let db: DbClient;
const COLUMNS = `id, bool_col, tinyint_col, int_col, bigint_col, float_col, double_col, timestamp_col`;

beforeAll(async () => {
  initParquetWasmNode();
  db = await createNodeDb();
  const bytes = await readFile(corpusPath('parquet-testing/data/alltypes_plain.parquet'));
  const ipc = readParquet(new Uint8Array(bytes)).intoIPCStream();
  await db.insertArrowIpc('alltypes_raw', ipc, { create: true });
  // Strings are BINARY in this file; the export writes bytes as hex, so keep the text columns as text.
  await db.query(
    `CREATE TABLE alltypes AS SELECT ${COLUMNS}, CAST(string_col AS VARCHAR) AS string_col, ` +
      `(9007199254740993 + id)::BIGINT AS big, row_number() OVER () - 1 AS __row FROM alltypes_raw`,
  );
}, 60_000);
afterAll(async () => {
  await db?.close();
});

const request: ExportRequest = {
  table: 'alltypes',
  filters: [{ column: 'id', op: '>=', value: 2 }],
  sort: { column: 'int_col', direction: 'desc' },
  tiebreaker: '__row',
  pageRows: 2,
};
const expectedSql = `SELECT * EXCLUDE (__row) FROM alltypes WHERE id >= 2 ORDER BY int_col DESC NULLS LAST, __row`;

async function sameRows(actual: string): Promise<void> {
  for (const [a, b] of [
    [expectedSql, actual],
    [actual, expectedSql],
  ]) {
    const r = await db.query(`SELECT count(*) AS n FROM ((${a}) EXCEPT ALL (${b}))`, { cache: false });
    expect(Number(r.table.getChild('n')?.get(0))).toBe(0);
  }
  const expectedIds = (await db.query(expectedSql, { cache: false })).table.getChild('id')!.toArray();
  const actualIds = (await db.query(actual, { cache: false })).table.getChild('id')!.toArray();
  expect(Array.from(actualIds)).toEqual(Array.from(expectedIds));
}

describe('export', () => {
  it('CSV reads back equal with DuckDB read_csv', async () => {
    const progress: number[] = [];
    const blob = await exportTable(
      db,
      { ...request, onProgress: (done) => progress.push(done) },
      textSink('csv'),
    );
    expect(progress).toEqual([0, 2, 4, 6]);
    await db.registerFile('export.csv', blob);
    const types = (await db.query(`DESCRIBE ${expectedSql}`, { cache: false })).table;
    const columns = Array.from({ length: types.numRows }, (_, i) => {
      const name = String(types.getChild('column_name')?.get(i));
      return `'${name}': '${String(types.getChild('column_type')?.get(i))}'`;
    }).join(', ');
    // Registered files live under the locked engine's one readable directory (lockdown.ts).
    await sameRows(
      `SELECT * FROM read_csv('${registeredPath('export.csv')}', header = true, columns = {${columns}})`,
    );
  });

  it('JSON Lines keeps every integer exact', async () => {
    const text = await (await exportTable(db, request, textSink('jsonl'))).text();
    const rows = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const expected = (await db.query(expectedSql, { cache: false })).table;
    expect(rows.map((r) => r.id)).toEqual(Array.from(expected.getChild('id')!.toArray(), Number));
    expect(rows.map((r) => r.big)).toEqual(
      Array.from({ length: expected.numRows }, (_, i) => String(expected.getChild('big')!.get(i))),
    );
    expect(Object.keys(rows[0]!)).not.toContain('__row');
  });

  it('in file order, pages follow __row (keyset) and still give every row once, in order', async () => {
    // Unsorted: the pages are `__row > last`, not OFFSET; `__row` itself is not written.
    const fileOrder: ExportRequest = {
      table: 'alltypes',
      filters: request.filters,
      tiebreaker: '__row',
      pageRows: 2,
    };
    const progress: number[] = [];
    const text = await (
      await exportTable(db, { ...fileOrder, onProgress: (d) => progress.push(d) }, textSink('jsonl'))
    ).text();
    const rows = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const expected = (
      await db.query('SELECT * EXCLUDE (__row) FROM alltypes WHERE id >= 2 ORDER BY __row', { cache: false })
    ).table;
    expect(rows.map((r) => r.id)).toEqual(Array.from(expected.getChild('id')!.toArray(), Number));
    expect(Object.keys(rows[0]!)).toEqual(expected.schema.fields.map((f) => f.name));
    expect(progress.at(-1)).toBe(expected.numRows);
    // A DuckDB column the view does not show (a file's vectors added to SQL) is not written.
    const lean = await (
      await exportTable(db, { ...fileOrder, leaveOut: ['string_col'] }, textSink('jsonl'))
    ).text();
    expect(Object.keys(JSON.parse(lean.split('\n')[0]!) as object)).toEqual(
      expected.schema.fields.map((f) => f.name).filter((n) => n !== 'string_col'),
    );
    const parquet = await exportTable(db, fileOrder, inProcessParquetSink(2));
    const back = tableFromIPC(readParquet(new Uint8Array(await parquet.arrayBuffer())).intoIPCStream());
    expect(back.schema.fields.map((f) => f.name)).toEqual(expected.schema.fields.map((f) => f.name));
    expect(Array.from(back.getChild('id')!.toArray(), Number)).toEqual(
      Array.from(expected.getChild('id')!.toArray(), Number),
    );
  });

  it('Parquet (parquet-wasm writer) reads back equal with parquet-wasm', async () => {
    const blob = await exportTable(db, request, inProcessParquetSink(2));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const back = tableFromIPC(readParquet(bytes).intoIPCStream());
    expect(back.schema.fields.map((f) => f.name)).not.toContain('__row');
    await db.insertArrowIpc('exported', tableToIPC(back, 'stream'), { create: true });
    await sameRows('SELECT * FROM exported');
  });
});

describe('export of a SQL result', () => {
  // A result with a repeated column name and `__row` selected: every column is written, in order.
  const sql = `SELECT id, int_col AS a, bigint_col AS a, big, __row FROM alltypes WHERE id >= 2 ORDER BY id`;

  it('CSV holds every row of the result, in pages, each column under its own name', async () => {
    const { source } = await createSqlGridSource(db, sql);
    const progress: number[] = [];
    const blob = await exportSource(
      source,
      { pageRows: 2, onProgress: (d) => progress.push(d) },
      textSink('csv'),
    );
    const lines = (await blob.text()).trim().split('\n');
    expect(lines[0]).toBe('id,a,a_1,big,__row');
    const expected = (await db.query(sql, { cache: false })).table;
    expect(lines.length - 1).toBe(expected.numRows);
    expect(progress.at(-1)).toBe(expected.numRows);
    lines.slice(1).forEach((line, i) => {
      const cells = [0, 1, 2, 3, 4].map((c) => String(expected.getChildAt(c)?.get(i)));
      expect(line).toBe(cells.join(','));
    });
  });

  it('Parquet reads back equal, column by column', async () => {
    const { source } = await createSqlGridSource(db, sql);
    const blob = await exportSource(source, { pageRows: 3 }, inProcessParquetSink(3));
    const back = tableFromIPC(readParquet(new Uint8Array(await blob.arrayBuffer())).intoIPCStream());
    const expected = (await db.query(sql, { cache: false })).table;
    expect(back.schema.fields.map((f) => f.name)).toEqual(['id', 'a', 'a_1', 'big', '__row']);
    for (let c = 0; c < 5; c++) {
      expect(Array.from(back.getChildAt(c)!.toArray() as ArrayLike<unknown>)).toEqual(
        Array.from(expected.getChildAt(c)!.toArray() as ArrayLike<unknown>),
      );
    }
  });
});

describe('export with heavy columns read from the file', () => {
  // A heavy store stand-in: a vector and bytes per file row, derived from the row; `evictEvery`
  // makes a value missing right after ensure() (evicted under the budget), as a real store may.
  function fakeHeavy(evictEvery = 0) {
    const vector = (row: number) => Float32Array.from([row, row / 2, -row]);
    const bytes = (row: number) => Uint8Array.from([row, 255 - row]);
    let peeks = 0;
    const loaded = new Set<number>();
    const store: HeavyColumnStore = {
      columns: ['vec', 'blob', 'note'],
      peek(column, row): HeavyValue | undefined {
        peeks++;
        if (!loaded.has(row) || (evictEvery > 0 && peeks % evictEvery === 0)) return undefined;
        if (column === 'note') return row % 2 === 0 ? `long text of row ${row} ✓` : null;
        return column === 'vec' ? vector(row) : bytes(row);
      },
      ensure(_column, rows) {
        for (const r of rows) loaded.add(r);
        return Promise.resolve();
      },
      dispose() {},
    };
    return { store, vector, bytes };
  }
  const plan = (name: string, extra: Partial<ColumnPlan> = {}): ColumnPlan =>
    ({ name, label: name, arrowType: 'Int32', destination: 'duckdb', role: 'other', ...extra }) as ColumnPlan;
  // The file's order: the heavy columns sit between DuckDB's.
  const columns = [
    plan('id'),
    plan('vec', { destination: 'heavy', arrowType: 'FixedSizeList[3]<Float32>', vectorDim: 3 }),
    plan('int_col'),
    plan('blob', { destination: 'heavy', arrowType: 'Binary' }),
    plan('string_col', { label: 'text' }),
    plan('note', { destination: 'heavy', arrowType: 'Utf8' }),
  ];

  it.each([0, 3])(
    'Parquet holds them in the file order, by row (eviction every %i reads)',
    async (evictEvery) => {
      const { store, vector, bytes } = fakeHeavy(evictEvery);
      const blob = await exportTable(
        db,
        { ...request, labels: new Map([['string_col', 'text']]), heavy: { store, columns } },
        inProcessParquetSink(2),
      );
      const back = tableFromIPC(readParquet(new Uint8Array(await blob.arrayBuffer())).intoIPCStream());
      expect(back.schema.fields.map((f) => f.name)).toEqual(['id', 'vec', 'int_col', 'blob', 'text', 'note']);
      const rows = (
        await db.query(`SELECT __row, id FROM (${expectedSql.replace('EXCLUDE (__row)', '')})`, {
          cache: false,
        })
      ).table;
      expect(back.numRows).toBe(rows.numRows);
      for (let i = 0; i < back.numRows; i++) {
        const fileRow = Number(rows.getChild('__row')!.get(i));
        expect(Number(back.getChild('id')!.get(i))).toBe(Number(rows.getChild('id')!.get(i)));
        expect(Array.from(back.getChild('vec')!.get(i) as Iterable<number>)).toEqual(
          Array.from(vector(fileRow)),
        );
        expect(Array.from(back.getChild('blob')!.get(i) as Uint8Array)).toEqual(Array.from(bytes(fileRow)));
        expect(back.getChild('note')!.get(i)).toBe(
          fileRow % 2 === 0 ? `long text of row ${fileRow} ✓` : null,
        );
      }
    },
  );

  it('CSV writes a vector as a JSON array and bytes as hex', async () => {
    const { store } = fakeHeavy();
    const text = await (
      await exportTable(db, { ...request, heavy: { store, columns } }, textSink('csv'))
    ).text();
    const [header, first] = text.split('\n');
    expect(header).toBe('id,vec,int_col,blob,string_col,note');
    const fileRow = Number(
      (
        await db.query(
          `SELECT __row FROM alltypes WHERE id >= 2 ORDER BY int_col DESC NULLS LAST, __row LIMIT 1`,
          {
            cache: false,
          },
        )
      ).table
        .getChildAt(0)!
        .get(0),
    );
    const hex = [fileRow, 255 - fileRow].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(first).toContain(`"[${fileRow},${fileRow / 2},${-fileRow}]"`);
    expect(first).toContain(`,${hex},`);
  });
});

describe('a sorted export pages by key, not OFFSET', () => {
  // Sort keys with every case the order has: NULLs (last), NaN (above +inf), ±inf, -0.0 and 0.0,
  // repeated keys (the tiebreaker decides), doubles with no short decimal form, strings with quotes,
  // backslashes and non-ASCII letters, timestamps to the microsecond (with and without a zone), dates,
  // decimals, integers past 2^53. `__row` is a permutation of `id`, so the tiebreaker's order is not
  // the id's.
  const N = 257;
  beforeAll(async () => {
    await db.query(
      `CREATE TABLE sortkeys AS SELECT i AS id,
        CASE i % 11 WHEN 0 THEN NULL WHEN 1 THEN 'nan'::DOUBLE WHEN 2 THEN 'inf'::DOUBLE
          WHEN 3 THEN '-inf'::DOUBLE WHEN 4 THEN -0.0::DOUBLE WHEN 5 THEN 0.0::DOUBLE
          ELSE ((i * 7919) % 13) / 3.0 + 0.1 END AS d,
        CASE i % 6 WHEN 0 THEN NULL WHEN 1 THEN 'nan'::FLOAT ELSE (i % 5)::FLOAT / 3 END AS f,
        CASE WHEN i % 7 = 0 THEN NULL
          ELSE ['', 'a', 'B', 'it''s', 'é', 'a b', 'zz', 'back\\slash'][i % 8 + 1] END AS s,
        CASE WHEN i % 9 = 0 THEN NULL
          ELSE TIMESTAMP '2024-01-01 00:00:00.000001' + to_microseconds((i * 104729) % 50) END AS ts,
        CAST(TIMESTAMP '2024-03-01 12:00:00.5' + to_microseconds((i * 7) % 30) AS TIMESTAMPTZ) AS tz,
        CASE WHEN i % 5 = 0 THEN NULL ELSE DATE '2024-01-01' + CAST(i % 40 AS INTEGER) END AS day,
        CAST(((i * 31) % 17) / 4 AS DECIMAL(9,3)) AS dec,
        (9007199254740993 + (i % 6))::BIGINT AS big,
        [i % 3] AS lst,
        (i * 37) % ${N} AS __row
      FROM range(${N}) AS t(i)`,
    );
  });

  /** A sink that keeps every page's rows as text (String of each value) and counts its pages. */
  function rowsSink() {
    const rows: string[] = [];
    const sink = {
      page(table: Table) {
        for (let i = 0; i < table.numRows; i++)
          rows.push(table.schema.fields.map((_, c) => String(table.getChildAt(c)?.get(i))).join('|'));
      },
      finish: () => Promise.resolve([]),
      abort() {},
    };
    return { rows, sink };
  }

  /** Whether a page was read by OFFSET (the schema probe's `LIMIT 0 OFFSET 0` has no ORDER BY). */
  const pagedByOffset = (seen: string[]) => seen.some((sql) => /\bORDER BY\b.*\bOFFSET\b/is.test(sql));

  /** The DbClient, with every SQL it is asked kept. */
  function watched(): { client: DbClient; seen: string[] } {
    const seen: string[] = [];
    const client = new Proxy(db, {
      get(target, key) {
        if (key === 'query')
          return (sql: string, options?: Parameters<DbClient['query']>[1]) => {
            seen.push(sql);
            return target.query(sql, options);
          };
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { client, seen };
  }

  const cases = ['d', 'f', 's', 'ts', 'tz', 'day', 'dec', 'big', 'id'].flatMap((column) =>
    (['asc', 'desc'] as const).flatMap((direction) =>
      [false, true].map((filtered) => ({ column, direction, filtered })),
    ),
  );

  it.each(cases)('by $column $direction (filtered: $filtered)', async ({ column, direction, filtered }) => {
    const { client, seen } = watched();
    const { rows, sink } = rowsSink();
    const filters = filtered ? [{ column: 'id', op: '>=' as const, value: 40 }] : [];
    const progress: number[] = [];
    await exportTable(
      client,
      {
        table: 'sortkeys',
        sort: { column, direction },
        filters,
        tiebreaker: '__row',
        pageRows: 4,
        onProgress: (done) => progress.push(done),
      },
      sink,
    );
    const expected = (
      await db.query(
        `SELECT * EXCLUDE (__row) FROM sortkeys ${filtered ? 'WHERE id >= 40' : ''} ` +
          `ORDER BY "${column}" ${direction.toUpperCase()} NULLS LAST, __row`,
        { cache: false },
      )
    ).table;
    const want: string[] = [];
    for (let i = 0; i < expected.numRows; i++)
      want.push(expected.schema.fields.map((_, c) => String(expected.getChildAt(c)?.get(i))).join('|'));
    expect(rows).toEqual(want);
    // Pages of 4 rows (the reads hold 40), progress after each.
    expect(progress.at(-1)).toBe(expected.numRows);
    expect(progress.slice(0, 3)).toEqual([0, 4, 8]);
    expect(pagedByOffset(seen)).toBe(false);
  });

  it('a key whose type cannot bound a read (a list) still exports in order, by OFFSET', async () => {
    const { client, seen } = watched();
    const { rows, sink } = rowsSink();
    await exportTable(
      client,
      { table: 'sortkeys', sort: { column: 'lst', direction: 'desc' }, tiebreaker: '__row', pageRows: 10 },
      sink,
    );
    const expected = (
      await db.query(`SELECT id FROM sortkeys ORDER BY lst DESC NULLS LAST, __row`, { cache: false })
    ).table;
    expect(rows.map((r) => Number(r.split('|')[0]))).toEqual(
      Array.from(expected.getChild('id')!.toArray(), Number),
    );
    expect(pagedByOffset(seen)).toBe(true);
  });

  it('CSV and Parquet of a sorted, filtered export read back in the same order', async () => {
    const req: ExportRequest = {
      table: 'sortkeys',
      sort: { column: 'd', direction: 'desc' },
      filters: [{ column: 'id', op: '>=', value: 40 }],
      tiebreaker: '__row',
      pageRows: 7,
    };
    const want = Array.from(
      (
        await db.query(`SELECT id FROM sortkeys WHERE id >= 40 ORDER BY d DESC NULLS LAST, __row`, {
          cache: false,
        })
      ).table
        .getChild('id')!
        .toArray(),
      Number,
    );
    const csv = await (await exportTable(db, req, textSink('csv'))).text();
    expect(
      csv
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => Number(l.split(',')[0])),
    ).toEqual(want);
    const parquet = await exportTable(db, req, inProcessParquetSink(7));
    const back = tableFromIPC(readParquet(new Uint8Array(await parquet.arrayBuffer())).intoIPCStream());
    expect(Array.from(back.getChild('id')!.toArray(), Number)).toEqual(want);
  });
});
